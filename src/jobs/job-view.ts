import { createError } from '../core/errors.js';
import type { JobOptions, JobStatus, JobSubmission, JobView } from './job-types.js';

/** A job's stored fields, timestamps in epoch milliseconds. */
export interface JobRecord {
  readonly id: string;
  /** Who owns the job (see tenant.ts); never shown in the API view. */
  readonly tenant: string;
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
  tenant: string,
  submission: JobSubmission,
  now: number,
  resultTtlMs: number,
): JobRecord {
  return {
    id,
    tenant,
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

/** Where a page of a tenant's jobs (newest first) continues: after this job. */
export interface ListPosition {
  readonly createdAt: number;
  readonly id: string;
}

/** The opaque `nextCursor` of a job list that ends with `r`. */
export const listCursor = (r: { createdAt: number; id: string }): string =>
  `${String(r.createdAt)}.${r.id}`;

/**
 * The position a list cursor names.
 * @throws NotecoderError INVALID_CURSOR for anything not made by {@link listCursor}
 */
export function parseListCursor(cursor: string | undefined): ListPosition | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const match = /^(\d{1,15})\.(job_[a-z2-7]{20})$/.exec(cursor);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw createError('INVALID_CURSOR', 'cursor must be a value returned as nextCursor');
  }
  return { createdAt: Number(match[1]), id: match[2] };
}
