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
  /**
   * Where the hit's codes start among all the codes of its level laid end to end (see
   * {@link AssociationTrie}): per-code facts are kept in arrays by this number.
   */
  readonly slot: number;
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
 * where no n-gram continues. Flat: nodes are numbers, a node's children sit in one open-addressing
 * table keyed by (node, stem number), the first level in an array by stem number. The walk reads a few
 * typed arrays instead of a node object and a map per word (most of its time was cache misses).
 */
export interface AssociationTrie {
  /** Per stem number: the first-level node + 1 (0: no n-gram starts with it). */
  readonly first: Int32Array;
  /** Child table: slot → parent node + 1 (0: empty), stem number, child node. */
  readonly childParent: Int32Array;
  readonly childStem: Int32Array;
  readonly childNode: Int32Array;
  /** Per node: its n-gram and the codes it points to at each level (undefined when none). */
  readonly grams: readonly string[];
  readonly sentence: readonly (Codes | undefined)[];
  readonly document: readonly (Codes | undefined)[];
  /**
   * Per node: where its codes start when every node's codes are laid end to end, per level (the
   * stages keep per-code facts in arrays by this number), and the number of codes of each level.
   */
  readonly sentenceSlot: Int32Array;
  readonly documentSlot: Int32Array;
  readonly sentenceCodes: number;
  readonly documentCodes: number;
  /**
   * Per node: the serial of the last walk that listed its document-level hit (each is listed once a
   * note); scratch reused from note to note, as the matcher's stamps are (a walk is synchronous).
   */
  readonly listed: Int32Array;
  serial: number;
}

const trieCache = new WeakMap<Associations, AssociationTrie>();

function childSlot(parent: number, stem: number, mask: number): number {
  return (Math.imul(parent + 1, 0x9e3779b1) ^ Math.imul(stem, 0x85ebca6b)) & mask;
}

/** The child of `node` by stem number, −1 when none. */
function childOf(trie: AssociationTrie, node: number, stem: number): number {
  const mask = trie.childParent.length - 1;
  let slot = childSlot(node, stem, mask);
  let parent = trie.childParent[slot] ?? 0;
  while (parent !== 0) {
    if (parent === node + 1 && trie.childStem[slot] === stem) {
      return trie.childNode[slot] ?? -1;
    }
    slot = (slot + 1) & mask;
    parent = trie.childParent[slot] ?? 0;
  }
  return -1;
}

/** The open-addressing table of the trie's edges: (parent, stem number) → child. */
function childTable(edges: readonly (readonly [number, number, number])[]): {
  childParent: Int32Array;
  childStem: Int32Array;
  childNode: Int32Array;
} {
  let size = 16;
  while (size < edges.length * 2) {
    size *= 2;
  }
  const childParent = new Int32Array(size);
  const childStem = new Int32Array(size);
  const childNode = new Int32Array(size);
  for (const [parent, stem, child] of edges) {
    let slot = childSlot(parent, stem, size - 1);
    while (childParent[slot] !== 0) {
      slot = (slot + 1) & (size - 1);
    }
    childParent[slot] = parent + 1;
    childStem[slot] = stem;
    childNode[slot] = child;
  }
  return { childParent, childStem, childNode };
}

function buildTrie(associations: Associations): AssociationTrie {
  const grams: string[] = [];
  const sentence: (Codes | undefined)[] = [];
  const document: (Codes | undefined)[] = [];
  const firstByStem = new Map<number, number>();
  const children = new Map<string, number>();
  const edges: [number, number, number][] = [];
  const insert = (gram: string, codes: Codes, level: (Codes | undefined)[]): void => {
    let node = -1;
    for (const stem of gram.split(' ')) {
      const id = internStem(stem);
      const key = `${node} ${id}`;
      let child = node < 0 ? firstByStem.get(id) : children.get(key);
      if (child === undefined) {
        child = grams.length;
        grams.push(node < 0 ? stem : `${grams[node] ?? ''} ${stem}`);
        sentence.push(undefined);
        document.push(undefined);
        if (node < 0) {
          firstByStem.set(id, child);
        } else {
          children.set(key, child);
          edges.push([node, id, child]);
        }
      }
      node = child;
    }
    level[node] = codes;
  };
  for (const [gram, codes] of Object.entries(associations.ngrams)) {
    insert(gram, codes, sentence);
  }
  for (const [gram, codes] of Object.entries(associations.docNgrams)) {
    insert(gram, codes, document);
  }
  const first = new Int32Array(stemIdCount());
  for (const [id, node] of firstByStem) {
    first[id] = node + 1;
  }
  const { childParent, childStem, childNode } = childTable(edges);
  const slots = (level: readonly (Codes | undefined)[]): [Int32Array, number] => {
    const at = new Int32Array(level.length);
    let total = 0;
    level.forEach((codes, node) => {
      at[node] = total;
      total += codes?.length ?? 0;
    });
    return [at, total];
  };
  const [sentenceSlot, sentenceCodes] = slots(sentence);
  const [documentSlot, documentCodes] = slots(document);
  return {
    first,
    childParent,
    childStem,
    childNode,
    grams,
    sentence,
    document,
    sentenceSlot,
    documentSlot,
    sentenceCodes,
    documentCodes,
    listed: new Int32Array(grams.length),
    serial: 0,
  };
}

/**
 * The look-up structure of a set of associations, built at its first use (numbering the stems of its
 * n-grams) and remembered.
 */
export function associationTrie(associations: Associations): AssociationTrie {
  let trie = trieCache.get(associations);
  if (trie === undefined) {
    trie = buildTrie(associations);
    trieCache.set(associations, trie);
  }
  return trie;
}

/** Builds the look-up structure of a set of associations now (pipeline build) instead of at first use. */
export function prepareAssociations(associations: Associations): void {
  associationTrie(associations);
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
  const version = stemIdVersion();
  const trie = associationTrie(associations);
  if (trie.serial === 0x7fffffff) {
    trie.listed.fill(0);
    trie.serial = 0;
  }
  const serial = ++trie.serial;
  const { listed } = trie;
  const { tokens } = text;
  // Building this trie just now numbered new stems: the note's tokens were numbered before, look again.
  const renumber = stemIdVersion() !== version;
  const content = contentTokens(text);
  for (let a = 0; a < content.length; a++) {
    const first = content[a] ?? 0;
    const sentenceIndex = tokens[first]?.sentence;
    let node = -1;
    for (let n = 0; n < MAX_NGRAM && a + n < content.length; n++) {
      const last = content[a + n] ?? 0;
      const token = tokens[last];
      if (token?.sentence !== sentenceIndex) {
        break;
      }
      const id = token === undefined ? -1 : renumber ? stemIdOf(token.stem) : token.stemId;
      node = id < 0 ? -1 : node < 0 ? (trie.first[id] ?? 0) - 1 : childOf(trie, node, id);
      if (node < 0) {
        break;
      }
      const sentenceCodes = trie.sentence[node];
      if (sentenceCodes !== undefined) {
        sentence.push({
          codes: sentenceCodes,
          first,
          last,
          ngram: trie.grams[node] ?? '',
          slot: trie.sentenceSlot[node] ?? 0,
        });
      }
      const documentCodes = trie.document[node];
      if (documentCodes !== undefined && listed[node] !== serial) {
        listed[node] = serial;
        document.push({
          codes: documentCodes,
          first,
          last,
          ngram: trie.grams[node] ?? '',
          slot: trie.documentSlot[node] ?? 0,
        });
      }
    }
  }
  return { sentence, document };
}
