import type { CodeSet } from '../../codes/code-set.js';
import { refCovers } from '../../codes/icd10cm/code-refs.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';
import { billedDiagnosis as billed } from './billed-diagnosis.js';

/** Whether an Excludes1 note of `a` (its own or an ancestor's) names `b`. */
const excludes = (codeSet: CodeSet, a: string, b: string): boolean =>
  codeSet.excludes1Refs(a).some((ref) => refCovers(ref, b));

/** Whether an Excludes1 note of either code names the other: the two are never reported together. */
export const excludes1Pair = (codeSet: CodeSet, a: string, b: string): boolean =>
  excludes(codeSet, a, b) || excludes(codeSet, b, a);

/**
 * Excludes1 among the codes the selection keeps (guideline I.A.12.a: two codes whose Excludes1 notes
 * name each other are never reported together). The rules stage settles the pairs among the readings
 * its first scores hold strong; the selection re-scores and may keep both sides of a pair — "type 1
 * diabetes with hyperglycemia" read from "hyperglycemia" beside "diabetes mellitus" read as type 2.
 * Of a billed pair, the code the selection holds more probable stays (on a tie, the one listed first);
 * the other is suppressed with reason `excludes1-conflict`, naming the code it yields to.
 * @param result - the selected result
 * @param codeSet - the code set (Excludes1 notes)
 * @param operating - the note's operating threshold
 */
export function selectedExcludes1(
  result: DetectResult,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const icd = result.suggestions
    .filter((s) => billed(s, operating))
    .sort((a, b) => b.confidence - a.confidence);
  const gone = new Map<Suggestion, Suggestion>();
  for (const [i, a] of icd.entries()) {
    if (gone.has(a)) {
      continue;
    }
    for (const b of icd.slice(i + 1)) {
      if (!gone.has(b) && excludes1Pair(codeSet, a.code, b.code)) {
        gone.set(b, a);
      }
    }
  }
  if (gone.size === 0) {
    return result;
  }
  const dropped: Suppressed[] = [...gone].map(([s, by]) => ({
    ...s,
    reason: 'excludes1-conflict',
    reasons: [...s.reasons, `Excludes1 with ${by.code} ${by.title}: never reported together`],
  }));
  return {
    ...result,
    suggestions: result.suggestions.filter((s) => !gone.has(s)),
    suppressed: [...result.suppressed, ...dropped].sort((a, b) => b.confidence - a.confidence),
  };
}
