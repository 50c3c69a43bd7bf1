import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { CHUNK_JOB_OPTIONS, createBullmqQueue } from '../../../src/jobs/bullmq/bullmq-queue.js';
import { QUEUE_NAMES } from '../../../src/jobs/bullmq/redis-job-store.js';
import type { JobQueue } from '../../../src/jobs/job-queue.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { DEFAULT_TENANT } from '../../../src/jobs/tenant.js';
import { initDetectWorker, type DetectWorker } from '../../../workers/detect-worker.js';
import {
  fixturePipeline,
  gated,
  until,
  type FixturePipeline,
} from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { runQueueConformance } from './queue-conformance.js';

let shared: { dir: string; cleanup: () => void } | undefined;
let fixture: FixturePipeline | undefined;
let redis: TestRedis | undefined;
let run = 0;
beforeAll(async () => {
  shared = tempDir();
  fixture = fixturePipeline(shared.dir);
  redis = await startRedis(shared.dir);
});
afterAll(async () => {
  await redis?.stop();
  shared?.cleanup();
});

/** Every value under a prefix, as text. */
async function dumpPrefix(url: string, prefix: string): Promise<string> {
  const client = new Redis(url);
  try {
    const keys = await client.keys(`${prefix}:*`);
    const parts: string[] = [];
    for (const key of keys) {
      const type = await client.type(key);
      if (type === 'hash') {
        parts.push(JSON.stringify(await client.hgetall(key)));
      } else if (type === 'string') {
        parts.push((await client.get(key)) ?? '');
      } else if (type === 'list') {
        parts.push((await client.lrange(key, 0, -1)).join('\n'));
      } else if (type === 'zset' || type === 'set') {
        parts.push(key);
      } else if (type === 'stream') {
        parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
      }
    }
    return parts.join('\n');
  } finally {
    client.disconnect();
  }
}

runQueueConformance('BullMQ (Redis)', async ({ chunkSize, encrypt, resultTtlMs }) => {
  if (fixture === undefined || redis === undefined) {
    throw new Error('fixture not ready');
  }
  const url = redis.url;
  run += 1;
  const prefix = `nc-test-${String(process.pid)}-${String(run)}`;
  const gate = gated(fixture.process);
  const cipher = createNoteCipher(encrypt ? Buffer.alloc(32, 7) : undefined);
  const log = createLogger('error');
  const makeQueue = (): Promise<JobQueue> =>
    createBullmqQueue({
      redisUrl: url,
      chunkSize,
      resultTtlMs: resultTtlMs ?? 3_600_000,
      cipher,
      log,
      prefix,
    });
  const makeWorker = (): DetectWorker =>
    initDetectWorker({
      redisUrl: url,
      concurrency: 2,
      process: gate.process,
      cipher,
      log,
      resultTtlMs: resultTtlMs ?? 3_600_000,
      lockMs: 2000,
      prefix,
    });
  let queue = await makeQueue();
  let worker = makeWorker();
  return {
    get queue() {
      return queue;
    },
    pause: gate.pause,
    resume: gate.resume,
    async reopen() {
      // A worker shut down mid-job hands its chunks back; a new API process and worker take over.
      const oldWorker = worker;
      const oldQueue = queue;
      gate.resume();
      await oldWorker.close();
      await oldQueue.close();
      queue = await makeQueue();
      worker = makeWorker();
      return queue;
    },
    dump: () => dumpPrefix(url, prefix),
    async close() {
      gate.resume();
      await worker.close();
      await queue.close();
    },
  };
});

describe('BullMQ worker: bad input', () => {
  it('fails a chunk whose data is malformed at once (UnrecoverableError, no retries)', async () => {
    if (fixture === undefined || redis === undefined) {
      throw new Error('fixture not ready');
    }
    const prefix = `nc-test-bad-${String(process.pid)}`;
    const worker = initDetectWorker({
      redisUrl: redis.url,
      concurrency: 1,
      process: fixture.process,
      cipher: createNoteCipher(undefined),
      log: createLogger('error'),
      resultTtlMs: 60_000,
      lockMs: 2000,
      prefix,
    });
    const queue = new Queue(QUEUE_NAMES.chunks, {
      connection: { url: redis.url },
      prefix: `${prefix}:bull`,
    });
    try {
      const job = await queue.add('chunk', { jobId: 5, index: 'x' }, CHUNK_JOB_OPTIONS);
      await until(async () =>
        (await queue.getJobState(job.id ?? '')) === 'failed' ? true : undefined,
      );
      // Read the job after it failed (a copy fetched earlier may predate the failure).
      const failed = await queue.getJob(job.id ?? '');
      if (failed === undefined) {
        throw new Error('the failed job is gone');
      }
      expect(failed.attemptsMade).toBe(1);
      expect(failed.opts.attempts).toBe(3);
      expect(failed.failedReason).toContain('JOB_DATA_INVALID');
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});

describe('BullMQ queue: stores from before tenants', () => {
  it('gives old jobs the default tenant at start-up, and only that tenant sees them', async () => {
    if (redis === undefined) {
      throw new Error('redis not ready');
    }
    const prefix = `nc-test-migrate-${String(process.pid)}`;
    const id = 'job_bbbbbbbbbbbbbbbbbbbb';
    const now = Date.now();
    const client = new Redis(redis.url);
    // A job hash as it was written before tenants (no tenant field, no tenant list).
    await client.hset(`${prefix}:job:${id}`, {
      status: 'succeeded',
      total: 0,
      done: 0,
      failed: 0,
      options: '{}',
      createdAt: now,
      finishedAt: now,
      expiresAt: now + 3_600_000,
    });
    client.disconnect();
    const queue = await createBullmqQueue({
      redisUrl: redis.url,
      chunkSize: 4,
      resultTtlMs: 60_000,
      cipher: createNoteCipher(undefined),
      log: createLogger('error'),
      prefix,
    });
    try {
      expect((await queue.get(id, DEFAULT_TENANT))?.status).toBe('succeeded');
      expect(await queue.get(id, 'tenant-a')).toBeUndefined();
      expect((await queue.list(DEFAULT_TENANT, undefined, 10)).items.map((j) => j.id)).toEqual([
        id,
      ]);
      expect((await queue.list('tenant-a', undefined, 10)).items).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});
