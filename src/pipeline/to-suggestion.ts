import type { Evidence, Suggestion } from '../core/types.js';
import { candidateAssertion, type Candidate, type MentionSource } from './candidate.js';

const DICT_SOURCES = new Set<MentionSource>(['index', 'title', 'inclusion', 'synonym', 'neoplasm']);

/** A candidate as the result shows it: evidence (dictionary words first), assertion, modifiers, reasons. */
export function toSuggestion(c: Candidate): Suggestion {
  // The dictionary's evidence first: it is what names the condition; learned phrases of a sentence
  // follow, then the document-level ones (which only say such notes tend to carry the code).
  const rank = (source: MentionSource): number =>
    source === 'learned-doc' ? 2 : source === 'learned' ? 1 : 0;
  // Within a rank, the mentions that decided the assertion first ("no pneumonia" before "sputum").
  const assertion = candidateAssertion(c);
  const ordered = [...c.mentions].sort(
    (a, b) =>
      rank(a.source) - rank(b.source) ||
      Number(a.assertion !== assertion) - Number(b.assertion !== assertion),
  );
  const evidence = dedupeEvidence(ordered.map((m) => m.evidence));
  const section = evidence[0]?.section;
  const sources = [...new Set(c.mentions.map((m) => m.source))];
  const reasons = [...c.reasons];
  if (c.system === 'ICD-10-CM') {
    const learned = c.mentions.filter((m) => m.source === 'learned');
    const dict = c.mentions.filter((m) => DICT_SOURCES.has(m.source));
    if (dict.length > 0) {
      reasons.unshift(`${dict[0]?.source ?? 'dictionary'} term "${dict[0]?.term ?? ''}"`);
    }
    if (learned.length > 0 && dict.length === 0) {
      reasons.unshift(`learned from coded notes: "${learned[0]?.evidence.text ?? ''}"`);
    }
  }
  return {
    code: c.code,
    system: c.system,
    title: c.title,
    confidence: Math.round(c.confidence * 1000) / 1000,
    evidence,
    assertion,
    ...(section ? { section } : {}),
    ...(c.modifiers.length > 0 ? { modifiers: c.modifiers } : {}),
    reasons: reasons.length > 0 ? reasons : [`found by ${sources.join(', ')}`],
  };
}

/** Evidence without repeats, at most eight spans. */
export function dedupeEvidence(list: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list) {
    if (out.length === 8) {
      break;
    }
    if (!out.some((o) => o.start === e.start && o.end === e.end)) {
      out.push(e);
    }
  }
  return out;
}
