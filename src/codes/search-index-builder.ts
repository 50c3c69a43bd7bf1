import { termKeys } from '../core/term-key.js';
import { packAscending, packInt32 } from './packed-ints.js';
import type { SearchField, SearchIndexData } from './search-index-data.js';

/** Collects search documents at build time and turns them into {@link SearchIndexData}. */
export interface SearchIndexBuilder {
  /**
   * Adds a document. Documents whose matching keys repeat an earlier document of the same entry are
   * skipped, so an index phrase equal to a title is stored once (the first field added wins).
   * @param key - entry key the document points to
   * @param field - which field the text comes from
   * @param text - the text
   * @param ref - where to find the text again (see {@link SearchIndexData.docRefs}); -1 for titles
   */
  add(key: number, field: SearchField, text: string, ref?: number): void;
  /** Adds a text to the shared text table and returns its position, for documents of fields I, Y, T. */
  addText(text: string): number;
  build(): SearchIndexData;
}

/** Creates an empty {@link SearchIndexBuilder}. */
export function createSearchIndexBuilder(): SearchIndexBuilder {
  const docKeys: number[] = [];
  const docRefs: number[] = [];
  const docLens: number[] = [];
  const texts: string[] = [];
  const fields: string[] = [];
  const seen = new Set<string>();
  const lists = new Map<string, number[]>();
  return {
    addText(text) {
      texts.push(text);
      return texts.length - 1;
    },
    add(key, field, text, ref = -1) {
      const keys = [...new Set(termKeys(text))];
      if (keys.length === 0) {
        return;
      }
      const signature = `${key}|${[...keys].sort().join(' ')}`;
      if (seen.has(signature)) {
        return;
      }
      seen.add(signature);
      const doc = docKeys.length;
      docKeys.push(key);
      fields.push(field);
      docRefs.push(ref);
      docLens.push(keys.length);
      for (const term of keys) {
        let list = lists.get(term);
        if (list === undefined) {
          list = [];
          lists.set(term, list);
        }
        list.push(doc);
      }
    },
    build() {
      const postings: Record<string, string> = {};
      for (const [term, list] of lists) {
        // Lists are decoded only for the terms of a query, never at load.
        postings[term] = packAscending(list);
      }
      return {
        docCount: docKeys.length,
        docKeys: packInt32(docKeys),
        docFields: fields.join(''),
        docRefs: packInt32(docRefs),
        docLens: packInt32(docLens),
        texts,
        postings,
      };
    },
  };
}
