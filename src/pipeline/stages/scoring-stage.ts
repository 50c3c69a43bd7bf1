import type { Candidate } from '../candidate.js';
import type { Knowledge } from '../knowledge.js';
import { candidateFeatures, taggerFeatures } from '../scorer/features.js';
import { noteThreshold } from '../scorer/note-threshold.js';
import { DEFAULT_WEIGHTS, logit, scoreFeatures } from '../scorer/score.js';
import { prepareBoostedRows, scoreBoostedAll } from '../scorer/score-rows.js';
import type { Stage } from './stage.js';

/** Words (stems required) a code's own title needs for a word-for-word reading of it to be trusted. */
const OWN_TITLE_WORDS = 3;

/**
 * A team-curated synonym found word for word and present is trusted at least at the operating threshold:
 * the training notes hold too few of them for the scorer to learn their worth. So is the code's own title
 * of three words or more, read word for word ("type 2 diabetes mellitus with hyperglycemia" is E11.65
 * whatever a case-report corpus tends to code).
 */
function curated(c: Candidate): boolean {
  return c.mentions.some(
    (m) =>
      m.quality >= 0.95 &&
      m.assertion === 'present' &&
      (m.source === 'synonym' ||
        (m.source === 'title' && m.length >= OWN_TITLE_WORDS && m.term === c.title)),
  );
}

/** Options of {@link createScoringStage}. */
export interface ScoringStageOptions {
  /** Below a quarter of this, the logistic score alone decides (the trees are not worth it). */
  readonly floor: number;
}

/**
 * Scoring: every candidate's calibrated confidence. Rule-based detectors (CPT) keep their fixed
 * confidence; the others get the learned scorer's — logistic regression, then boosted trees over the
 * candidate's features, stacked with the tagger's features when the note was tagged. Curated readings
 * are trusted at least at the operating threshold.
 * @param knowledge - the learned model (hand-set weights without one)
 */
export function createScoringStage(knowledge: Knowledge, options: ScoringStageOptions): Stage {
  const weights = knowledge.learned?.scorer ?? DEFAULT_WEIGHTS;
  const boosted = knowledge.learned?.boosted;
  const tagged = knowledge.learned?.tagged;
  const { floor } = options;
  if (boosted !== undefined) {
    prepareBoostedRows(boosted);
  }
  return (doc) => {
    const { tags, associations } = doc;
    const operating = noteThreshold(knowledge.learned, tags !== undefined);
    // The logistic score of every candidate first; those it does not put far below the floor get the
    // trees, all together (`scoreBoostedAll`), as `plainScore` scores them one by one.
    const scored: { c: Candidate; linear: number; row: number }[] = [];
    const rows: number[][] = [];
    for (const c of doc.candidates) {
      if (c.fixedConfidence !== undefined) {
        c.confidence = c.fixedConfidence;
        continue;
      }
      const x = candidateFeatures(c, associations);
      const linear = scoreFeatures(x, weights);
      const worthTrees = boosted !== undefined && !(linear < floor / 4);
      scored.push({ c, linear, row: worthTrees ? rows.push(x) - 1 : -1 });
    }
    const trees = boosted === undefined ? [] : scoreBoostedAll(rows, boosted);
    for (const { c, linear, row } of scored) {
      const plain = row < 0 ? linear : (trees[row] ?? linear);
      const p =
        tags !== undefined && tagged !== undefined
          ? scoreFeatures([logit(plain), ...taggerFeatures(c, tags)], tagged.scorer)
          : plain;
      c.confidence = curated(c) ? Math.max(p, Math.min(0.95, operating + 0.25)) : p;
    }
  };
}
