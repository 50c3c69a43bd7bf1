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

/**
 * Creates a searcher over an index. Scoring: each query key weighs its inverse document frequency;
 * a document scores by the share of the query's weight it covers, times a small bonus for covering
 * itself (few extra words), times its field weight; an entry takes its best document. All per-query
 * state lives in typed arrays allocated once, so a query costs a pass over its terms' postings.
 */
export function createSearcher(index: SearchIndexData, options: SearcherOptions): Searcher {
  const docCount = index.docCount;
  const docKeys = unpackInt32(index.docKeys);
  const docLens = unpackInt32(index.docLens);
  const docRefs = unpackInt32(index.docRefs);
  const acc = new Float64Array(docCount);
  const hits = new Uint8Array(docCount);
  const bestScore = new Float64Array(options.keyCount);
  const bestDoc = new Int32Array(options.keyCount);
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
      const touchedKeys: number[] = [];
      const system = searchOptions.system;
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
      // Keep the best `limit` keys with a small sorted buffer: most keys fail the first comparison.
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
    },
  };
}
