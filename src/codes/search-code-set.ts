import { createError } from '../core/errors.js';
import { termKeys } from '../core/term-key.js';
import type { CodeSystem } from './code-format.js';
import { unpackAscending, unpackInt32 } from './packed-ints.js';
import { FIELD_WEIGHT, type SearchField, type SearchIndexData } from './search-index-data.js';

/** Options of a search. */
export interface SearchOptions {
  /** Most results returned (default 10, at most 200). */
  limit?: number;
  /** Restrict to one code system. */
  system?: CodeSystem;
}

/** A raw hit: the entry key and the document that matched best. */
export interface KeyHit {
  key: number;
  score: number;
  doc: number;
}

/** Ranks entries for a query over the precomputed inverted index. */
export interface Searcher {
  search(query: string, options: SearchOptions): KeyHit[];
  /** The field character of a document. */
  field(doc: number): SearchField;
  /** The text reference of a document (see {@link SearchIndexData.docRefs}). */
  ref(doc: number): number;
}

/** Options of {@link createSearcher}. */
export interface SearcherOptions {
  /** Number of entry keys (all systems). */
  keyCount: number;
  /** The system of an entry key. */
  systemOf: (key: number) => CodeSystem;
  /** Tie-breaker, higher first (billable codes before headers). */
  preference: (key: number) => number;
}

const MAX_CACHED_LISTS = 4096;

/** Per-query state in typed arrays allocated once; every query leaves them zeroed. */
interface Scratch {
  readonly index: SearchIndexData;
  readonly options: SearcherOptions;
  readonly docKeys: Int32Array;
  readonly docLens: Int32Array;
  /** Per document: the query's weight it covers, and how many query keys it holds. */
  readonly acc: Float64Array;
  readonly hits: Uint8Array;
  /** Per entry key: its best document's score and number. */
  readonly bestScore: Float64Array;
  readonly bestDoc: Int32Array;
}

/**
 * Adds each query key's inverse document frequency to the documents that hold it.
 * @returns the documents touched, and the query's total weight
 */
function accumulate(
  scratch: Scratch,
  keys: readonly string[],
  postings: (term: string) => Int32Array | undefined,
): { touched: number[]; total: number } {
  const { acc, hits } = scratch;
  const docCount = scratch.index.docCount;
  const touched: number[] = [];
  let total = 0;
  for (const key of keys) {
    const list = postings(key);
    const idf = Math.log(1 + docCount / ((list?.length ?? 0) + 1));
    total += idf;
    if (list === undefined) {
      continue;
    }
    for (const doc of list) {
      if (hits[doc] === 0) {
        touched.push(doc);
      }
      hits[doc] = (hits[doc] ?? 0) + 1;
      acc[doc] = (acc[doc] ?? 0) + idf;
    }
  }
  return { touched, total };
}

/**
 * Scores the touched documents (the share of the query's weight covered, a small bonus for covering
 * itself, the field's weight) and keeps each entry's best, of one system when asked.
 * @returns the entry keys that scored
 */
function bestPerKey(
  scratch: Scratch,
  touched: readonly number[],
  total: number,
  system: CodeSystem | undefined,
): number[] {
  const { acc, hits, bestScore, bestDoc, docKeys, docLens, index, options } = scratch;
  const touchedKeys: number[] = [];
  for (const doc of touched) {
    const key = docKeys[doc] ?? 0;
    const coverQuery = (acc[doc] ?? 0) / total;
    const coverDoc = (hits[doc] ?? 0) / (docLens[doc] ?? 1);
    const field = (index.docFields[doc] ?? 'L') as SearchField;
    const score = coverQuery * (0.8 + 0.2 * coverDoc) * FIELD_WEIGHT[field];
    acc[doc] = 0;
    hits[doc] = 0;
    if (system !== undefined && options.systemOf(key) !== system) {
      continue;
    }
    const previous = bestScore[key] ?? 0;
    if (previous === 0) {
      touchedKeys.push(key);
    }
    if (score > previous) {
      bestScore[key] = score;
      bestDoc[key] = doc;
    }
  }
  return touchedKeys;
}

/** The best `limit` keys, kept in a small sorted buffer: most keys fail the first comparison. */
function topHits(scratch: Scratch, touchedKeys: readonly number[], limit: number): KeyHit[] {
  const { bestScore, bestDoc, options } = scratch;
  const top: KeyHit[] = [];
  const better = (a: KeyHit, b: KeyHit): boolean =>
    a.score > b.score ||
    (a.score === b.score &&
      (options.preference(a.key) > options.preference(b.key) ||
        (options.preference(a.key) === options.preference(b.key) && a.key < b.key)));
  for (const key of touchedKeys) {
    const hit: KeyHit = { key, score: bestScore[key] ?? 0, doc: bestDoc[key] ?? 0 };
    bestScore[key] = 0;
    const last = top[top.length - 1];
    if (top.length >= limit && last !== undefined && !better(hit, last)) {
      continue;
    }
    let at = top.length;
    while (at > 0) {
      const prev = top[at - 1];
      if (prev === undefined || !better(hit, prev)) {
        break;
      }
      at--;
    }
    top.splice(at, 0, hit);
    if (top.length > limit) {
      top.pop();
    }
  }
  return top;
}

/**
 * Creates a searcher over an index. Scoring: each query key weighs its inverse document frequency;
 * a document scores by the share of the query's weight it covers, times a small bonus for covering
 * itself (few extra words), times its field weight; an entry takes its best document. All per-query
 * state lives in typed arrays allocated once, so a query costs a pass over its terms' postings.
 */
export function createSearcher(index: SearchIndexData, options: SearcherOptions): Searcher {
  const docRefs = unpackInt32(index.docRefs);
  const scratch: Scratch = {
    index,
    options,
    docKeys: unpackInt32(index.docKeys),
    docLens: unpackInt32(index.docLens),
    acc: new Float64Array(index.docCount),
    hits: new Uint8Array(index.docCount),
    bestScore: new Float64Array(options.keyCount),
    bestDoc: new Int32Array(options.keyCount),
  };
  const lists = new Map<string, Int32Array>();
  const postings = (term: string): Int32Array | undefined => {
    let list = lists.get(term);
    if (list === undefined) {
      const packed = index.postings[term];
      if (packed === undefined) {
        return undefined;
      }
      list = unpackAscending(packed);
      if (lists.size >= MAX_CACHED_LISTS) {
        lists.clear();
      }
      lists.set(term, list);
    }
    return list;
  };
  return {
    field: (doc) => (index.docFields[doc] ?? 'L') as SearchField,
    ref: (doc) => docRefs[doc] ?? -1,
    search(query, searchOptions) {
      const keys = [...new Set(termKeys(query))];
      if (keys.length === 0) {
        throw createError('EMPTY_QUERY', 'the search query has no searchable words');
      }
      const limit = Math.min(Math.max(1, searchOptions.limit ?? 10), 200);
      const { touched, total } = accumulate(scratch, keys, postings);
      return topHits(scratch, bestPerKey(scratch, touched, total, searchOptions.system), limit);
    },
  };
}
