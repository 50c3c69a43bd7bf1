import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { RetryPolicy } from '../callback-sender.js';
import type { JobQueue, SubmitOptions, SubmitResult } from '../job-queue.js';
import { newJobId } from '../job-id.js';
import {
  JOB_STATUSES,
  serializeOutcome,
  threadBudget,
  type ChunkProcessor,
  type JobNote,
  type JobOptions,
  type JobStatus,
  type JobSubmission,
  type NoteOutcome,
  type QueueStats,
  type SerializedOutcome,
} from '../job-types.js';
import {
  finalStatus,
  listCursor,
  newJobRecord,
  parseListCursor,
  toJobView,
  type JobRecord,
} from '../job-view.js';
import { ownedBy } from '../tenant.js';
import type { NoteCipher } from '../note-cipher.js';
import { createCallbackOutbox } from './callback-outbox.js';
import { createReviewBook } from '../review-book.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { payloadBatches } from '../payload-batches.js';
import { createSqliteReviewStore } from './sqlite-review-store.js';

/** Options of {@link createEmbeddedQueue}. */
export interface EmbeddedQueueOptions {
  /** Folder of the SQLite store (`jobs.sqlite`), or `:memory:`. */
  readonly dataDir: string;
  /** Runs a chunk in the worker pool. */
  readonly process: ChunkProcessor;
  /** Chunks in flight at once (twice the pool's threads keeps them busy). */
  readonly concurrency: number;
  readonly chunkSize: number;
  readonly resultTtlMs: number;
  readonly cipher: NoteCipher;
  readonly log: Logger;
  readonly callbackSecret?: string | undefined;
  /** Attempts per note before it fails with WORKER_FAILED. */
  readonly maxAttempts?: number;
  /** How often expired jobs are deleted. */
  readonly sweepMs?: number;
  /** Callback retry schedule (default 6 attempts from 1 s, doubling). */
  readonly callbackRetry?: RetryPolicy;
  /** How often due callbacks are looked for. */
  readonly callbackPollMs?: number;
}

const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** Notes deleted per statement when a job is purged or expires. */
const PURGE_BATCH = 1000;
const STATUSES = JOB_STATUSES;

/**
 * The default, zero-configuration backend: jobs in SQLite (so a restart resumes queued and running
 * jobs), notes processed in chunks by the worker pool, round-robin across jobs so a small job is not
 * stuck behind a million-note one.
 */
