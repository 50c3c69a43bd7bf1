import type { Knowledge } from '../knowledge.js';
import { applyGuidelines } from '../rules/guideline-rules.js';
import { createCodeMaker } from '../rules/make-code.js';
import { createStrongReading } from '../rules/strong-reading.js';
import { noteThreshold } from '../scorer/note-threshold.js';
import type { Stage } from './stage.js';

/** Options of {@link createGuidelineRulesStage}. */
export interface GuidelineRulesStageOptions {
  /**
   * Candidates below this confidence never reach the rules: neither suggested nor worth a suppression
   * entry (this also keeps the pairwise Excludes1 check small). Absent → every candidate does (training).
   */
  readonly floor?: number;
}

/**
 * Guideline rules: the ICD-10-CM and CPT rule families (`rules/`) decide which scored candidates are
 * reported and which are suppressed, with the reason, for the note's setting and rules. Only codes at or
 * above the operating threshold (or clear readings) make another code drop.
 * @param knowledge - the code set and the rules' tables
 */
export function createGuidelineRulesStage(
  knowledge: Knowledge,
  options: GuidelineRulesStageOptions = {},
): Stage {
  const { codeSet, guidelines } = knowledge;
  const make = createCodeMaker(codeSet);
  const { floor } = options;
  return (doc) => {
    const candidates =
      floor === undefined ? doc.candidates : doc.candidates.filter((c) => c.confidence >= floor);
    const operating = noteThreshold(knowledge.learned, doc.tags !== undefined);
    const context = {
      setting: doc.setting,
      mentions: doc.rules === 'mentions',
      codeSet,
      make,
      strong: createStrongReading(operating),
    };
    const { kept, dropped } = applyGuidelines(candidates, context, guidelines);
    doc.kept = kept;
    doc.dropped = dropped;
  };
}
