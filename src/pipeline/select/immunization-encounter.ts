import type { DetectResult } from '../../core/types.js';

/** Vaccine and toxoid administration codes (CPT 90460–90474): a vaccine given at this encounter. */
const ADMINISTRATION = /^904(6[01]|7[1-4])$/;

/**
 * An encounter where a vaccine is given is reported with Z23, Encounter for immunization (ICD-10-CM
 * guideline I.C.21.c.2): when an administration code is billed at or above the threshold and the note's
 * Z23 candidate is below it (the selection weighs Z codes down as status codes), Z23 is raised to the
 * threshold with the reason. Z23 is never made up: without a candidate nothing changes.
 * @param operating - the note's operating threshold
 */
export function immunizationEncounter(result: DetectResult, operating: number): DetectResult {
  const given = result.suggestions.find(
    (s) => s.system === 'CPT' && ADMINISTRATION.test(s.code) && s.confidence >= operating,
  );
  const z23 = result.suggestions.find((s) => s.system === 'ICD-10-CM' && s.code === 'Z23');
  if (given === undefined || z23 === undefined || z23.confidence >= operating) {
    return result;
  }
  const raised = {
    ...z23,
    confidence: operating,
    reasons: [
      ...z23.reasons,
      `a vaccine is given at this encounter (${given.code}): Z23 is reported (guideline I.C.21.c.2)`,
    ],
  };
  const suggestions = result.suggestions
    .map((s) => (s === z23 ? raised : s))
    .sort((a, b) => b.confidence - a.confidence);
  return { ...result, suggestions };
}
