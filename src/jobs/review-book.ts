import { createError } from '../core/errors.js';
import type { JobRecord } from './job-view.js';
import { FINAL_STATUSES, type JobOptions } from './job-types.js';
import type { NoteCipher } from './note-cipher.js';
import { reviewChanges } from './review-audit.js';
import type { AuditEntry, NoteReview, ReviewContent } from './review-types.js';

/** A stored review: its version and the encrypted JSON of {@link StoredBody}. */
export interface StoredReview {
  readonly jobId: string;
  readonly noteId: string;
  readonly version: number;
  readonly body: string;
}

/** The backend part of reviews: rows keyed by job and note, written compare-and-set on the version. */
export interface ReviewStore {
  read(jobId: string, noteId: string): Promise<StoredReview | undefined>;
  /**
   * Writes version `expected + 1` when the stored version is `expected` (0: none stored).
   * @param expiresAt - when the job (and so the review) expires
   * @returns false on a version mismatch
   */
  write(
    tenant: string,
    review: StoredReview,
    expected: number,
    updatedAt: number,
    expiresAt: number,
  ): Promise<boolean>;
  /** Every review of a job. */
  ofJob(jobId: string): Promise<StoredReview[]>;
  /** Reviews updated at or after `since` (ms), of one tenant or of all (`undefined`). */
  since(tenant: string | undefined, since: number): Promise<StoredReview[]>;
}

interface StoredBody extends ReviewContent {
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly audit: readonly AuditEntry[];
}

/** A review with the options of its job (the export needs the job's setting). */
export interface ReviewWithJob {
  readonly review: NoteReview;
  readonly options: JobOptions;
}

/** The review methods of a {@link JobQueue}, over a backend's {@link ReviewStore}. */
export interface ReviewBook {
  getReview(id: string, tenant: string, noteId: string): Promise<NoteReview | undefined>;
  saveReview(
    id: string,
    tenant: string,
    noteId: string,
    content: ReviewContent,
    expectedVersion: number,
    actor: string,
  ): Promise<NoteReview | undefined>;
  reviews(id: string, tenant: string): Promise<NoteReview[] | undefined>;
  /** Reviews updated since `since` (ms); every tenant's when `tenant` is undefined (the CLI). */
  reviewsSince(tenant: string | undefined, since: number): Promise<ReviewWithJob[]>;
  /** A job's reviews with its options; any tenant's job when `tenant` is undefined (the CLI). */
  jobReviews(id: string, tenant: string | undefined): Promise<ReviewWithJob[] | undefined>;
}

const empty = (jobId: string, noteId: string): NoteReview => ({
  jobId,
  noteId,
  version: 0,
  decisions: [],
  added: [],
  audit: [],
});

/**
 * Reviews over a store: free text and the audit trail are encrypted with the notes' cipher, every
 * write is compare-and-set on the version (the ETag), and every change appends to the audit trail.
 * @param owned - the job when `tenant` owns it (undefined for an unknown or another tenant's job)
 * @param job - the job whatever its tenant (for exports across tenants)
 */
export function createReviewBook(
  store: ReviewStore,
  cipher: NoteCipher,
  owned: (id: string, tenant: string) => Promise<JobRecord | undefined>,
  job: (id: string) => Promise<JobRecord | undefined>,
): ReviewBook {
  const open = (row: StoredReview): NoteReview => {
    const body = JSON.parse(cipher.decrypt(row.body)) as StoredBody;
    return { jobId: row.jobId, noteId: row.noteId, version: row.version, ...body };
  };
  return {
    async getReview(id, tenant, noteId) {
      if ((await owned(id, tenant)) === undefined) {
        return undefined;
      }
      const row = await store.read(id, noteId);
      return row === undefined ? empty(id, noteId) : open(row);
    },
    async saveReview(id, tenant, noteId, content, expectedVersion, actor) {
      const record = await owned(id, tenant);
      if (record === undefined) {
        return undefined;
      }
      if (!FINAL_STATUSES.has(record.status)) {
        throw createError('REVIEW_NOT_OPEN', 'a job can be reviewed once it has finished', {
          jobId: id,
        });
      }
      const row = await store.read(id, noteId);
      const before = row === undefined ? empty(id, noteId) : open(row);
      if (before.version !== expectedVersion) {
        throw conflict(id, noteId, before.version);
      }
      const now = Date.now();
      const at = new Date(now).toISOString();
      const changes = reviewChanges(before, content);
      const body: StoredBody = {
        decisions: content.decisions,
        added: content.added,
        ...(content.note === undefined ? {} : { note: content.note }),
        ...(content.text === undefined ? {} : { text: content.text }),
        updatedAt: at,
        updatedBy: actor,
        audit: [...before.audit, { at, by: actor, changes }],
      };
      const next: StoredReview = {
        jobId: id,
        noteId,
        version: expectedVersion + 1,
        body: cipher.encrypt(JSON.stringify(body)),
      };
      if (!(await store.write(tenant, next, expectedVersion, now, record.expiresAt))) {
        const latest = await store.read(id, noteId);
        throw conflict(id, noteId, latest?.version ?? 0);
      }
      return open(next);
    },
    async reviews(id, tenant) {
      if ((await owned(id, tenant)) === undefined) {
        return undefined;
      }
      return (await store.ofJob(id)).map(open);
    },
    async reviewsSince(tenant, since) {
      const out: ReviewWithJob[] = [];
      for (const row of await store.since(tenant, since)) {
        const record = tenant === undefined ? await job(row.jobId) : await owned(row.jobId, tenant);
        if (record !== undefined) {
          out.push({ review: open(row), options: record.options });
        }
      }
      return out;
    },
    async jobReviews(id, tenant) {
      const record = tenant === undefined ? await job(id) : await owned(id, tenant);
      if (record === undefined) {
        return undefined;
      }
      return (await store.ofJob(id)).map((row) => ({ review: open(row), options: record.options }));
    },
  };
}

const conflict = (jobId: string, noteId: string, current: number): Error =>
  createError(
    'REVIEW_CONFLICT',
    'the review changed since you read it: read it again (GET) and reapply your changes',
    { jobId, noteId, currentEtag: `"r${String(current)}"` },
  );
