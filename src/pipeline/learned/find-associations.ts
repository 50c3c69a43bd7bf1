import { internStem, stemIdOf, stemIdVersion } from '../../core/stem-ids.js';
import type { TokenizedText } from '../../text/tokenize.js';
import type { Associations } from './learned-model.js';

/** One learned association found in a note. */
export interface AssociationHit {
  readonly code: string;
  readonly precision: number;
  readonly support: number;
  readonly first: number;
  readonly last: number;
  readonly ngram: string;
}

/** Longest n-gram mined (in content words). */
export const MAX_NGRAM = 3;

/**
 * The n-grams of a note: runs of 1–3 consecutive content words (stopwords skipped, never across a
 * sentence), as stem strings with their token range. Used by mining and detection alike.
 */
/** Positions of the content words of a note: no stopwords, no one-letter words. */
function contentTokens(text: TokenizedText): number[] {
  const { tokens } = text;
  const content: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i]?.stop ?? true) && (tokens[i]?.norm.length ?? 0) > 1) {
      content.push(i);
    }
  }
  return content;
}

export function noteNgrams(
  text: TokenizedText,
  visit: (ngram: string, first: number, last: number) => void,
): void {
  const { tokens } = text;
  const content = contentTokens(text);
  for (let a = 0; a < content.length; a++) {
    const start = content[a] ?? 0;
    const sentence = tokens[start]?.sentence;
    let gram = '';
    for (let n = 0; n < MAX_NGRAM && a + n < content.length; n++) {
      const at = content[a + n] ?? 0;
      if (tokens[at]?.sentence !== sentence) {
        break;
      }
      gram = n === 0 ? (tokens[at]?.stem ?? '') : `${gram} ${tokens[at]?.stem ?? ''}`;
      visit(gram, start, at);
    }
  }
}

type Codes = readonly (readonly [string, number, number])[];

/**
 * A trie over n-gram stems, by stem number (`core/stem-ids.ts`): a note walks it word by word and stops
 * where no n-gram continues.
 */
interface GramNode {
  readonly next: Map<number, GramNode>;
  gram: string;
  sentence?: Codes;
  document?: Codes;
}

const trieCache = new WeakMap<Associations, GramNode>();

function trie(associations: Associations): GramNode {
  let root = trieCache.get(associations);
  if (root === undefined) {
    const made: GramNode = { next: new Map(), gram: '' };
    const insert = (gram: string, codes: Codes, level: 'sentence' | 'document'): void => {
      let node = made;
      for (const stem of gram.split(' ')) {
        const id = internStem(stem);
        let child = node.next.get(id);
        if (child === undefined) {
          child = { next: new Map(), gram: node.gram === '' ? stem : `${node.gram} ${stem}` };
          node.next.set(id, child);
        }
        node = child;
      }
      node[level] = codes;
    };
    for (const [gram, codes] of Object.entries(associations.ngrams)) {
      insert(gram, codes, 'sentence');
    }
    for (const [gram, codes] of Object.entries(associations.docNgrams)) {
      insert(gram, codes, 'document');
    }
    trieCache.set(associations, made);
    root = made;
  }
  return root;
}

/** Builds the look-up structure of a set of associations now (pipeline build) instead of at first use. */
export function prepareAssociations(associations: Associations): void {
  trie(associations);
}

/**
 * Looks the note's n-grams up in the learned associations (sentence level, then document level, each
 * document-level n-gram once). The same n-grams as {@link noteNgrams}, found by walking a trie: no
 * n-gram string is built unless it exists.
 */
export function findAssociations(
  text: TokenizedText,
  associations: Associations,
): { sentence: AssociationHit[]; document: AssociationHit[] } {
  const sentence: AssociationHit[] = [];
  const document: AssociationHit[] = [];
  const seen = new Set<GramNode>();
  const version = stemIdVersion();
  const root = trie(associations);
  const { tokens } = text;
  // Building this trie just now numbered new stems: the note's tokens were numbered before, look again.
  const renumber = stemIdVersion() !== version;
  const content = contentTokens(text);
  for (let a = 0; a < content.length; a++) {
    const first = content[a] ?? 0;
    const sentenceIndex = tokens[first]?.sentence;
    let node: GramNode | undefined = root;
    for (let n = 0; n < MAX_NGRAM && a + n < content.length; n++) {
      const last = content[a + n] ?? 0;
      if (tokens[last]?.sentence !== sentenceIndex) {
        break;
      }
      const token = tokens[last];
      const id = token === undefined ? -1 : renumber ? stemIdOf(token.stem) : token.stemId;
      node = id < 0 ? undefined : node.next.get(id);
      if (node === undefined) {
        break;
      }
      for (const [code, precision, support] of node.sentence ?? []) {
        sentence.push({ code, precision, support, first, last, ngram: node.gram });
      }
      if (node.document !== undefined && !seen.has(node)) {
        seen.add(node);
        for (const [code, precision, support] of node.document) {
          document.push({ code, precision, support, first, last, ngram: node.gram });
        }
      }
    }
  }
  return { sentence, document };
}
