import type { Assertion, Suggestion } from '../../core/types.js';

/**
 * What a kept suggestion may assert and still be reported under the billing rules: present, a chronic
 * condition the note gives as history and that continues ("history of hypertension", kept by the rules
 * stage), or an uncertain diagnosis an inpatient note codes as if established (guideline II.H).
 */
const REPORTED: ReadonlySet<Assertion> = new Set(['present', 'historical', 'possible']);

/** An ICD-10-CM suggestion a coder reports: at or above the note's operating threshold, asserted so. */
export function billedDiagnosis(s: Suggestion, operating: number): boolean {
  return s.system === 'ICD-10-CM' && s.confidence >= operating && REPORTED.has(s.assertion);
}
