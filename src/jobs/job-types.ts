import type { BillingOptions } from '../core/claim-types.js';
import type { CodeSystem, DetectResult, Rules, Setting } from '../core/types.js';

/** Where a job is in its life. */
export type JobStatus =
  'queued' | 'running' | 'succeeded' | 'partially_succeeded' | 'failed' | 'cancelled';

/** Every job status, in life order. */
export const JOB_STATUSES: readonly JobStatus[] = [
  'queued',
  'running',
  'succeeded',
  'partially_succeeded',
  'failed',
  'cancelled',
];

/** Statuses a job never leaves. */
export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  'succeeded',
  'partially_succeeded',
  'failed',
  'cancelled',
]);

/** One note as submitted to the job API. */
export interface JobNote {
  readonly id: string;
  readonly text: string;
  readonly setting?: Setting;
  readonly encounterDate?: string;
}

/** Per-job detection options. */
export interface JobOptions {
  /** Suggestions below it are left out of the results (suppressed ones are always kept). */
  readonly threshold?: number;
  /** Only these systems; all when absent. */
  readonly systems?: readonly CodeSystem[];
  /** Setting for notes that do not name their own. */
  readonly setting?: Setting;
  /** false → code without the ONNX tagger (dictionary, learned associations and rules only). */
  readonly tagger?: boolean;
  /** `billing` (default) or `mentions`: which coding rules decide what is suggested (see `Rules`). */
  readonly rules?: Rules;
  /**
   * true → de-identify: detection runs on the original text, then the result keeps only the redacted
   * note (`redacted`) and redacted evidence texts; the original text is deleted once processed.
   */
  readonly redact?: boolean;
  /** How claim lines are billed (`result.claim`): component (26/TC), distinct-service modifiers, date of service. */
  readonly billing?: BillingOptions;
}

/** A validated submission. */
export interface JobSubmission {
  readonly notes: readonly JobNote[];
  readonly options: JobOptions;
  readonly callbackUrl?: string;
}

/** A catalogued error for one note. */
export interface NoteError {
  readonly code: string;
  readonly detail: string;
}

/** What happened to one note. */
export interface NoteOutcome {
  readonly noteId: string;
  readonly status: 'succeeded' | 'failed';
  readonly result?: DetectResult;
  readonly error?: NoteError;
}

/** A unit of work for the pipeline: a few notes of one job and that job's options. */
export interface DetectChunk {
  readonly notes: readonly JobNote[];
  readonly options: JobOptions;
  /**
   * Milliseconds each note may take in the worker thread (`/v1/detect`'s budget): past it the note is
   * abandoned between two pipeline stages and fails with DETECT_TIMEOUT. Unbounded when absent.
   */
  readonly budgetMs?: number;
}

/**
 * A note's outcome as the worker thread serialised it: the main thread only stores the JSON, so
 * neither a structured clone of the result tree nor JSON.stringify runs on the event loop.
 */
export interface SerializedOutcome {
  readonly noteId: string;
  readonly failed: boolean;
  /** JSON of the {@link NoteOutcome}. */
  readonly json: string;
}

/**
 * The worker's budget for a `/v1/detect` note whose caller waits `timeoutMs`: half of it. The note is
 * abandoned between two pipeline stages, so the stage running at the deadline (bounded: see the README's
 * Performance section) finishes within the other half, and the thread is free again by the time the
 * caller gets its 504.
 */
export const threadBudget = (timeoutMs: number): number => Math.max(1, Math.floor(timeoutMs / 2));

/** Serialises an outcome for storage. */
export function serializeOutcome(outcome: NoteOutcome): SerializedOutcome {
  return {
    noteId: outcome.noteId,
    failed: outcome.status === 'failed',
    json: JSON.stringify(outcome),
  };
}

/** Runs a chunk in the worker pool. Never throws for a bad note: that note's outcome says so. */
export type ChunkProcessor = (chunk: DetectChunk) => Promise<SerializedOutcome[]>;

/** Progress of a job. */
export interface JobProgress {
  readonly done: number;
  readonly failed: number;
  readonly total: number;
}

/** A job as the API shows it (without results). */
export interface JobView {
  readonly id: string;
  readonly status: JobStatus;
  readonly progress: JobProgress;
  readonly options: JobOptions;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly expiresAt: string;
  readonly callbackUrl?: string;
}

/** One page of a job's results, in submission order. */
export interface ResultPage {
  readonly items: readonly NoteOutcome[];
  /** Pass it as `cursor` for the next page; absent on the last page so far. */
  readonly nextCursor?: number;
}

/** One page of a tenant's jobs, newest first. */
export interface JobListPage {
  readonly items: readonly JobView[];
  /** Pass it as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** Counts for metrics and readiness. */
export interface QueueStats {
  readonly jobs: Readonly<Record<JobStatus, number>>;
  /** Notes accepted but not yet processed. */
  readonly queuedNotes: number;
  /** Notes processed since the store was created (a counter). */
  readonly processedNotes: number;
}

/** What a job's end notification carries (no note text, no results). */
export interface JobFinishedEvent {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly progress: JobProgress;
  readonly finishedAt: string;
  readonly callbackUrl?: string;
}
