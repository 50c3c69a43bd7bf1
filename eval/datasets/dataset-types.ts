import type { CodeSystem, Setting } from '../../src/core/types.js';

/** A gold code of a labeled note, canonical (upper case; ICD-10-CM with its dot). */
export interface GoldCode {
  readonly system: CodeSystem;
  readonly code: string;
  /**
   * Defensible but not required (status Z codes, incidental findings, an uncertain E/M level): suggested,
   * it is neither a true nor a false positive; missing, it is not a false negative.
   */
  readonly optional?: boolean;
}

/** A note with its gold codes. */
export interface LabeledNote {
  readonly id: string;
  readonly text: string;
  readonly setting?: Setting;
  readonly gold: readonly GoldCode[];
  /** The note's type (JSONL `specialty`, else `kind`), for the scores by note type. */
  readonly group?: string;
}

/** A labeled dataset as read from disk. */
export interface Dataset {
  /** A display name: the folder or file name. */
  readonly name: string;
  readonly format: 'codiesp' | 'jsonl';
  readonly notes: readonly LabeledNote[];
  /** With `--lenient`: the problems that were skipped, each naming file and line. */
  readonly warnings: readonly string[];
}

/** Options shared by the dataset readers. */
export interface ReadOptions {
  /** Turn malformed input into counted warnings instead of errors. */
  readonly lenient?: boolean;
  /**
   * Note texts by id, for JSONL label files that carry codes only (the team's labels of a public
   * collection, joined at run time with the collection the user points to: `--texts`).
   */
  readonly texts?: ReadonlyMap<string, string>;
}
