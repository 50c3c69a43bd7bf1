import type { Knowledge } from '../knowledge.js';
import { noteThreshold } from '../scorer/note-threshold.js';
import { bilateralCodes } from '../select/bilateral-codes.js';
import { companionCodes } from '../select/companion-codes.js';
import { discCodes } from '../select/disc-codes.js';
import { lateralCodes } from '../select/lateral-codes.js';
import { organismCodes } from '../select/organism-codes.js';
import { preventiveCodes } from '../select/preventive-codes.js';
import { createSelection } from '../select/select-codes.js';
import type { Stage } from './stage.js';

/**
 * Selection: the US coder's selection model (`notecoder train-selection`, `select/`) re-scores a billing
 * result's ICD-10-CM suggestions for whether a US professional-fee coder reports them, and may bring back
 * a softly suppressed one the note supports. Not under the mentions rules (every mention keeps its score),
 * not when the call asks `select: false` (fitting the model needs the result before it), and not without
 * a fitted model.
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
    const sided = organismCodes(
      lateralCodes(selected, doc.note.text, knowledge.codeSet, operating),
      doc.note.text,
      knowledge.codeSet,
      operating,
    );
    const paired = companionCodes(bilateralCodes(sided, knowledge.codeSet, operating), operating);
    const discs = discCodes(paired, doc.note.text, doc.sections, knowledge.codeSet, operating);
    doc.result = preventiveCodes(discs, doc.note.text, knowledge.codeSet, operating);
  };
}
