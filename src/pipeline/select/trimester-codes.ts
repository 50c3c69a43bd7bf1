import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Evidence, Suggestion } from '../../core/types.js';
import { billableUnder } from './bilateral-codes.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { statedCode } from './stated-code.js';

export type Trimester = 'first' | 'second' | 'third';

/** "Third trimester", "2nd trimester": the trimester the note names. */
const NAMED = /\b(first|second|third|1st|2nd|3rd)\s+trimester\b/i;
/**
 * A stated gestational age: "at 38 weeks", "38 weeks gestation", "36-1/2 weeks pregnant", "EGA 24 weeks",
 * "gestational age of 31 weeks", "IUP at 12+3 weeks", "39 plus weeks gestation". A bare duration ("for 6 weeks") is not one.
 */
const WEEKS = [
  /\b(?:at|of)\s+(\d{1,2})(?:\s*(?:and\s+|-)?\d\/\d(?:st|nd|rd|th)?|\s*\+\s*\d|\.\d|\s*\+|\s+plus)?[-\s]*(?:weeks?|wks?)\b(?!\s+(?:ago|before|prior|later|after|postpartum|post|duration))/i,
  /\b(\d{1,2})(?:\s*(?:and\s+|-)?\d\/\d(?:st|nd|rd|th)?|\s*\+\s*\d|\.\d|\s*\+|\s+plus)?[-\s]*(?:weeks?|wks?)(?:'|\s+of)?\s+(?:gestation|gestational|pregnan|GA\b|EGA\b|IUP\b|intrauterine)/i,
  /\b(?:EGA|GA|gestational age)\b(?:\s+(?:of|is|was|at))?[:\s]+(\d{1,2})\b/i,
];

/** The trimester of a gestational age in completed weeks (guideline I.C.15.a.3 and the chapter note). */
export function trimesterOfWeeks(weeks: number): Trimester {
  return weeks < 14 ? 'first' : weeks < 28 ? 'second' : 'third';
}

/** The first stated gestational age in completed weeks (4–44), with the words that state it. */
export function statedGestation(text: string): { weeks: number; evidence: Evidence } | undefined {
  let first: { weeks: number; evidence: Evidence } | undefined;
  for (const pattern of WEEKS) {
    const m = pattern.exec(text);
    const weeks = Number(m?.[1]);
    if (
      m !== null &&
      weeks >= 4 &&
      weeks <= 44 &&
      (first === undefined || m.index < first.evidence.start)
    ) {
      const end = m.index + m[0].length;
      first = { weeks, evidence: { start: m.index, end, text: text.slice(m.index, end) } };
    }
  }
  return first;
}

/** The trimester the note documents: named, else from the first stated gestational age. */
export function noteTrimester(text: string): Trimester | undefined {
  const named = NAMED.exec(text)?.[1]?.toLowerCase();
  if (named !== undefined) {
    return named.startsWith('f') || named === '1st'
      ? 'first'
      : named.startsWith('s') || named === '2nd'
        ? 'second'
        : 'third';
  }
  const stated = statedGestation(text);
  return stated === undefined ? undefined : trimesterOfWeeks(stated.weeks);
}

/** The weeks-of-gestation code of a gestational age (Z3A.08–Z3A.42, Z3A.49 beyond 42 weeks). */
export function weeksCode(weeks: number): string {
  return weeks < 8 ? 'Z3A.01' : weeks > 42 ? 'Z3A.49' : `Z3A.${String(weeks).padStart(2, '0')}`;
}

/** Pregnancy conditions the weeks of gestation go with: not abortive outcomes (O00–O08), not the puerperium. */
const PREGNANCY = /^O(?:09|[1-7]\d)/;

const UNSPECIFIED = /\bunspecified trimester\b/i;

/**
 * A pregnancy condition billed with "unspecified trimester" when the note documents the trimester, named
 * or as a gestational age ("at 38 weeks" is the third): the code of that trimester is reported instead
 * (guideline I.C.15.a.3: the unspecified trimester code is for when the documentation does not allow the
 * trimester to be determined). A category without a code for that trimester keeps its code.
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles and hierarchy)
 * @param operating - the note's operating threshold
 */
export function trimesterCodes(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const dated = weeksOfGestation(result, text, codeSet, operating);
  const open = dated.suggestions.filter(
    (s) => billedDiagnosis(s, operating) && s.code.startsWith('O') && UNSPECIFIED.test(s.title),
  );
  if (open.length === 0) {
    return dated;
  }
  const trimester = noteTrimester(text);
  if (trimester === undefined) {
    return dated;
  }
  const billed = new Set(dated.suggestions.map((s) => s.code));
  const swapped = new Map<Suggestion, Suggestion>();
  for (const s of open) {
    const title = s.title.replace(UNSPECIFIED, `${trimester} trimester`).toLowerCase();
    const target = billableUnder(codeSet, s.code.slice(0, 3)).find(
      (c) => c.title.toLowerCase() === title,
    );
    if (target === undefined || billed.has(target.code)) {
      continue;
    }
    billed.add(target.code);
    swapped.set(s, {
      ...s,
      code: target.code,
      title: target.title,
      reasons: [
        ...s.reasons,
        `the note documents the ${trimester} trimester: ${target.code} instead of the unspecified trimester ${s.code} (guideline I.C.15.a.3)`,
      ],
    });
  }
  if (swapped.size === 0) {
    return dated;
  }
  return { ...dated, suggestions: dated.suggestions.map((s) => swapped.get(s) ?? s) };
}

/**
 * Weeks of gestation beside a billed pregnancy condition or delivery outcome (the chapter 15 note: "use additional code from
 * category Z3A, weeks of gestation, to identify the specific week of the pregnancy, if known"): the Z3A
 * code of the gestational age the note states is reported; other Z3A suggestions (read from a number
 * elsewhere, or "weeks not specified") give way to it.
 */
function weeksOfGestation(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  if (
    !result.suggestions.some(
      (s) => billedDiagnosis(s, operating) && (PREGNANCY.test(s.code) || s.code.startsWith('Z37.')),
    )
  ) {
    return result;
  }
  const stated = statedGestation(text);
  if (stated === undefined) {
    return result;
  }
  const { weeks, evidence } = stated;
  const code = weeksCode(weeks);
  if (!codeSet.isBillable(code, 'ICD-10-CM')) {
    return result;
  }
  const why = `${weeks} weeks of gestation stated beside a pregnancy condition: ${code} (Tabular List, chapter 15)`;
  return statedCode(result, { code, evidence, why, family: 'Z3A.' }, codeSet, operating);
}
