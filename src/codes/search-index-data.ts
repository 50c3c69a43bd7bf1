/**
 * Field of a search document: L long title, S short title, I inclusion term or includes note,
 * X index phrase, Y team synonym, T CPT trigger phrase, D CPT/HCPCS description.
 */
export type SearchField = 'L' | 'S' | 'I' | 'X' | 'Y' | 'T' | 'D';

/** Ranking weight of each field: titles and the team's own words count most. */
export const FIELD_WEIGHT: Readonly<Record<SearchField, number>> = {
  L: 1,
  S: 0.9,
  I: 0.95,
  X: 0.95,
  Y: 1,
  T: 0.97,
  D: 1,
};

/** The precomputed inverted index stored in the artifact (built once, loaded without work). */
export interface SearchIndexData {
  /** Number of documents. */
  docCount: number;
  /** Entry key of each document (ICD codes, then HCPCS, then CPT), packed with `packInt32`. */
  docKeys: string;
  /** One {@link SearchField} character per document. */
  docFields: string;
  /** X: index-entry number; I, Y, T: position in `texts`; L, S, D: -1 (the entry's own title); packed. */
  docRefs: string;
  /** Distinct matching keys per document, packed with `packInt32`. */
  docLens: string;
  texts: string[];
  /** Matching key → ascending document numbers, packed with `packAscending`. */
  postings: Record<string, string>;
}
