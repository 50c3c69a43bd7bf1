import { UnrecoverableError, Worker, Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createError, isNotecoderError } from '../src/core/errors.js';
import type { Logger } from '../src/core/logger.js';
import { CALLBACK_RETRY, postCallback } from '../src/jobs/callback-sender.js';
import {
  INTERACTIVE_RESULT_TTL_MS,
  interactiveResultKey,
  type InteractiveJobData,
} from '../src/jobs/bullmq/interactive-lane.js';
import {
  QUEUE_NAMES,
  RedisJobStore,
  type ChunkJobData,
} from '../src/jobs/bullmq/redis-job-store.js';
import {
  serializeOutcome,
  type ChunkProcessor,
  type JobFinishedEvent,
  type JobNote,
  type SerializedOutcome,
} from '../src/jobs/job-types.js';
import type { NoteCipher } from '../src/jobs/note-cipher.js';

/** Options of {@link initDetectWorker}. */
export interface DetectWorkerOptions {
  readonly redisUrl: string;
  /** Worker threads in this process's pool; twice as many chunks are in flight. */
  readonly concurrency: number;
  /** Runs chunks in worker threads, so BullMQ's lock renewal on this event loop never starves. */
  readonly process: ChunkProcessor;
  readonly cipher: NoteCipher;
  readonly log: Logger;
  readonly resultTtlMs: number;
  /** Lock duration; a crashed worker's chunk is picked up again after about this long. */
  readonly lockMs: number;
  readonly callbackSecret?: string | undefined;
  readonly prefix?: string;
}

/** A running `notecoder worker`. */
export interface DetectWorker {
  /** Ordered: stop taking jobs and let the current ones finish, then close the connections. */
  close(): Promise<void>;
}

const ChunkData = z.object({
  jobId: z.string().min(1),
  index: z.number().int().min(0),
  from: z.number().int().min(0),
  to: z.number().int().min(1),
});

const NotePayload = z.object({
  id: z.string(),
  text: z.string(),
  setting: z.enum(['outpatient', 'inpatient']).optional(),
  encounterDate: z.string().optional(),
});

function readNote(value: unknown, cipher: NoteCipher): JobNote {
  const parsed = NotePayload.safeParse(value);
  if (!parsed.success) {
    throw createError('JOB_DATA_INVALID', 'a queued note does not match the note schema');
  }
  const n = parsed.data;
  return {
    id: n.id,
    text: cipher.decrypt(n.text),
    ...(n.setting === undefined ? {} : { setting: n.setting }),
    ...(n.encounterDate === undefined ? {} : { encounterDate: n.encounterDate }),
  };
}

const failedOutcome = (noteId: string, code: string, detail: string): SerializedOutcome =>
  serializeOutcome({ noteId, status: 'failed', error: { code, detail } });

/**
 * `notecoder worker`: consumes chunk jobs and interactive detections from Redis, runs them in the pool,
 * records outcomes exactly once per chunk, and sends job-finished callbacks through a retried queue.
 */
