import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { createError, isNotecoderError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { JobQueue, SubmitOptions, SubmitResult } from '../job-queue.js';
import { newJobId } from '../job-id.js';
import { threadBudget, type JobSubmission, type NoteOutcome } from '../job-types.js';
import {
  listCursor,
  newJobRecord,
  parseListCursor,
  toJobView,
  type JobRecord,
} from '../job-view.js';
import { ownedBy } from '../tenant.js';
import { payloadBatches } from '../payload-batches.js';
import type { NoteCipher } from '../note-cipher.js';
import {
  finishedEvent,
  INTERACTIVE_JOB_OPTIONS,
  interactiveResultKey,
  type InteractiveJobData,
} from './interactive-lane.js';
import { createReviewBook } from '../review-book.js';
import { createRedisReviewStore } from './redis-review-store.js';
import { QUEUE_NAMES, RedisJobStore, type ChunkJobData } from './redis-job-store.js';

/** Options of {@link createBullmqQueue}. */
export interface BullmqQueueOptions {
  readonly redisUrl: string;
  readonly chunkSize: number;
  readonly resultTtlMs: number;
  readonly cipher: NoteCipher;
  readonly log: Logger;
  /** Key prefix (tests use one per run). */
  readonly prefix?: string;
}

/** Retries for chunk jobs: transient faults ride exponential backoff; bad input is unrecoverable. */
export const CHUNK_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  // Chunk data holds only positions; results live in the job's own hash.
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** How long a submission waits for another one with its Idempotency-Key to start storing notes. */
const SUBMIT_GRACE_MS = 2000;

/** Chunk jobs per `addBulk` (each call builds its whole pipeline on the event loop). */
const ENQUEUE_BATCH = 250;

/** Redis connection options for a client that must fail fast while Redis is down (the API side). */
export function failFastRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5000,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
}

/**
 * Resolves once the client is connected (BullMQ queues check the server version as soon as they are
 * created, which a fail-fast client cannot do while still connecting).
 * @throws NotecoderError QUEUE_UNAVAILABLE after `timeoutMs`
 */
