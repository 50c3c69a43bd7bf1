import type { CodeSystem } from './code-format.js';
import type { CptEntry } from './cpt/cpt-types.js';
import type { CodeRef } from './icd10cm/code-refs.js';
import type { TabularNotes } from './icd10cm/tabular-types.js';

/** An ICD-10-CM code as lookup returns it. */
export interface IcdCodeInfo {
  readonly system: 'ICD-10-CM';
  readonly code: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly billable: boolean;
  readonly chapter?: { readonly id: string; readonly title: string };
  readonly section?: { readonly id: string; readonly title: string };
  /** The code's own Tabular notes (inherited ones: see `CodeSet.excludes1`, `sevenths`). */
  readonly notes: TabularNotes;
  /** Team-written synonyms. */
  readonly synonyms: readonly string[];
}

/** A CPT code as lookup returns it. */
export interface CptCodeInfo extends Omit<CptEntry, 'description'> {
  readonly system: 'CPT';
  readonly title: string;
  readonly modifierDescriptions: Readonly<Record<string, string>>;
}

/** An HCPCS Level II code or modifier as lookup returns it. */
export interface HcpcsCodeInfo {
  readonly system: 'HCPCS';
  readonly code: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly kind: 'procedure' | 'modifier';
  /** YYYYMMDD when CMS discontinued it. */
  readonly terminated?: string;
}

/** Any code lookup can return. */
export type CodeInfo = IcdCodeInfo | CptCodeInfo | HcpcsCodeInfo;

/** An instructional note that applies to a code, with where it is declared. */
export interface AppliedNote {
  /** The code, section (`E08-E13`) or chapter (`chapter 4`) carrying the note. */
  readonly declaredAt: string;
  readonly note: string;
  /** Codes and ranges the note refers to. */
  readonly refs: readonly CodeRef[];
}

/** The 7th characters valid for a code, from the nearest ancestor that declares them. */
export interface SeventhsInfo {
  readonly declaredAt: string;
  readonly note?: string;
  readonly chars: Readonly<Record<string, string>>;
}

/** An index phrase leading to a code. */
export interface IndexPhraseInfo {
  readonly phrase: string;
  readonly kind: 'index' | 'neoplasm' | 'drug' | 'external';
  readonly column?: string;
  readonly manif?: string;
}

/** One ranked search result. */
export interface SearchHit {
  readonly system: CodeSystem;
  readonly code: string;
  readonly title: string;
  /** 0..1: how completely the query and the best matching text cover each other. */
  readonly score: number;
  /** The text that matched best and what it is. */
  readonly matched: { readonly field: string; readonly text: string };
  /**
   * True when the code can be reported as it is: a billable ICD-10-CM code, a current HCPCS procedure,
   * a CPT code. False for an ICD-10-CM category or subcategory (a header: code to a child).
   */
  readonly billable: boolean;
}
