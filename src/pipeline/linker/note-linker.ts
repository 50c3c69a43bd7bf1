import type { CodeSet } from '../../codes/code-set.js';
import { sentenceStems, type NoteDoc } from '../note-doc.js';
import { encounterWords, linkCode, type LinkedCode } from './link-code.js';

/** Links a code found at token `first` of a note to the most specific code its sentence supports. */
export type NoteLinker = (doc: NoteDoc, code: string, first: number) => LinkedCode | undefined;

/**
 * The linker the stages share. A billable code that needs no 7th character links to itself whatever its
 * sentence says: that answer is remembered for every note. Others (headers, codes that take a 7th
 * character) depend on their sentence's words and the note's encounter words: remembered per note, per
 * sentence.
 * @param codeSet - the loaded code set
 */
export function createNoteLinker(codeSet: CodeSet): NoteLinker {
  const fixedLinks = new Map<string, LinkedCode | undefined>();
  return (doc, code, first) => {
    const known = fixedLinks.get(code);
    if (known !== undefined || fixedLinks.has(code)) {
      return known;
    }
    const sentence = doc.tokens[first]?.sentence ?? 0;
    let bySentence = doc.linksBySentence.get(code);
    if (bySentence?.has(sentence) === true) {
      return bySentence.get(sentence);
    }
    const info = codeSet.get(code, 'ICD-10-CM');
    const fixed =
      info?.system === 'ICD-10-CM' && info.billable && codeSet.sevenths(code) === undefined;
    const linked = linkCode(
      codeSet,
      code,
      sentenceStems(doc, first),
      (doc.encounter ??= encounterWords(doc.text)),
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
