import type { BuildSummary, CodeSetArtifact, CodeSetVersions } from './artifact-types.js';
import type { CodeSystem } from './code-format.js';
import type {
  AppliedNote,
  CodeInfo,
  IcdCodeInfo,
  IndexPhraseInfo,
  SearchHit,
  SeventhsInfo,
} from './code-info.js';
import type { CodeRef } from './icd10cm/code-refs.js';
import type { SearchOptions } from './search-code-set.js';

/** The code-set knowledge base: lookup, hierarchy, instructional notes and search. */
export interface CodeSet {
  readonly versions: CodeSetVersions;
  readonly summary: BuildSummary;
  /** The artifact file it was loaded from (worker threads load the same one); absent when built in memory. */
  readonly file?: string;
  /**
   * Looks a code up. Accepts any spacing, case and dot (`e119`, `E11.9`, ` e11.9 `). Without
   * `system`, a dotted code is ICD-10-CM; otherwise systems are tried in the order ICD-10-CM, CPT,
   * HCPCS (J1100 is both HCPCS and ICD J11.00: use `lookup` to see both).
   */
  get(code: string, system?: CodeSystem): CodeInfo | undefined;
  /** Like `get`, but a catalogued error (INVALID_CODE, CODE_NOT_FOUND) when there is no such code. */
  require(code: string, system?: CodeSystem): CodeInfo;
  /** Every system's entry for this code text. */
  lookup(code: string): CodeInfo[];
  /** ICD-10-CM ancestors, nearest first (E11.65 → E11.6, E11). */
  ancestors(code: string): IcdCodeInfo[];
  /** Direct ICD-10-CM children in order-file order. */
  children(code: string): IcdCodeInfo[];
  /** True for a billable ICD-10-CM code; HCPCS procedures and CPT codes are billable. */
  isBillable(code: string, system?: CodeSystem): boolean;
  /** Excludes1 notes that apply to a code: its own, its ancestors', its section's and chapter's. */
  excludes1(code: string): AppliedNote[];
  /** Excludes2 notes that apply to a code. */
  excludes2(code: string): AppliedNote[];
  /** True when an Excludes1 note of either code names the other: never report both. */
  isExcludes1Pair(a: string, b: string): boolean;
  /** The code references of every Excludes1 note that applies to a code (parsed once, cached). */
  excludes1Refs(code: string): readonly CodeRef[];
  /** Valid 7th characters for a code, from the nearest declaring ancestor. */
  sevenths(code: string): SeventhsInfo | undefined;
  /** Alphabetic Index and table phrases that lead to a code. */
  indexPhrases(code: string): IndexPhraseInfo[];
  /** Ranked search over titles, inclusion terms, index phrases, synonyms and CPT descriptions. */
  search(text: string, options?: SearchOptions): SearchHit[];
  /** Every code's title and inclusion terms (ICD-10-CM), titles (HCPCS) and descriptions (CPT). */
  terms(): Iterable<CodeTerm>;
  /** Every Alphabetic Index and table entry: the path of titles (main term first), code, kind, column. */
  indexEntries(): Iterable<IndexEntryInfo>;
  /** Team-written synonyms of ICD-10-CM codes. */
  synonyms(): Iterable<{ readonly code: string; readonly synonyms: readonly string[] }>;
  /** The CPT lexicon entries and E/M time rules. */
  readonly cpt: CodeSetArtifact['cpt'];
  /** The CMS edit tables compiled in (`dict build --mue/--ncci/--addons`), when given. */
  readonly edits?: CodeSetArtifact['edits'];
}

/** One index or table entry as {@link CodeSet.indexEntries} lists them. */
export interface IndexEntryInfo {
  readonly path: readonly string[];
  readonly code: string;
  readonly kind: IndexPhraseInfo['kind'];
  readonly column?: string;
}

/** A title or inclusion term of a code, as {@link CodeSet.terms} lists them. */
export interface CodeTerm {
  readonly system: CodeSystem;
  readonly code: string;
  readonly text: string;
  readonly kind: 'title' | 'inclusion';
}
