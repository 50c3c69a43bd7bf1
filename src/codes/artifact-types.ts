import type { CptLexicon } from './cpt/cpt-types.js';
import type { EditTables } from './edits/edit-tables.js';
import type {
  SeventhDefinition,
  TabularChapter,
  TabularNotes,
  TabularSection,
} from './icd10cm/tabular-types.js';
import type { SearchIndexData } from './search-index-data.js';

/** Identifies the file format of a compiled code set. */
export const ARTIFACT_FORMAT = 'notecoder-codeset';
/** Bumped whenever the layout below changes; older artifacts are rebuilt. */
export const ARTIFACT_VERSION = 1;

/** What a result is reproducible against. */
export interface CodeSetVersions {
  /** One human line: "ICD-10-CM FY2026 (tabular FY2023, index FY2023); HCPCS 2019; CPT lexicon …". */
  codeSet: string;
  /** True when no official ICD-10-CM release was loaded and only the team lexicon is known. */
  lexiconOnly: boolean;
  fiscalYear: number | null;
  tabularYear: number | null;
  indexYear: number | null;
  tablesYear: number | null;
  hcpcsYear: number | null;
  cpt: 'lexicon' | 'lexicon+licensed';
  /** Content hash of the shipped lexicon files. */
  lexicon: string;
}

/** ICD-10-CM, column-wise: row i of every array describes `codes[i]` (order-file order). */
export interface IcdTable {
  codes: string[];
  /** '1' billable, '0' header, one character per code. */
  billable: string;
  /** Empty when equal to the long title (saves space). */
  shortTitles: string[];
  longTitles: string[];
  chapters: TabularChapter[];
  sections: TabularSection[];
  /** Tabular notes by dotted code. */
  notes: Record<string, TabularNotes>;
  /** 7th-character definitions by the code that declares them. */
  sevenths: Record<string, SeventhDefinition>;
  index: {
    /** The term tree: each main term or sub-term title once. */
    terms: string[];
    /** Parent term of each term (-1 for a main term), packed with `packInt32`. */
    parents: string;
    /** Term each entry hangs on, packed; its phrase is the path of titles to it. */
    entryTerms: string;
    codes: string[];
    /** One character per entry: i index, n neoplasm, d drug, e external cause. */
    kinds: string;
    /** Column-name number per entry, -1 for plain index entries, packed. */
    columns: string;
    columnNames: string[];
    /** Manifestation codes by entry number. */
    manif: Record<string, string>;
  };
  /** Cross-references that carry no code: term, target text, 1 for "see also". */
  seeRefs: { terms: string; targets: string[]; also: string };
}

/** HCPCS Level II, column-wise. */
export interface HcpcsTable {
  year: number | null;
  codes: string[];
  /** 'P' procedure/supply, 'M' modifier. */
  kinds: string;
  shortTitles: string[];
  longTitles: string[];
  terminated: Record<string, string>;
}

/** Counts and findings of one build, printed by `notecoder dict build --json`. */
export interface BuildSummary {
  fiscalYear: number | null;
  sources: { name: string; kind: string; year: number | null; used: boolean }[];
  counts: {
    codes: number;
    billable: number;
    chapters: number;
    sections: number;
    inclusionTerms: number;
    excludes1Notes: number;
    excludes2Notes: number;
    excludesPairs: number;
    sevenChrDefinitions: number;
    indexPhrases: number;
    indexByKind: Record<'index' | 'neoplasm' | 'drug' | 'external', number>;
    seeReferences: number;
    /** See-references whose target path carries a code: they became index entries. */
    seeReferencesResolved: number;
    hcpcs: number;
    hcpcsModifiers: number;
    cpt: number;
    cptLicensed: number;
    searchDocuments: number;
    searchTerms: number;
  };
  mismatch: {
    tabularCodesNotInOrderFile: number;
    orderCodesWithoutTabularEntry: number;
    indexEntriesDropped: number;
    droppedSamples: string[];
  };
  warnings: string[];
  buildMs: number;
  artifactBytes: number;
  artifactPath: string;
}

/** The compiled code set: everything lookup and search need, in one JSON file. */
export interface CodeSetArtifact {
  format: typeof ARTIFACT_FORMAT;
  formatVersion: typeof ARTIFACT_VERSION;
  builtAt: string;
  versions: CodeSetVersions;
  summary: BuildSummary;
  icd: IcdTable;
  hcpcs: HcpcsTable | null;
  cpt: CptLexicon;
  /** CMS edit tables (MUE, NCCI PTP, add-on codes) the user supplied; absent when none was given. */
  edits?: EditTables;
  /** Team-written synonyms by ICD-10-CM code. */
  synonyms: Record<string, string[]>;
  search: SearchIndexData;
}
