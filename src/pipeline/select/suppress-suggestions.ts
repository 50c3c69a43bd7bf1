import type { DetectResult, Suggestion } from '../../core/types.js';

/**
 * The result with `gone` moved from its suggestions to its suppressed list (best first), each with the
 * reason code and the words of why; the result itself when there is nothing to move.
 * @param result - the selected billing result
 * @param gone - suggestions of `result` that a convention suppresses
 * @param reason - the stable reason code
 * @param why - the reason in a coder's words, appended to each one's reasons
 */
export function suppressSuggestions(
  result: DetectResult,
  gone: readonly Suggestion[],
  reason: string,
  why: string,
): DetectResult {
  if (gone.length === 0) {
    return result;
  }
  return {
    ...result,
    suggestions: result.suggestions.filter((s) => !gone.includes(s)),
    suppressed: [
      ...result.suppressed,
      ...gone.map((s) => ({ ...s, reason, reasons: [...s.reasons, why] })),
    ].sort((a, b) => b.confidence - a.confidence),
  };
}
