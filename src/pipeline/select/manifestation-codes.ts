import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion } from '../../core/types.js';
import { billedDiagnosis } from './billed-diagnosis.js';

/** A combination code whose title does not name a manifestation its words do, and that manifestation's code. */
interface Manifestation {
  readonly code: RegExp;
  readonly words: RegExp;
  readonly add: string;
  readonly why: string;
}

const MANIFESTATIONS: readonly Manifestation[] = [
  {
    // "Diabetic gastroparesis": the Index sends it to diabetes with autonomic (poly)neuropathy (E1x.43),
    // whose title does not name the gastroparesis; coders add K31.84 for it.
    code: /^E(0[89]|1[013])\.43$/,
    words: /\bgastroparesis\b/i,
    add: 'K31.84',
    why: 'diabetic gastroparesis: the gastroparesis (K31.84) is coded beside the diabetic autonomic neuropathy, whose title does not name it',
  },
];

/**
 * The manifestation a billed combination code was read from but does not name (diabetic gastroparesis:
 * E11.43 and K31.84), added beside it with its evidence and confidence when the note's words for it
 * name the manifestation and the result does not already hold it.
 * @param result - the selected billing result
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function manifestationCodes(
  result: DetectResult,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const added: Suggestion[] = [];
  const raised = new Map<Suggestion, Suggestion>();
  for (const s of result.suggestions) {
    for (const m of MANIFESTATIONS) {
      if (!m.code.test(s.code) || !billedDiagnosis(s, operating)) {
        continue;
      }
      const title = codeSet.get(m.add, 'ICD-10-CM')?.title;
      const words = s.evidence.filter((e) => m.words.test(e.text));
      if (title === undefined || words.length === 0 || added.some((o) => o.code === m.add)) {
        continue;
      }
      // Read already, below the threshold: raised to the combination's confidence.
      const held = result.suggestions.find((o) => o.code === m.add);
      if (held === undefined) {
        added.push({ ...s, code: m.add, title, evidence: words, reasons: [...s.reasons, m.why] });
      } else if (held.confidence < operating) {
        raised.set(held, { ...held, confidence: s.confidence, reasons: [...held.reasons, m.why] });
      }
    }
  }
  if (added.length === 0 && raised.size === 0) {
    return result;
  }
  const codes = new Set(added.map((a) => a.code));
  return {
    ...result,
    suggestions: [...result.suggestions.map((s) => raised.get(s) ?? s), ...added],
    suppressed: result.suppressed.filter((s) => !codes.has(s.code)),
  };
}