export async function waitForRedis(redis: Redis, url: string, timeoutMs = 15_000): Promise<void> {
  if (redis.status === 'ready') {
    return;
  }
  const safeUrl = url.replace(/\/\/[^@/]*@/, '//***@');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      redis.disconnect();
      reject(
        createError(
          'QUEUE_UNAVAILABLE',
          `Redis at ${safeUrl} did not answer within ${String(timeoutMs)} ms`,
        ),
      );
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/** ioredis and BullMQ errors while Redis is unreachable become QUEUE_UNAVAILABLE (503 + Retry-After). */
async function guard<T>(
  what: () => Promise<T>,
  onUnavailable?: (err: unknown) => void,
): Promise<T> {
  try {
    return await what();
  } catch (err) {
    if (isNotecoderError(err)) {
      throw err;
    }
    onUnavailable?.(err);
    throw createError(
      'QUEUE_UNAVAILABLE',
      'the Redis job queue is not reachable; retry later',
      { retryAfter: 5 },
      err,
    );
  }
}

/**
 * The scale-out backend: the API process stores the job in Redis and enqueues one BullMQ job per chunk
 * of notes; `notecoder worker` processes on any machine consume them. Note text waits in a per-job hash
 * (optionally AES-256-GCM encrypted) and is deleted as soon as its chunk is recorded.
 */
export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const { log, cipher } = options;
  const redis = failFastRedis(options.redisUrl);
  redis.on('error', (err: Error) => {
    log.warn('redis connection error', { error: err.message });
  });
  await waitForRedis(redis, options.redisUrl);
  const prefix = options.prefix ?? 'notecoder';
  const store = new RedisJobStore(redis, prefix);
  const bullPrefix = `${prefix}:bull`;
  const chunks = new Queue<ChunkJobData>(QUEUE_NAMES.chunks, {
    connection: redis,
    prefix: bullPrefix,
    skipWaitingForReady: true,
  });
  const interactive = new Queue<InteractiveJobData>(QUEUE_NAMES.interactive, {
    connection: redis,
    prefix: bullPrefix,
    skipWaitingForReady: true,
  });
  const events = new QueueEvents(QUEUE_NAMES.interactive, {
    connection: { url: options.redisUrl },
    prefix: bullPrefix,
  });
  const onError = (err: Error): void => {
    log.warn('queue error', { error: err.message });
  };
  chunks.on('error', onError);
  interactive.on('error', onError);
  events.on('error', onError);
  await events.waitUntilReady().catch(() => undefined);
  let closing = false;
  const g = <T>(what: () => Promise<T>): Promise<T> =>
    guard(what, (err) => {
      log.warn('queue unavailable', { error: err instanceof Error ? err.message : String(err) });
    });

  const migrated = await store.migrateTenants().catch((err: unknown) => {
    log.warn('tenant migration failed', {
      error: err instanceof Error ? err.message : String(err),
    });
    return 0;
  });
  if (migrated > 0) {
    log.info('jobs from before tenants given the default tenant', { jobs: migrated });
  }
  /** The job when `tenant` owns it. */
  const owned = async (id: string, tenant: string): Promise<JobRecord | undefined> =>
    ownedBy(await store.get(id), tenant);

  const submitNew = async (
    submission: JobSubmission,
    tenant: string,
    id: string,
    now: number,
  ): Promise<JobRecord> => {
    const job = newJobRecord(id, tenant, submission, now, options.resultTtlMs);
    try {
      // Encrypted and sent in batches, the event loop free between them; the job appears at the commit.
      for await (const { from, payloads } of payloadBatches(submission.notes, cipher)) {
        await store.stageNotes(id, from, payloads, job.expiresAt);
      }
      await store.commit(job);
    } catch (err) {
      await store.remove(id, tenant).catch(() => undefined);
      throw err;
    }
    const bulk = [];
    for (let from = 0, index = 0; from < job.total; from += options.chunkSize, index += 1) {
      const data: ChunkJobData = {
        jobId: id,
        index,
        from,
        to: Math.min(job.total, from + options.chunkSize),
      };
      bulk.push({
        name: 'chunk',
        data,
        opts: { ...CHUNK_JOB_OPTIONS, jobId: `${id}-${String(index)}` },
      });
    }
    try {
      for (let i = 0; i < bulk.length; i += ENQUEUE_BATCH) {
        await chunks.addBulk(bulk.slice(i, i + ENQUEUE_BATCH));
      }
    } catch (err) {
      await store.remove(id, tenant).catch(() => undefined);
      throw err;
    }
    return job;
  };

  /**
   * The job an Idempotency-Key points to, once visible: a concurrent submission with the same key may
   * still be storing its notes (waited for while they are being stored, at least {@link SUBMIT_GRACE_MS}
   * and at most a minute);
   * undefined when it never appears (that submission failed or its process died).
   */
  const submitted = async (id: string, tenant: string): Promise<JobRecord | undefined> => {
    const started = Date.now();
    for (;;) {
      const job = await owned(id, tenant);
      if (job !== undefined || closing) {
        return job;
      }
      const waited = Date.now() - started;
      // Notes left staged by a process that died stop the wait after a minute.
      if (waited > 60_000 || (waited > SUBMIT_GRACE_MS && !(await store.isStaged(id)))) {
        return undefined;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const book = createReviewBook(
    createRedisReviewStore(redis, prefix),
    cipher,
    (id, tenant) => g(() => owned(id, tenant)),
    (id) => g(() => store.get(id)),
  );
  return {
    ...book,
    backend: 'bullmq',

    submit(
      submission: JobSubmission,
      tenant: string,
      submit: SubmitOptions = {},
    ): Promise<SubmitResult> {
      return g(async () => {
        if (closing) {
          throw createError('SHUTTING_DOWN', 'the server is shutting down');
        }
        const now = Date.now();
        const id = newJobId();
        if (submit.idempotencyKey !== undefined) {
          const prior = await store.claimIdempotency(
            tenant,
            submit.idempotencyKey,
            submit.fingerprint ?? '',
            id,
          );
          if (prior !== undefined) {
            if (prior.fingerprint !== (submit.fingerprint ?? '')) {
              throw createError(
                'IDEMPOTENCY_CONFLICT',
                'this Idempotency-Key was used with a different request body',
                { jobId: prior.jobId },
              );
            }
            const existing = await submitted(prior.jobId, tenant);
            if (existing) {
              return { job: toJobView(existing), created: false };
            }
          }
        }
        try {
          const job = await submitNew(submission, tenant, id, now);
          log.info('job accepted', { jobId: id, notes: job.total });
          return { job: toJobView(job), created: true };
        } catch (err) {
          if (submit.idempotencyKey !== undefined) {
            await store.releaseIdempotency(tenant, submit.idempotencyKey).catch(() => undefined);
          }
          throw err;
        }
      });
    },

    get(id, tenant) {
      return g(async () => {
        const job = await owned(id, tenant);
        return job && toJobView(job);
      });
    },

    list(tenant, cursor, limit) {
      return g(async () => {
        const after = parseListCursor(cursor);
        const rows = await store.list(tenant, after, limit + 1);
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
          items: page.map(toJobView),
          ...(rows.length > limit && last !== undefined ? { nextCursor: listCursor(last) } : {}),
        };
      });
    },

    results(id, tenant, cursor, limit) {
      return g(async () => {
        const job = await owned(id, tenant);
        if (job === undefined) {
          return undefined;
        }
        const rows = await store.outcomes(id, cursor, limit + 1, job.total);
        const page = rows.slice(0, limit);
        const next = rows[limit];
        return {
          items: page.map((r) => JSON.parse(cipher.decrypt(r.outcome)) as NoteOutcome),
          ...(next === undefined ? {} : { nextCursor: next.seq }),
        };
      });
    },

    cancel(id, tenant) {
      return g(async () => {
        if ((await owned(id, tenant)) === undefined) {
          return undefined;
        }
        if (!(await store.cancel(id, Date.now(), options.resultTtlMs))) {
          return undefined;
        }
        const job = await store.get(id);
        if (job) {
          // Waiting chunks are removed; a chunk already running finds the job cancelled when it claims.
          const count = Math.ceil(job.total / options.chunkSize);
          await Promise.all(
            Array.from({ length: count }, (_, i) =>
              chunks.remove(`${id}-${String(i)}`).catch(() => 0),
            ),
          );
          log.info('job cancelled', { jobId: id });
        }
        return job && toJobView(job);
      });
    },

    purge(id, tenant) {
      return g(async () => {
        if ((await owned(id, tenant)) === undefined) {
          return false;
        }
        await store.cancel(id, Date.now(), options.resultTtlMs);
        return store.purge(id, tenant);
      });
    },

    async detect(note, detectOptions, timeoutMs) {
      if (closing) {
        throw createError('SHUTTING_DOWN', 'the server is shutting down');
      }
      const id = `detect-${randomUUID()}`;
      // Listening before the job exists: the finish event cannot be missed.
      const done = finishedEvent(events, id, timeoutMs);
      try {
        await g(() =>
          interactive.add(
            'detect',
            {
              note: { ...note, text: cipher.encrypt(note.text) },
              options: detectOptions,
              budgetMs: threadBudget(timeoutMs),
            },
            // The note leaves Redis with its job; the outcome waits under its own short-lived key.
            { ...INTERACTIVE_JOB_OPTIONS, jobId: id },
          ),
        );
      } catch (err) {
        done.cancel();
        throw err;
      }
      const outcome = await done.promise;
      if (outcome === 'timeout') {
        await interactive.remove(id).catch(() => undefined);
        throw createError('DETECT_TIMEOUT', `no worker answered within ${String(timeoutMs)} ms`, {
          retryAfter: 5,
        });
      }
      if (outcome === 'failed') {
        throw createError('INTERNAL', 'the worker failed on this note');
      }
      const key = interactiveResultKey(prefix, id);
      const [[, stored]] = ((await g(() => redis.multi().get(key).del(key).exec())) ?? [
        [null, null],
      ]) as [[unknown, string | null]];
      if (stored === null) {
        throw createError('INTERNAL', 'the worker recorded no outcome for this note');
      }
      return JSON.parse(cipher.decrypt(stored)) as NoteOutcome;
    },

    stats() {
      return g(async () => {
        const s = await store.stats(Date.now());
        return { jobs: s.jobs, queuedNotes: s.pending, processedNotes: s.processed };
      });
    },

    async ready() {
      if (closing) {
        return false;
      }
      try {
        await redis.ping();
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      closing = true;
      for (const step of [() => events.close(), () => interactive.close(), () => chunks.close()]) {
        try {
          await step();
        } catch (err) {
          log.warn('queue close failed', {
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }
      redis.disconnect();
    },
  };
}
