import type { Evidence, Suggestion } from '../../core/types.js';

/** Whether two evidence spans share any character of the note. */
export function spansOverlap(a: Evidence, b: Evidence): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether two suggestions were read, at least in part, from the same words. */
export function sharesWords(a: Suggestion, b: Suggestion): boolean {
  return a.evidence.some((x) => b.evidence.some((y) => spansOverlap(x, y)));
}