export function createEmbeddedQueue(options: EmbeddedQueueOptions): JobQueue {
  if (options.concurrency < 1 || options.chunkSize < 1) {
    throw createError('INVALID_OPTIONS', 'concurrency and chunkSize must be at least 1');
  }
  const { log, cipher } = options;
  const maxAttempts = options.maxAttempts ?? 3;
  const store = new SqliteJobStore(
    options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'jobs.sqlite'),
  );
  const book = createReviewBook(
    createSqliteReviewStore(store.db),
    cipher,
    (id, tenant) => Promise.resolve(ownedBy(store.getJob(id), tenant)),
    (id) => Promise.resolve(store.getJob(id)),
  );
  const dropped = store.dropAllStaged();
  if (dropped > 0) {
    // A crash cut these submissions short: they were never answered, so never visible.
    store.scrubFreed();
    log.warn('dropped jobs left half-stored by a crash', { jobs: dropped });
  }
  const resumed = store.requeueRunning();
  const active: string[] = store.activeJobIds();
  if (active.length > 0) {
    log.info('resuming jobs', { jobs: active.length, notesRequeued: resumed });
  }
  let inFlight = 0;
  /** Submissions storing notes and purges deleting them (close waits for them as for chunks). */
  let storing = 0;
  let closing = false;
  /** Read through a call: a submission checks it again after each await. */
  const isClosing = (): boolean => closing;
  const idle = new Set<() => void>();
  const wakeIfIdle = (): void => {
    if (inFlight + storing === 0) {
      for (const wake of idle) {
        wake();
      }
    }
  };
  /** The prior job of an Idempotency-Key, or a conflict when the body differs. */
  const replay = (tenant: string, submit: SubmitOptions, now: number): SubmitResult | undefined => {
    const prior = store.findIdempotent(tenant, submit.idempotencyKey ?? '', now);
    const priorJob = prior && ownedBy(store.getJob(prior.jobId), tenant);
    if (!prior || !priorJob) {
      return undefined;
    }
    if (prior.fingerprint !== (submit.fingerprint ?? '')) {
      throw createError(
        'IDEMPOTENCY_CONFLICT',
        'this Idempotency-Key was used with a different request body',
        { jobId: prior.jobId },
      );
    }
    return { job: toJobView(priorJob), created: false };
  };
  /** Deletes what a failed submission staged (its notes' text with it). */
  const dropStaged = (jobId: string): void => {
    try {
      store.dropStaged(jobId);
      store.scrubFreed();
    } catch (err) {
      // The store is closed or failing: the next start drops what is staged.
      log.error('dropping a staged job failed', {
        jobId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const outbox = createCallbackOutbox({
    store,
    log,
    secret: options.callbackSecret,
    retry: options.callbackRetry,
    pollMs: options.callbackPollMs,
  });

  const finished = (job: JobRecord): void => {
    log.info('job finished', { jobId: job.id, status: job.status, notes: job.total });
    // Processed notes' text was deleted: wipe the write-ahead log's older copies of it.
    store.scrubFreed();
    outbox.kick();
  };

  const runChunk = async (
    jobId: string,
    jobOptions: JobOptions,
    rows: { seq: number; payload: string }[],
  ): Promise<void> => {
    const seqs = rows.map((r) => r.seq);
    let outcomes: SerializedOutcome[];
    try {
      const notes = rows.map((r) => {
        const n = JSON.parse(r.payload) as JobNote;
        return { ...n, text: cipher.decrypt(n.text) };
      });
      outcomes = await options.process({ notes, options: jobOptions });
    } catch (err) {
      // The pool itself failed (a crashed thread, a corrupt payload): retry, then fail the notes alone.
      const attempts = store.attempts(jobId, seqs);
      const giveUp = seqs.filter((s) => (attempts.get(s) ?? 0) >= maxAttempts);
      log.error('chunk failed', {
        jobId,
        notes: seqs.length,
        error: err instanceof Error ? err.message : String(err),
      });
      const retry = seqs.filter((s) => !giveUp.includes(s));
      store.release(jobId, retry);
      if (retry.length > 0 && !active.includes(jobId)) {
        active.push(jobId);
      }
      if (giveUp.length === 0) {
        return;
      }
      const failedRows = rows.filter((r) => giveUp.includes(r.seq));
      const result = store.complete(
        jobId,
        failedRows.map((r) => ({
          seq: r.seq,
          failed: true,
          outcome: cipher.encrypt(
            serializeOutcome({
              noteId: noteIdOf(r.payload),
              status: 'failed',
              error: { code: 'WORKER_FAILED', detail: 'the worker failed on this note repeatedly' },
            }).json,
          ),
        })),
        Date.now(),
        options.resultTtlMs,
        finalStatus,
      );
      if (result.finished && result.job) {
        finished(result.job);
      }
      return;
    }
    const result = store.complete(
      jobId,
      outcomes.map((o, i) => ({
        seq: seqs[i] ?? -1,
        failed: o.failed,
        // Results quote the note (evidence): stored encrypted like the note itself.
        outcome: cipher.encrypt(o.json),
      })),
      Date.now(),
      options.resultTtlMs,
      finalStatus,
    );
    if (result.finished && result.job) {
      finished(result.job);
    }
  };

  const pump = (): void => {
    while (!closing && inFlight < options.concurrency && active.length > 0) {
      const jobId = active.shift();
      if (jobId === undefined) {
        break;
      }
      const job = store.getJob(jobId);
      if (job === undefined || (job.status !== 'queued' && job.status !== 'running')) {
        continue;
      }
      const rows = store.claim(jobId, options.chunkSize, Date.now());
      if (rows.length === 0) {
        continue; // every note is running or done; completion finalises the job
      }
      active.push(jobId); // round-robin
      inFlight += 1;
      void runChunk(jobId, job.options, rows)
        .catch((err: unknown) => {
          log.error('chunk bookkeeping failed', {
            jobId,
            error: err instanceof Error ? err.message : String(err),
          });
        })
        .finally(() => {
          inFlight -= 1;
          wakeIfIdle();
          pump();
        });
    }
  };

  /**
   * Deletes a job at once (no read finds it) and its notes in batches with the event loop free between
   * them (one transaction over a 50,000-note job held it for a second); then wipes the WAL.
   */
  const purgeJob = async (id: string): Promise<boolean> => {
    if (!store.detach(id, Date.now())) {
      return false;
    }
    storing += 1;
    try {
      while (store.deleteNotes(id, PURGE_BATCH) > 0) {
        await nextTurn();
      }
      store.dropStaged(id);
      store.scrubFreed();
    } catch (err) {
      // The store closed meanwhile: the next start deletes what is left.
      log.error('purge failed', {
        jobId: id,
        error: err instanceof Error ? err.message : String(err),
      });
    } finally {
      storing -= 1;
      wakeIfIdle();
    }
    return true;
  };

  let sweeping = false;
  const sweep = async (): Promise<void> => {
    if (sweeping) {
      return;
    }
    sweeping = true;
    try {
      for (const id of store.expired(Date.now())) {
        await purgeJob(id);
        log.info('job expired', { jobId: id });
      }
    } catch (err) {
      log.error('expiry sweep failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      sweeping = false;
    }
  };
  const sweeper = setInterval(() => void sweep(), options.sweepMs ?? 60_000);
  sweeper.unref();
  void sweep();
  pump();

  return {
    ...book,
    backend: 'embedded',

    async submit(
      submission: JobSubmission,
      tenant: string,
      submit: SubmitOptions = {},
    ): Promise<SubmitResult> {
      if (closing) {
        throw createError('SHUTTING_DOWN', 'the server is shutting down');
      }
      const now = Date.now();
      const replayed =
        submit.idempotencyKey === undefined ? undefined : replay(tenant, submit, now);
      if (replayed) {
        return replayed;
      }
      const job = newJobRecord(newJobId(), tenant, submission, now, options.resultTtlMs);
      storing += 1;
      try {
        // Stored in batches with the event loop free between them; the job appears whole at the commit.
        for await (const { from, payloads } of payloadBatches(submission.notes, cipher)) {
          if (isClosing()) {
            throw createError('SHUTTING_DOWN', 'the server is shutting down');
          }
          store.stageNotes(job.id, from, payloads, now);
        }
        const taken = store.commitJob(
          job,
          submit.idempotencyKey === undefined
            ? undefined
            : {
                owner: tenant,
                key: submit.idempotencyKey,
                fingerprint: submit.fingerprint ?? '',
                expiresAt: now + IDEMPOTENCY_TTL_MS,
              },
        );
        if (taken !== undefined) {
          // A submission with the same key committed first: answer as its replay.
          store.scrubFreed();
          const again = replay(tenant, submit, now);
          if (again) {
            return again;
          }
        }
      } catch (err) {
        dropStaged(job.id);
        throw err;
      } finally {
        storing -= 1;
        wakeIfIdle();
      }
      log.info('job accepted', { jobId: job.id, notes: job.total });
      if (job.total === 0) {
        const done = store.complete(job.id, [], now, options.resultTtlMs, finalStatus);
        return { job: toJobView(done.job ?? job), created: true };
      }
      active.push(job.id);
      pump();
      return { job: toJobView(job), created: true };
    },

    get(id, tenant) {
      const job = ownedBy(store.getJob(id), tenant);
      return Promise.resolve(job && toJobView(job));
    },

    async list(tenant, cursor, limit) {
      await Promise.resolve();
      const rows = store.listJobs(tenant, parseListCursor(cursor), limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toJobView),
        ...(rows.length > limit && last !== undefined ? { nextCursor: listCursor(last) } : {}),
      };
    },

    results(id, tenant, cursor, limit) {
      if (ownedBy(store.getJob(id), tenant) === undefined) {
        return Promise.resolve(undefined);
      }
      const rows = store.outcomes(id, cursor, limit + 1);
      const page = rows.slice(0, limit);
      const next = rows[limit];
      return Promise.resolve({
        items: page.map((r) => JSON.parse(cipher.decrypt(r.outcome)) as NoteOutcome),
        ...(next === undefined ? {} : { nextCursor: next.seq }),
      });
    },

    cancel(id, tenant) {
      if (ownedBy(store.getJob(id), tenant) === undefined) {
        return Promise.resolve(undefined);
      }
      const job = store.cancel(id, Date.now(), options.resultTtlMs);
      if (job?.status === 'cancelled') {
        log.info('job cancelled', { jobId: id });
      }
      return Promise.resolve(job && toJobView(job));
    },

    async purge(id, tenant) {
      if (ownedBy(store.getJob(id), tenant) === undefined) {
        return false;
      }
      // Detaching removes the job and stops its processing (chunks in flight find no job).
      return purgeJob(id);
    },

    async detect(note, detectOptions, timeoutMs) {
      if (closing) {
        throw createError('SHUTTING_DOWN', 'the server is shutting down');
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(createError('DETECT_TIMEOUT', `no answer within ${String(timeoutMs)} ms`));
        }, timeoutMs);
      });
      try {
        const [outcome] = await Promise.race([
          options.process({
            notes: [note],
            options: detectOptions,
            budgetMs: threadBudget(timeoutMs),
          }),
          timeout,
        ]);
        if (outcome === undefined) {
          throw createError('INTERNAL', 'the worker pool returned no outcome');
        }
        return JSON.parse(outcome.json) as NoteOutcome;
      } finally {
        clearTimeout(timer);
      }
    },

    stats(): Promise<QueueStats> {
      const s = store.stats();
      const jobs = Object.fromEntries(
        STATUSES.map((st) => [st, s.byStatus.get(st) ?? 0]),
      ) as Record<JobStatus, number>;
      return Promise.resolve({ jobs, queuedNotes: s.queuedNotes, processedNotes: s.processed });
    },

    ready() {
      try {
        return Promise.resolve(!closing && store.ping());
      } catch {
        return Promise.resolve(false);
      }
    },

    async close() {
      closing = true;
      clearInterval(sweeper);
      if (inFlight + storing > 0) {
        // Let in-flight chunks (and submissions) finish and be recorded; anything cut short is requeued at the next start.
        await new Promise<void>((resolve) => {
          idle.add(resolve);
        });
      }
      await outbox.close();
      store.close();
    },
  };
}

function noteIdOf(payload: string): string {
  try {
    return (JSON.parse(payload) as { id?: string }).id ?? '';
  } catch {
    return '';
  }
}
