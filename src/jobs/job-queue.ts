import type {
  JobListPage,
  JobNote,
  JobOptions,
  JobSubmission,
  JobView,
  NoteOutcome,
  QueueStats,
  ResultPage,
} from './job-types.js';
import type { ReviewBook } from './review-book.js';

/** How a submission is identified for idempotent retries. */
export interface SubmitOptions {
  /** The client's `Idempotency-Key`, scoped to the tenant. */
  readonly idempotencyKey?: string;
  /** Hash of the canonical request body: same key + different fingerprint is a conflict. */
  readonly fingerprint?: string;
}

/** The outcome of a submission. */
export interface SubmitResult {
  readonly job: JobView;
  /** False when an idempotent resubmission returned the existing job. */
  readonly created: boolean;
}

/**
 * A durable queue of detection jobs. Two backends implement it — embedded (SQLite + worker threads)
 * and BullMQ (Redis) — and one conformance suite tests both. Every job belongs to a tenant; every
 * read, cancel and purge names the caller's tenant and treats another tenant's job as unknown
 * (`ownedBy` in tenant.ts is the one check both backends use). The review methods (review-book.ts)
 * keep a coder's decisions per note of a finished job; reviews expire and are purged with the job.
 */
export interface JobQueue extends ReviewBook {
  readonly backend: 'embedded' | 'bullmq';
  /**
   * Accepts a job. Once it resolves the job is durable: a crash or restart does not lose it.
   * @throws NotecoderError IDEMPOTENCY_CONFLICT, QUEUE_UNAVAILABLE
   */
  submit(submission: JobSubmission, tenant: string, options?: SubmitOptions): Promise<SubmitResult>;
  /** The job, or undefined when it never existed, expired, was purged or is another tenant's. */
  get(id: string, tenant: string): Promise<JobView | undefined>;
  /** The tenant's jobs, newest first, from `cursor` (a `nextCursor` of an earlier page). */
  list(tenant: string, cursor: string | undefined, limit: number): Promise<JobListPage>;
  /** Results in submission order from `cursor` (a position); undefined for an unknown job. */
  results(
    id: string,
    tenant: string,
    cursor: number,
    limit: number,
  ): Promise<ResultPage | undefined>;
  /** Cancels: queued notes are not processed. Returns the job, undefined when unknown. */
  cancel(id: string, tenant: string): Promise<JobView | undefined>;
  /** Deletes the job and its results (cancelling it first). False when unknown. */
  purge(id: string, tenant: string): Promise<boolean>;
  /**
   * Runs one note through the worker pool and waits for it (`POST /v1/detect`).
   * @throws NotecoderError DETECT_TIMEOUT, QUEUE_UNAVAILABLE
   */
  detect(note: JobNote, options: JobOptions, timeoutMs: number): Promise<NoteOutcome>;
  /** Job counts by status and queue depth. */
  stats(): Promise<QueueStats>;
  /** True when the store is reachable. */
  ready(): Promise<boolean>;
  /** Stops processing and closes the store (in-flight work finishes or is handed back). */
  close(): Promise<void>;
}
