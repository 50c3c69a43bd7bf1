import type { CodeSet } from '../../codes/code-set.js';
import { sentenceStems, withLimbWords, withSideWords, type NoteDoc } from '../note-doc.js';
import { encounterWords, linkCode, type LinkedCode } from './link-code.js';
import { linkFacts } from './link-facts.js';

/** Words before and after a mention's first word that may name its side ("left … carpal tunnel"). */
const NEAR_BEFORE = 4;
const NEAR_AFTER = 8;

/** Stems of the words around token `first`, within its sentence. */
function nearStems(doc: NoteDoc, first: number): Set<string> {
  const sentence = doc.tokens[first]?.sentence;
  const stems = new Set<string>();
  for (let t = Math.max(0, first - NEAR_BEFORE); t <= first + NEAR_AFTER; t++) {
    const token = doc.tokens[t];
    if (token !== undefined && token.sentence === sentence) {
      stems.add(token.stem);
    }
  }
  return withLimbWords(withSideWords(stems));
}

/** Links a code found at token `first` of a note to the most specific code its sentence supports. */
export type NoteLinker = (doc: NoteDoc, code: string, first: number) => LinkedCode | undefined;

/**
 * The linker the stages share. A billable code that needs no 7th character and is not an "unspecified"
 * code with siblings that name a side links to itself whatever its sentence says: that answer is
 * remembered for every note. Others (headers, codes that take a 7th character) depend on their
 * sentence's words and the note's encounter words: remembered per note, per sentence; an unspecified
 * code with side siblings, per token.
 * @param codeSet - the loaded code set
 */
export function createNoteLinker(codeSet: CodeSet): NoteLinker {
  const fixedLinks = new Map<string, LinkedCode | undefined>();
  const facts = linkFacts(codeSet);
  return (doc, code, first) => {
    const known = fixedLinks.get(code);
    if (known !== undefined || fixedLinks.has(code)) {
      return known;
    }
    const info = facts.icd(code);
    // An "unspecified" billable code with siblings that name a side may give way to the one the words
    // around it name (see linkCode): its link depends on where it was read, not only on its sentence.
    const unspecified =
      info !== undefined &&
      info.billable &&
      facts.unspecified(info) &&
      facts.siblings(info).length > 0;
    const sentence = unspecified ? -1 - first : (doc.tokens[first]?.sentence ?? 0);
    let bySentence = doc.linksBySentence.get(code);
    if (bySentence?.has(sentence) === true) {
      return bySentence.get(sentence);
    }
    const fixed =
      info !== undefined && info.billable && facts.sevenths(code) === undefined && !unspecified;
    const linked = linkCode(
      codeSet,
      code,
      sentenceStems(doc, first),
      (doc.encounter ??= encounterWords(doc.text)),
      unspecified ? nearStems(doc, first) : undefined,
    );
    if (fixed) {
      fixedLinks.set(code, linked);
    } else {
      if (bySentence === undefined) {
        bySentence = new Map();
        doc.linksBySentence.set(code, bySentence);
      }
      bySentence.set(sentence, linked);
    }
    return linked;
  };
}
