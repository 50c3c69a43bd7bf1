import { isReadableText } from '../../text/readable-text.js';
import { tokenize } from '../../text/tokenize.js';
import type { Stage } from './stage.js';

/**
 * Sentences and tokens: the note split into sentences, its words folded, stemmed and numbered
 * (`text/tokenize.ts`). Every later stage reads tokens, never raw characters, except for evidence. A
 * note without words of a script the dictionaries know is not read at all (folding "ōȃ" to "oa" would
 * otherwise give codes evidence in words no one wrote).
 */
export function createTokensStage(): Stage {
  return (doc) => {
    doc.readable = isReadableText(doc.text);
    if (doc.readable) {
      doc.words = tokenize(doc.text);
      doc.tokens = doc.words.tokens;
    }
  };
}
