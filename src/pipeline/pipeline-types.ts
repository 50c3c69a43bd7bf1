import type { BillingOptions } from '../core/claim-types.js';
import type { DetectResult, Note, Rules, Setting } from '../core/types.js';
import type { Candidate, Mention, MentionSource } from './candidate.js';
import type { Associations } from './learned/learned-model.js';
import type { TagResult } from './tagger/tag-result.js';

/** Receives each stage's time for one note (see `npm run bench`); absent → stages are not timed. */
export interface StageTimer {
  /**
   * @param stage - the stage's name in the pipeline's list
   * @param ms - its wall time on one note, in milliseconds
   */
  record(stage: string, ms: number): void;
}

/** Options of `createPipeline`. */
export interface PipelineOptions {
  /** Longest note accepted, in characters (default 200,000). */
  readonly maxChars?: number;
  /** Candidates below this confidence are not suggested (default 0.02; `detect --threshold` filters further). */
  readonly floor?: number;
  /** Times every stage of every note (benchmarks); off by default, and then it costs nothing. */
  readonly timing?: StageTimer;
}

/** Per-call options of `detect`. */
export interface DetectOptions {
  readonly setting?: Setting;
  /** `billing` (default) or `mentions`: see {@link Rules}. */
  readonly rules?: Rules;
  /** Associations to use instead of the shipped ones (cross-fitting during training). */
  readonly associations?: Associations;
  /**
   * The ONNX tagger's reading of this note (see `createTaggedDetector`): its mentions become extra
   * candidates and its probabilities extra scorer features, scored by the model's tagged scorer.
   */
  readonly tags?: TagResult;
  /** false → skip the US selection stage (fitting it needs the suggestions before it). */
  readonly select?: boolean;
  /** How the claim lines are billed: component (26/TC), distinct-service modifier style, date of service. */
  readonly billing?: BillingOptions;
  /**
   * The confidence from which a suggestion becomes a claim line or pointer (default: the operating
   * threshold; a job's `threshold` option passes its own).
   */
  readonly claimThreshold?: number;
  /**
   * `performance.now()` past which the note is abandoned: checked before each stage, so a note over
   * its budget stops within one stage's time (`DETECT_TIMEOUT`) and the thread moves on.
   */
  readonly deadline?: number;
}

/** A candidate with its feature vector, for fitting the scorer. */
export interface ScoredCandidate {
  readonly code: string;
  readonly features: readonly number[];
}

/** A candidate code and the spans that support it. */
export interface CandidateMentions {
  readonly system: Candidate['system'];
  readonly code: string;
  readonly confidence: number;
  readonly mentions: readonly {
    start: number;
    end: number;
    source: MentionSource;
    assertion: Mention['assertion'];
  }[];
}

/** The detection pipeline: `detect(note)` is pure and synchronous. */
export interface Pipeline {
  readonly name: string;
  /** Operating threshold of the learned model (best training F1), 0.5 without one. */
  readonly threshold: number;
  /** The scorer fitted with tagger features: its tagger version and operating threshold. */
  readonly tagged?: { readonly tagger: string; readonly threshold: number };
  detect(note: Note, options?: DetectOptions): DetectResult;
  /** Throws the catalogued error `detect` would throw for an unusable note (empty, too long). */
  validate(note: Note): void;
  /** ICD-10-CM candidates that would be suggested, with features (for `notecoder train`). */
  features(note: Note, options?: DetectOptions): ScoredCandidate[];
  /** Every candidate's mention spans with their assertion (silver labels for the tagger). */
  mentions(note: Note, options?: DetectOptions): CandidateMentions[];
}
