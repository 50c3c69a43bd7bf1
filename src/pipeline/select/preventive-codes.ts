import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion } from '../../core/types.js';
import { patientAge } from '../cpt/procedure-scope.js';

/** Preventive medicine visits, new and established (CPT 99381–99387, 99391–99397). */
const PREVENTIVE_VISIT = /^993(8[1-7]|9[1-7])$/;
/** Routine examination codes: adult with or without abnormal findings, child health check likewise. */
const ROUTINE_EXAM = /^Z00\.(0[01]|12[19])$/;

/**
 * The reason for a preventive visit (guideline I.C.21.c.13): a routine child health check (Z00.12-) under
 * 18, a general adult examination (Z00.0-) from 18, "with abnormal findings" when the visit also reports
 * a diagnosis, "without" otherwise. Added at the threshold beside a billed preventive visit code, on its
 * evidence; a routine-examination code read from the note's words gives way to it.
 * @param result - the selected billing result
 * @param text - the note (the patient's age)
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function preventiveCodes(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const visit = result.suggestions.find(
    (s) => s.system === 'CPT' && s.confidence >= operating && PREVENTIVE_VISIT.test(s.code),
  );
  if (visit === undefined) {
    return result;
  }
  // A routine-examination code read from the note's words, with or without abnormal findings as the
  // visit turned out: replaced by the one the billed diagnoses say.
  const read = result.suggestions.filter((s) => ROUTINE_EXAM.test(s.code));
  const abnormal = result.suggestions.some(
    (s) => s.system === 'ICD-10-CM' && s.confidence >= operating && !s.code.startsWith('Z'),
  );
  const child = (patientAge(text) ?? 18) < 18;
  const code = child ? (abnormal ? 'Z00.121' : 'Z00.129') : abnormal ? 'Z00.01' : 'Z00.00';
  const info = codeSet.lookup(code)[0];
  if (info === undefined) {
    return result;
  }
  const reason: Suggestion = {
    code,
    system: 'ICD-10-CM',
    title: info.title,
    confidence: Math.max(operating, ...read.map((s) => s.confidence)),
    evidence: visit.evidence,
    assertion: 'present',
    reasons: [
      `the reason for the preventive visit ${visit.code} (guideline I.C.21.c.13): ${child ? 'a routine child health check' : 'a general adult examination'} ${abnormal ? 'with' : 'without'} abnormal findings`,
    ],
  };
  return {
    ...result,
    suggestions: [...result.suggestions.filter((s) => !read.includes(s)), reason].sort(
      (a, b) => b.confidence - a.confidence,
    ),
    suppressed: [
      ...result.suppressed,
      ...read
        .filter((s) => s.code !== code)
        .map((s) => ({
          ...s,
          reason: 'less-specific',
          reasons: [...s.reasons, `the visit's findings say ${code}`],
        })),
    ],
  };
}
