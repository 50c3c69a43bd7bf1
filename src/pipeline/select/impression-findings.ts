import type { DetectResult, Suggestion } from '../../core/types.js';
import { sectionAt, type SectionSpan } from '../../text/sections.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { suppressSuggestions } from './suppress-suggestions.js';

/** Signs, symptoms and abnormal findings (R), external causes (V–Y). */
const SIGN_OR_CAUSE = /^[RVWXY]/;

/** Whether every word of a suggestion stands in the report's findings. */
function findingsOnly(s: Suggestion, sections: readonly SectionSpan[]): boolean {
  return (
    s.evidence.length > 0 &&
    s.evidence.every((e) => sectionAt(sections, e.start)?.name === 'findings')
  );
}

/**
 * A report whose impression concludes a diagnosis is coded from its impression (the interpreting
 * physician's conclusion): a sign, symptom or nonspecific abnormal finding (chapter 18), or an external
 * cause, read only in the findings above it ("nausea" in a study's description, an "infiltration" the
 * impression names as pneumonia) is not reported. Such suggestions move to the suppressed list, reason
 * `findings-not-in-impression`. Conditions of the findings stay (incidental findings are a coder's call,
 * and labelled report sets count them); so do the findings of a report without an impression, of one whose
 * impression concludes nothing codable ("no acute process": the findings are then all it says), and of
 * an operative note (its postoperative diagnosis is no impression).
 * @param result - the selected billing result
 * @param sections - the note's sections
 * @param operating - the note's operating threshold
 */
export function impressionFindings(
  result: DetectResult,
  sections: readonly SectionSpan[],
  operating: number,
): DetectResult {
  const impression = sections.find((s) => s.name === 'impression' && s.end - s.start > 12);
  if (impression === undefined) {
    return result;
  }
  const billed = result.suggestions.filter(
    (s) => s.system === 'ICD-10-CM' && billedDiagnosis(s, operating),
  );
  // An impression that concludes nothing codable ("no acute cardiopulmonary process") leaves the
  // findings as the report's only statement of what was seen.
  const concludes = billed.some((s) =>
    s.evidence.some((e) => e.start >= impression.start && e.start < impression.end),
  );
  const gone = concludes
    ? billed.filter((s) => SIGN_OR_CAUSE.test(s.code) && findingsOnly(s, sections))
    : [];
  return suppressSuggestions(
    result,
    gone,
    'findings-not-in-impression',
    'read only in the findings of a report whose impression does not carry it: a report is coded from its impression',
  );
}
