import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Evidence, Suggestion } from '../../core/types.js';

/** A code the note's words state outright, with the words and the convention that asks for it. */
export interface StatedCode {
  readonly code: string;
  readonly evidence: Evidence;
  /** The reason, in a coder's words. */
  readonly why: string;
  /** The code prefix whose other suggestions give way to it ("Z3A.", "Z37."). */
  readonly family: string;
}

/**
 * The stated code suggested at least at the operating threshold (added with its words, or raised with
 * the reason), and the other suggestions of its family moved to the suppressed list as less specific.
 * The result itself when nothing changes.
 * @param result - the selected billing result
 * @param stated - the code, its words, why, and its family
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function statedCode(
  result: DetectResult,
  stated: StatedCode,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const { code, evidence, why, family } = stated;
  const existing = result.suggestions.find((s) => s.code === code && s.system === 'ICD-10-CM');
  const others = result.suggestions.filter(
    (s) => s !== existing && s.system === 'ICD-10-CM' && s.code.startsWith(family),
  );
  const kept: Suggestion =
    existing === undefined
      ? {
          code,
          system: 'ICD-10-CM',
          title: codeSet.get(code, 'ICD-10-CM')?.title ?? code,
          confidence: operating,
          evidence: [evidence],
          assertion: 'present',
          reasons: [why],
        }
      : existing.confidence >= operating
        ? existing
        : { ...existing, confidence: operating, reasons: [...existing.reasons, why] };
  if (kept === existing && others.length === 0) {
    return result;
  }
  return {
    ...result,
    suggestions: [
      ...result.suggestions.filter((s) => s !== existing && !others.includes(s)),
      kept,
    ].sort((a, b) => b.confidence - a.confidence),
    suppressed: [
      ...result.suppressed,
      ...others.map((s) => ({ ...s, reason: 'less-specific', reasons: [...s.reasons, why] })),
    ].sort((a, b) => b.confidence - a.confidence),
  };
}
