import type { RuleContext, RuleState } from './rule-context.js';

/**
 * The code a guessed code is a default within: its parent ("M54.50" → "M54.5", "E11.9" → "E11",
 * "S72.001A" → "S72.001", an assumed 7th character's code without it).
 */
function parentOf(code: string): string {
  return code.slice(0, -1).replace(/[.X]+$/, '');
}

/**
 * Specific over unspecified (NOS): an unspecified code the linker guessed for a header is dropped beside
 * a code under the same parent that the note states clearly ("diabetes" guessed as E11.9 beside
 * "type 2 diabetes with hyperglycemia", E11.65; "fracture" with an assumed initial encounter beside the
 * stated subsequent one). A code of another branch of the category is another condition, not a more
 * specific one: "low back pain" (M54.50) stays beside "back pain" (M54.9, Dorsalgia, unspecified),
 * lung metastases (C78.00) beside peritoneal ones (C78.6).
 */
export function dropLessSpecific(state: RuleState, context: RuleContext): void {
  state.kept = state.kept.filter((k) => {
    if (k.system !== 'ICD-10-CM' || !k.guessed) {
      return true;
    }
    const parent = parentOf(k.code);
    const better = state.kept.find(
      (o) =>
        o !== k &&
        o.system === 'ICD-10-CM' &&
        !o.guessed &&
        context.strong(o) &&
        o.code.startsWith(parent),
    );
    if (better !== undefined) {
      state.dropped.push({
        candidate: k,
        reason: 'less-specific',
        detail: `${better.code} is more specific`,
      });
      return false;
    }
    return true;
  });
}
