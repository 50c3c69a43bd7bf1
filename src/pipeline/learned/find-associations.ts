import { internStem, stemIdCount, stemIdOf, stemIdVersion } from '../../core/stem-ids.js';
import type { TokenizedText } from '../../text/tokenize.js';
import type { Associations } from './learned-model.js';

/** A code an n-gram points to: [code, precision, support], best first. */
export type AssociatedCode = readonly [string, number, number];

/** One n-gram of the note that learned associations know, with the codes it points to. */
export interface AssociationHit {
  readonly codes: readonly AssociatedCode[];
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

type Codes = readonly AssociatedCode[];

/**
 * A trie over n-gram stems, by stem number (`core/stem-ids.ts`): a note walks it word by word and stops
 * where no n-gram continues.
 */
interface GramNode {
  readonly next: Map<number, GramNode>;
  gram: string;
  // Always present (undefined when empty): every node has the same shape, so the walk stays monomorphic.
  sentence: Codes | undefined;
  document: Codes | undefined;
}

/** The trie's first level as an array by stem number (the walk's one look-up per content word). */
interface Trie {
  readonly first: readonly (GramNode | undefined)[];
}

const trieCache = new WeakMap<Associations, Trie>();

function trie(associations: Associations): Trie {
  let root = trieCache.get(associations);
  if (root === undefined) {
    const made: GramNode = { next: new Map(), gram: '', sentence: undefined, document: undefined };
    const insert = (gram: string, codes: Codes, level: 'sentence' | 'document'): void => {
      let node = made;
      for (const stem of gram.split(' ')) {
        const id = internStem(stem);
        let child = node.next.get(id);
        if (child === undefined) {
          child = {
            next: new Map(),
            gram: node.gram === '' ? stem : `${node.gram} ${stem}`,
            sentence: undefined,
            document: undefined,
          };
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
    // Filled to its length first: assigned in any order, a sparse array would fall back to a
    // dictionary, and this look-up is made once per content word of every note.
    const first = new Array<GramNode | undefined>(stemIdCount()).fill(undefined);
    for (const [id, node] of made.next) {
      first[id] = node;
    }
    root = { first };
    trieCache.set(associations, root);
  }
  return root;
}

/** Builds the look-up structure of a set of associations now (pipeline build) instead of at first use. */
export function prepareAssociations(associations: Associations): void {
  trie(associations);
}

/**
 * Looks the note's n-grams up in the learned associations (sentence level, then document level, each
 * document-level n-gram once): one hit per n-gram occurrence, with all the codes it points to. The same
 * n-grams as {@link noteNgrams}, found by walking a trie: no n-gram string is built unless it exists.
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
    let node: GramNode | undefined;
    for (let n = 0; n < MAX_NGRAM && a + n < content.length; n++) {
      const last = content[a + n] ?? 0;
      if (tokens[last]?.sentence !== sentenceIndex) {
        break;
      }
      const token = tokens[last];
      const id = token === undefined ? -1 : renumber ? stemIdOf(token.stem) : token.stemId;
      node = id < 0 ? undefined : node === undefined ? root.first[id] : node.next.get(id);
      if (node === undefined) {
        break;
      }
      if (node.sentence !== undefined) {
        sentence.push({ codes: node.sentence, first, last, ngram: node.gram });
      }
      if (node.document !== undefined && !seen.has(node)) {
        seen.add(node);
        document.push({ codes: node.document, first, last, ngram: node.gram });
      }
    }
  }
  return { sentence, document };
}
