import type { LearnedModel } from '../learned/learned-model.js';

/**
 * The operating threshold in effect for a note: the tagged scorer's when the note was tagged and the
 * model has one, else the plain scorer's (0.5 without a learned model).
 * @param learned - the learned model, if any
 * @param tagged - whether the note was read by the tagger
 */
export function noteThreshold(learned: LearnedModel | undefined, tagged: boolean): number {
  return tagged && learned?.tagged !== undefined
    ? learned.tagged.threshold
    : (learned?.threshold ?? 0.5);
}
