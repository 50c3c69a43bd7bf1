import { tokenize } from '../../text/tokenize.js';
import type { Stage } from './stage.js';

/**
 * Sentences and tokens: the note split into sentences, its words folded, stemmed and numbered
 * (`text/tokenize.ts`). Every later stage reads tokens, never raw characters, except for evidence.
 */
export function createTokensStage(): Stage {
  return (doc) => {
    doc.words = tokenize(doc.text);
    doc.tokens = doc.words.tokens;
  };
}
