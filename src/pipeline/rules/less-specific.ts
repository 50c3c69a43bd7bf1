import type { RuleContext, RuleState } from './rule-context.js';

/**
 * Specific over unspecified (NOS): an unspecified code the linker guessed for a header is dropped beside
 * a specific code of the same category that the note states clearly ("diabetes" guessed as E11.9 beside
 * "type 2 diabetes with hyperglycemia", E11.65).
 */
export function dropLessSpecific(state: RuleState, context: RuleContext): void {
  state.kept = state.kept.filter((k) => {
    if (k.system !== 'ICD-10-CM' || !k.guessed) {
      return true;
    }
    const better = state.kept.find(
      (o) =>
        o !== k &&
        o.system === 'ICD-10-CM' &&
        !o.guessed &&
        context.strong(o) &&
        o.code.slice(0, 3) === k.code.slice(0, 3),
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
