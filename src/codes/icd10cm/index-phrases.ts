import type { IcdTable } from '../artifact-types.js';
import { unpackInt32 } from '../packed-ints.js';

/** Reads index phrases back out of the artifact's term tree. */
export interface IndexPhrases {
  /** Number of index entries. */
  readonly size: number;
  /** "Main term, sub-term, …" of entry `n`. */
  phrase(n: number): string;
  /** The table column of entry `n` ("Adverse effect"), if it came from a table. */
  column(n: number): string | undefined;
}

/** Decodes the packed tree of an {@link IcdTable}'s index once; phrases are joined on demand. */
export function createIndexPhrases(index: IcdTable['index']): IndexPhrases {
  const parents = unpackInt32(index.parents);
  const entryTerms = unpackInt32(index.entryTerms);
  const columns = unpackInt32(index.columns);
  const path = (term: number): string => {
    const titles: string[] = [];
    for (let t = term; t >= 0; t = parents[t] ?? -1) {
      titles.push(index.terms[t] ?? '');
    }
    return titles.reverse().join(', ');
  };
  return {
    size: entryTerms.length,
    phrase: (n) => path(entryTerms[n] ?? -1),
    column: (n) => index.columnNames[columns[n] ?? -1],
  };
}
