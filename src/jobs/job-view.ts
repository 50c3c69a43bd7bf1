import type { JobOptions, JobStatus, JobSubmission, JobView } from './job-types.js';

/** A job's stored fields, timestamps in epoch milliseconds. */
export interface JobRecord {
  readonly id: string;
  readonly status: JobStatus;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly options: JobOptions;
  readonly callbackUrl?: string | undefined;
  readonly createdAt: number;
  readonly startedAt?: number | undefined;
  readonly finishedAt?: number | undefined;
  readonly expiresAt: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The API view of a stored job. */
export function toJobView(r: JobRecord): JobView {
  return {
    id: r.id,
    status: r.status,
    progress: { done: r.done, failed: r.failed, total: r.total },
    options: r.options,
    createdAt: iso(r.createdAt),
    ...(r.startedAt === undefined ? {} : { startedAt: iso(r.startedAt) }),
    ...(r.finishedAt === undefined ? {} : { finishedAt: iso(r.finishedAt) }),
    expiresAt: iso(r.expiresAt),
    ...(r.callbackUrl === undefined ? {} : { callbackUrl: r.callbackUrl }),
  };
}

/** The record of a job just accepted. */
export function newJobRecord(
  id: string,
  submission: JobSubmission,
  now: number,
  resultTtlMs: number,
): JobRecord {
  return {
    id,
    status: 'queued',
    total: submission.notes.length,
    done: 0,
    failed: 0,
    options: submission.options,
    callbackUrl: submission.callbackUrl,
    createdAt: now,
    expiresAt: now + resultTtlMs,
  };
}

/** The final status of a job whose notes are all processed. */
export function finalStatus(total: number, failed: number): JobStatus {
  if (failed === 0) {
    return 'succeeded';
  }
  return failed >= total ? 'failed' : 'partially_succeeded';
}
