import type { CodeSystem } from '../../core/types.js';

/** Where a dictionary term comes from; the scorer weighs sources differently. */
export type TermSource = 'index' | 'title' | 'inclusion' | 'synonym' | 'neoplasm' | 'cpt-trigger';

/** A term to find in notes: its required and optional words (stems), and the code it points to. */
export interface TermEntry {
  /** Stems that must all appear, in any order, close together in one sentence. */
  readonly required: readonly string[];
  /** Stems that may appear (nonessential modifiers, "unspecified", "with"); they add to match quality. */
  readonly optional: readonly string[];
  /** Stems that must not be in the match's window: what the term says is absent ("without …"). */
  readonly excluded?: readonly string[];
  readonly system: CodeSystem;
  readonly code: string;
  readonly source: TermSource;
  /** The term as written, for evidence and reasons. */
  readonly text: string;
}

/** One place a term was found. */
export interface TermMatch {
  readonly entry: TermEntry;
  /** First and last token of the match (inclusive). */
  readonly first: number;
  readonly last: number;
  /** 0..1: how tightly the words sit together and how many optional words came along. */
  readonly quality: number;
  /** Token positions of the required words, in entry order. */
  readonly positions: readonly number[];
}
