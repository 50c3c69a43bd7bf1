import type { DetectResult } from '../../core/types.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { suppressSuggestions } from './suppress-suggestions.js';

/** Circumcision procedures (with a device; by excision, newborn or older). */
const CIRCUMCISION = /^(?:54150|54160|54161)$/;
/**
 * Diagnoses that are a medical indication for a circumcision or a complication of one: male genital
 * disorders (phimosis, balanitis …), congenital anomalies of the genitals and urinary tract, complications
 * of care, skin infections of the region, urinary symptoms.
 */
const INDICATION = /^(?:N4\d|N5[0-3]|N99|Q5[3-5]|Q64|T8[13]|L0[23]|R3\d)/;

/**
 * "Circumcision (in absence of medical indication) (ritual) (routine) Z41.2" (Alphabetic Index): the
 * routine circumcision encounter is reported only for a circumcision done at this encounter with no
 * medical indication. Z41.2 moves to the suppressed list — reason `medical-indication` — when the note
 * bills a diagnosis that is the reason for it (phimosis, balanitis, a congenital anomaly, a complication),
 * and reason `not-performed` when no circumcision is billed (an exam's "circumcised male", a discussion).
 * @param result - the selected billing result
 * @param operating - the note's operating threshold
 */
export function routineCircumcision(result: DetectResult, operating: number): DetectResult {
  const z = result.suggestions.find((s) => s.code === 'Z41.2' && billedDiagnosis(s, operating));
  if (z === undefined) {
    return result;
  }
  const performed = result.suggestions.some(
    (s) => s.system === 'CPT' && CIRCUMCISION.test(s.code) && s.confidence >= operating,
  );
  const indication = result.suggestions.find(
    (s) =>
      s !== z &&
      s.system === 'ICD-10-CM' &&
      INDICATION.test(s.code) &&
      billedDiagnosis(s, operating),
  );
  if (performed && indication === undefined) {
    return result;
  }
  const [reason, why] =
    indication === undefined
      ? [
          'not-performed',
          'no circumcision billed at this encounter: Z41.2 is the encounter for one',
        ]
      : [
          'medical-indication',
          `${indication.code} is the medical indication: Z41.2 is for a circumcision without one (Alphabetic Index)`,
        ];
  return suppressSuggestions(result, [z], reason, why);
}