export function initDetectWorker(options: DetectWorkerOptions): DetectWorker {
  const { log, cipher } = options;
  const prefix = options.prefix ?? 'notecoder';
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (err: Error) => {
    log.warn('redis connection error', { error: err.message });
  });
  const store = new RedisJobStore(redis, prefix);
  const bullPrefix = `${prefix}:bull`;
  const callbacks = new Queue<JobFinishedEvent>(QUEUE_NAMES.callbacks, {
    connection: redis,
    prefix: bullPrefix,
  });
  // Without a listener BullMQ prints each connection error as a raw stack trace (not a JSON line).
  callbacks.on('error', (err: Error) => {
    log.warn('queue error', { queue: QUEUE_NAMES.callbacks, error: err.message });
  });
  const workerOptions = {
    connection,
    prefix: bullPrefix,
    // Two chunks per thread: one runs while the other's Redis round trips (claim, record) happen.
    concurrency: options.concurrency * 2,
    lockDuration: options.lockMs,
    stalledInterval: Math.max(1000, Math.floor(options.lockMs / 2)),
    maxStalledCount: 3,
  };

  const processChunk = async (job: Job<ChunkJobData>): Promise<{ state: string }> => {
    const parsed = ChunkData.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError('JOB_DATA_INVALID: chunk job data does not match its schema');
    }
    const data = parsed.data;
    const claim = await store.claim(data, Date.now());
    if (claim.state !== 'ok' || !('payloads' in claim)) {
      return { state: claim.state }; // cancelled, expired or already recorded: nothing to do
    }
    let notes: JobNote[];
    try {
      notes = claim.payloads.map((p) => readNote(JSON.parse(p), cipher));
    } catch (err) {
      const detail = isNotecoderError(err) ? err.message : 'unreadable note payload';
      const outcomes = claim.payloads.map((_, i) =>
        failedOutcome(`#${String(data.from + i)}`, 'JOB_DATA_INVALID', detail),
      );
      await finish(data, outcomes);
      throw new UnrecoverableError(`JOB_DATA_INVALID: ${detail}`);
    }
    let outcomes: SerializedOutcome[];
    try {
      outcomes = await options.process({ notes, options: claim.options });
    } catch (err) {
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) {
        throw err; // transient: BullMQ retries with backoff
      }
      outcomes = notes.map((n) =>
        failedOutcome(n.id, 'WORKER_FAILED', 'the worker failed on this chunk repeatedly'),
      );
    }
    await finish(data, outcomes);
    return { state: 'done' };
  };

  const finish = async (data: ChunkJobData, outcomes: SerializedOutcome[]): Promise<void> => {
    // Results quote the note (evidence): stored encrypted like the note itself.
    const sealed = outcomes.map((o) => ({ ...o, json: cipher.encrypt(o.json) }));
    const finished = await store.complete(data, sealed, Date.now(), options.resultTtlMs);
    if (!finished) {
      return;
    }
    const job = await store.get(data.jobId);
    if (job === undefined) {
      return;
    }
    log.info('job finished', { jobId: job.id, status: job.status, notes: job.total });
    if (job.callbackUrl !== undefined) {
      await callbacks.add(
        'callback',
        {
          jobId: job.id,
          status: job.status,
          progress: { done: job.done, failed: job.failed, total: job.total },
          finishedAt: new Date(job.finishedAt ?? Date.now()).toISOString(),
          callbackUrl: job.callbackUrl,
        },
        {
          jobId: `cb-${job.id}`,
          attempts: CALLBACK_RETRY.attempts,
          backoff: { type: 'exponential', delay: CALLBACK_RETRY.baseDelayMs },
          removeOnComplete: true,
          removeOnFail: { age: 24 * 3600 },
        },
      );
    }
  };

  const processInteractive = async (job: Job<InteractiveJobData>): Promise<string> => {
    let note: JobNote;
    try {
      note = readNote(job.data.note, cipher);
    } catch (err) {
      throw new UnrecoverableError(
        `JOB_DATA_INVALID: ${err instanceof Error ? err.message : 'unreadable note'}`,
      );
    }
    const budget = job.data.budgetMs;
    const [outcome] = await options.process({
      notes: [note],
      options: job.data.options,
      ...(typeof budget === 'number' && budget > 0 ? { budgetMs: budget } : {}),
    });
    if (outcome === undefined) {
      throw new Error('the pool returned no outcome');
    }
    // Handed over under its own key, not as the return value BullMQ copies into its event stream.
    await redis.set(
      interactiveResultKey(prefix, job.id ?? ''),
      cipher.encrypt(outcome.json),
      'PX',
      INTERACTIVE_RESULT_TTL_MS,
    );
    return 'stored';
  };

  const workers = [
    new Worker<ChunkJobData>(QUEUE_NAMES.chunks, processChunk, workerOptions),
    new Worker<InteractiveJobData>(QUEUE_NAMES.interactive, processInteractive, workerOptions),
    new Worker<JobFinishedEvent>(
      QUEUE_NAMES.callbacks,
      async (job) => {
        const url = job.data.callbackUrl;
        if (url !== undefined) {
          await postCallback(url, job.data, options.callbackSecret);
        }
      },
      { connection, prefix: bullPrefix, concurrency: 4 },
    ),
  ];
  for (const w of workers) {
    w.on('error', (err: Error) => {
      log.warn('worker error', { error: err.message });
    });
    w.on('stalled', (jobId) => {
      // A worker died or hung holding this job: it goes back to the queue for any worker.
      log.warn('queue job stalled, retrying', { queue: w.name, job: jobId });
    });
    w.on('failed', (job, err) => {
      log.warn('queue job failed', {
        queue: w.name,
        job: job?.id,
        attempts: job?.attemptsMade,
        error: err.message,
      });
    });
  }
  log.info('worker started', { concurrency: options.concurrency });

  return {
    async close() {
      for (const step of [
        ...workers.map((w) => () => w.close()),
        () => callbacks.close(),
        () => {
          redis.disconnect();
          return Promise.resolve();
        },
      ]) {
        try {
          await step();
        } catch (err) {
          log.warn('worker close failed', {
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }
    },
  };
}
