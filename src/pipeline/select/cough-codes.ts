import type { CodeSet } from '../../codes/code-set.js';
import { sentenceAround } from '../cpt/em/em-doc.js';
import type { DetectResult, Suppressed } from '../../core/types.js';
import { NUMBER_WORDS } from '../../text/number-words.js';

const NUMBER = String.raw`(\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')}|a|one)`;
/** A duration: "for 5 days", "9-day history", "two weeks of", "x3 weeks", "for a month". */
const DURATION = new RegExp(String.raw`\b${NUMBER}[\s-]*(days?|weeks?|wks?|months?|mos?)\b`, 'i');

/** The duration in days, when the text states one. */
function durationDays(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m?.[1] === undefined || m[2] === undefined) {
    return undefined;
  }
  const word = m[1].toLowerCase();
  const n = word === 'a' ? 1 : (NUMBER_WORDS[word] ?? Number(word));
  const unit = m[2].toLowerCase();
  return unit.startsWith('d') ? n : unit.startsWith('w') ? n * 7 : n * 30;
}

/** The R05 code a sentence's acuity word or stated duration gives, if any. */
function byDuration(sentence: string): string | undefined {
  if (/\bchronic\b/i.test(sentence)) {
    return 'R05.3';
  }
  if (/\bsubacute\b/i.test(sentence)) {
    return 'R05.2';
  }
  if (/\bacute\b/i.test(sentence)) {
    return 'R05.1';
  }
  const days = durationDays(sentence);
  return days === undefined ? undefined : days < 21 ? 'R05.1' : days <= 56 ? 'R05.2' : 'R05.3';
}

/**
 * Cough by its duration (the Tabular List's R05 subcategories): a billed unspecified cough (R05.9) whose
 * sentence states how long it has lasted, or that calls it acute, subacute or chronic, becomes acute
 * (R05.1, under three weeks), subacute (R05.2, three to eight weeks) or chronic (R05.3, over eight weeks).
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function coughCodes(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const cough = result.suggestions.find((s) => s.code === 'R05.9' && s.confidence >= operating);
  if (cough === undefined) {
    return result;
  }
  let code: string | undefined;
  for (const ev of cough.evidence) {
    const sentence = sentenceAround(text, ev.start, ev.end);
    code ??= byDuration(text.slice(sentence.start, sentence.end));
  }
  const info = code === undefined ? undefined : codeSet.lookup(code)[0];
  if (code === undefined || info === undefined || result.suggestions.some((s) => s.code === code)) {
    return result;
  }
  const replaced: Suppressed = {
    ...cough,
    reason: 'less-specific',
    reasons: [...cough.reasons, `the note says how long the cough has lasted: ${code}`],
  };
  return {
    ...result,
    suggestions: result.suggestions.map((s) =>
      s === cough
        ? {
            ...s,
            code,
            title: info.title,
            reasons: [...s.reasons, `cough by its stated duration: ${code} rather than R05.9`],
          }
        : s,
    ),
    suppressed: [...result.suppressed, replaced],
  };
}
