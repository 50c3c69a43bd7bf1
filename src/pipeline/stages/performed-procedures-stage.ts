import { sectionAt } from '../../text/sections.js';
import { examLine } from '../cpt/cpt-candidates.js';
import { examFacets, radiologyCode } from '../cpt/radiology.js';
import type { Knowledge } from '../knowledge.js';
import type { TermMatch } from '../matcher/term-entry.js';
import type { NoteDoc } from '../note-doc.js';
import type { Stage } from './stage.js';

/** Stems of words that say a procedure was done in this encounter. */
const PERFORMED = new Set([
  'perform',
  'administ',
  'given',
  'obtain',
  'done',
  'place',
  'remov',
  'repair',
  'inject',
  'aspir',
  'insert',
  'suture',
  'irrig',
  'complet',
  'acquir',
  'record',
  'debrid',
  'drain',
  'incis',
  'excis',
  'appli',
  'treat',
  'reveal',
  'show',
  'demonstr',
]);

/**
 * Whether the procedure whose trigger starts at token `first` was done here: the note is about it (its
 * first line holds the trigger, or all of its words), it sits in a procedure section, or its sentence or
 * one of the two either side says it was performed ("Vaccine: …" / "Administered by RN").
 */
function performedHere(
  doc: NoteDoc,
  titleEnd: number,
  titleStems: ReadonlySet<string>,
  first: number,
  words: readonly string[],
): boolean {
  const { tokens } = doc;
  const start = tokens[first]?.start ?? 0;
  if (start < titleEnd || sectionAt(doc.sections, start)?.name === 'procedure') {
    return true;
  }
  if (words.every((w) => titleStems.has(w))) {
    return true;
  }
  const sentence = tokens[first]?.sentence ?? 0;
  const starts = doc.words.sentenceTokenStart;
  for (let s = Math.max(0, sentence - 2); s <= sentence + 2; s++) {
    const from = starts[s] ?? tokens.length;
    const to = starts[s + 1] ?? tokens.length;
    for (let t = from; t < to; t++) {
      if (PERFORMED.has(tokens[t]?.stem ?? '')) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Procedures done here: a CPT trigger match stays only where the procedure was done — the note is about
 * it, it sits in a procedure section, or its sentence says it was performed. An imaging report's exam is
 * coded from its title by the CPT detectors, so its words trigger nothing.
 * @param knowledge - the code set's CPT entries with imaging facets
 */
export function createPerformedProceduresStage(knowledge: Knowledge): Stage {
  const radiologyEntries = knowledge.codeSet.cpt.entries.filter(
    (e) => e.attributes.modality !== undefined,
  );
  return (doc) => {
    if (!doc.matches.some((m) => m.entry.system === 'CPT')) {
      return;
    }
    const exam = examLine(doc.text);
    const facets = exam === undefined ? undefined : examFacets(exam.text, doc.text.slice(exam.end));
    const imaging = facets !== undefined && radiologyCode(radiologyEntries, facets) !== undefined;
    const newline = doc.text.indexOf('\n');
    const titleEnd = newline < 0 ? doc.text.length : newline;
    const titleStems = new Set<string>();
    for (const t of doc.tokens) {
      if (t.end > titleEnd) {
        break;
      }
      titleStems.add(t.stem);
    }
    doc.matches = doc.matches.filter(
      (m: TermMatch) =>
        m.entry.system !== 'CPT' ||
        (!imaging && performedHere(doc, titleEnd, titleStems, m.first, m.entry.required)),
    );
  };
}
