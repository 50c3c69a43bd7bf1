import type { Knowledge } from '../knowledge.js';
import { noteThreshold } from '../scorer/note-threshold.js';
import { afterSelection } from '../select/after-selection.js';
import { createSelection } from '../select/select-codes.js';
import type { Stage } from './stage.js';

/**
 * Selection: the US coder's selection model (`notecoder train-selection`, `select/`) re-scores a billing
 * result's ICD-10-CM suggestions for whether a US professional-fee coder reports them, and may bring back
 * a softly suppressed one the note supports; then the guideline conventions the note's words support
 * (`afterSelection`: side, organism, bilateral, companion codes, cough duration, disc level, preventive
 * visit reason). Not under the mentions rules (every mention keeps its score), not when the call asks
 * `select: false` (fitting the model needs the result before it), and not without a fitted model.
 * @param knowledge - the selection model, the code set and the context lexicon
 */
export function createSelectionStage(knowledge: Knowledge): Stage {
  const model = knowledge.selection;
  if (model === undefined) {
    return () => undefined;
  }
  const select = createSelection(model, knowledge.codeSet, knowledge.triggers);
  return (doc) => {
    if (doc.rules === 'mentions' || doc.select === false) {
      return;
    }
    const operating = noteThreshold(knowledge.learned, doc.tags !== undefined);
    const selected = select(doc.result, doc.note, doc.setting, operating, doc.sections);
    doc.result = afterSelection(
      selected,
      doc.note.text,
      doc.sections,
      knowledge.codeSet,
      operating,
      knowledge.guidelines.combinations,
    );
  };
}
