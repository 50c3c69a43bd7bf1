import type { IcdTable } from '../artifact-types.js';
import { unpackInt32 } from '../packed-ints.js';

/** Reads index phrases back out of the artifact's term tree. */
export interface IndexPhrases {
  /** Number of index entries. */
  readonly size: number;
  /** "Main term, sub-term, …" of entry `n`. */
  phrase(n: number): string;
  /** The titles along entry `n`'s path: main term first. */
  path(n: number): string[];
  /** The table column of entry `n` ("Adverse effect"), if it came from a table. */
  column(n: number): string | undefined;
}

/** Decodes the packed tree of an {@link IcdTable}'s index once; phrases are joined on demand. */
export function createIndexPhrases(index: IcdTable['index']): IndexPhrases {
  const parents = unpackInt32(index.parents);
  const entryTerms = unpackInt32(index.entryTerms);
  const columns = unpackInt32(index.columns);
  const titles = (term: number): string[] => {
    const out: string[] = [];
    for (let t = term; t >= 0; t = parents[t] ?? -1) {
      out.push(index.terms[t] ?? '');
    }
    return out.reverse();
  };
  return {
    size: entryTerms.length,
    phrase: (n) => titles(entryTerms[n] ?? -1).join(', '),
    path: (n) => titles(entryTerms[n] ?? -1),
    column: (n) => index.columnNames[columns[n] ?? -1],
  };
}
