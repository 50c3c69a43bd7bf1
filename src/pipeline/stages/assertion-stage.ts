import { createContextAnalyzer } from '../context/context-analyzer.js';
import { stayResolved } from '../context/stay-resolved.js';
import type { Knowledge } from '../knowledge.js';
import type { Stage } from './stage.js';

/**
 * Assertion: the note's negation, uncertainty, history, family and hypothetical cues (ConText), read
 * once per note ("resolved" in an inpatient record's summary of the stay is the stay's course, see
 * `stayResolved`). Every mention a later stage makes asks it for its span's assertion (`makeMention`), and
 * term matching asks it whether a negation splits a term's words.
 * @param knowledge - its context `triggers` lexicon
 */
export function createAssertionStage(knowledge: Knowledge): Stage {
  const analyze = createContextAnalyzer(knowledge.triggers);
  return (doc) => {
    doc.context = stayResolved(
      analyze(doc.words, doc.text),
      doc.setting,
      doc.words,
      doc.text,
      doc.sections,
    );
  };
}
