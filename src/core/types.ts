import type { Claim } from './claim-types.js';
import type { Redaction } from './redaction-types.js';
import type { ResultWarning } from './result-warnings.js';

/** The code systems notecoder proposes codes in. */
export type CodeSystem = 'ICD-10-CM' | 'CPT' | 'HCPCS';

/** Care setting: uncertain diagnoses are coded differently (ICD-10-CM guideline IV.H vs II.H). */
export type Setting = 'outpatient' | 'inpatient';

/**
 * Which coding rules decide what is suggested. `billing` (default): the ICD-10-CM reporting guidelines —
 * negated, hypothetical and (outpatient) uncertain diagnoses are never suggested, history becomes a
 * Z code, Excludes1 pairs and integral symptoms are resolved. `mentions`: every diagnosis the note
 * mentions is suggested with its assertion (`absent`, `historical`, …), the way clinical-text
 * annotation (CodiEsp) and entity APIs such as Comprehend Medical's InferICD10CM report them; for
 * abstraction, registries and search, never for a claim. Procedures follow the billing rules in both.
 */
export type Rules = 'billing' | 'mentions';

/** A clinical note as submitted. */
export interface Note {
  readonly id: string;
  readonly text: string;
  readonly setting?: Setting;
  /** ISO date of the encounter, when known. */
  readonly encounterDate?: string;
}

/**
 * A span of the note that supports a code. Offsets are UTF-16 code units into the note text exactly as
 * submitted: `note.text.slice(start, end) === text` always holds.
 */
export interface Evidence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly section?: string;
}

/** What the note says about a mention. */
export type Assertion =
  'present' | 'absent' | 'possible' | 'historical' | 'family' | 'hypothetical';

/** A proposed code. */
export interface Suggestion {
  readonly code: string;
  readonly system: CodeSystem;
  readonly title: string;
  /** 0..1; calibrated where the detector says so. */
  readonly confidence: number;
  readonly evidence: readonly Evidence[];
  readonly assertion: Assertion;
  readonly section?: string;
  readonly modifiers?: readonly string[];
  /** Why the code was kept, in words a coder reads. */
  readonly reasons: readonly string[];
}

/** A candidate that was dropped, and why. */
export interface Suppressed extends Suggestion {
  /** negated, uncertain-outpatient, family-history, excludes1-conflict, less-specific, … */
  readonly reason: string;
}

/** What every result is reproducible against. */
export interface ResultVersions {
  readonly codeSet: string;
  /**
   * True when no official ICD-10-CM release was loaded and the code set is the team lexicon alone
   * (the `LEXICON_ONLY` warning says the same in words).
   */
  readonly lexiconOnly: boolean;
  readonly detector: string;
  /**
   * The ONNX tagger: `tagger-<first 12 hex of its sha256>`, `off` when turned off (`--no-tagger`),
   * `unavailable` when its files could not be loaded and `allowTaggerFallback` let the service start.
   */
  readonly tagger?: string;
  /** The US coder's selection model that re-scored the ICD-10-CM suggestions (billing rules). */
  readonly selection?: string;
}

/** The answer for one note. */
export interface DetectResult {
  readonly noteId: string;
  readonly suggestions: readonly Suggestion[];
  readonly suppressed: readonly Suppressed[];
  readonly versions: ResultVersions;
  /**
   * With the `redact` option: the note with its PHI replaced (offsets of `spans` and of every evidence
   * point into the submitted text, which is not kept); evidence texts and reasons then carry no PHI.
   */
  readonly redacted?: Redaction;
  /**
   * Present only when the result is less than the service can give (lexicon-only code set, tagger
   * unavailable): one catalogued warning each, in every result so affected.
   */
  readonly warnings?: readonly ResultWarning[];
  /**
   * The claim lines the suggestions make (billing rules): one per billable CPT/HCPCS service, with units,
   * modifiers and diagnosis pointers, each with its evidence, and the edit checks' findings.
   */
  readonly claim?: Claim;
}

/** Anything that turns a note into code suggestions: the baseline, the pipeline. Pure: no I/O. */
export interface Detector {
  /** Short name recorded in results and evaluation summaries. */
  readonly name: string;
  /** Operating threshold: suggestions at or above it are the ones a coder sees by default. */
  readonly threshold?: number;
  detect(note: Note): DetectResult;
}
