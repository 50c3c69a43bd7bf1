import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { createBullmqQueue } from '../../../src/jobs/bullmq/bullmq-queue.js';
import { createEmbeddedQueue } from '../../../src/jobs/embedded/embedded-queue.js';
import type { JobQueue } from '../../../src/jobs/job-queue.js';
import type { JobNote, NoteOutcome } from '../../../src/jobs/job-types.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { initDetectWorker } from '../../../workers/detect-worker.js';
import { fixturePipeline, until, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis } from '../../helpers/redis-server.js';

/**
 * What the README's "Security" section promises about note text at rest, checked on the bytes of the
 * files: the SQLite database and its write-ahead log, and Redis's append-only and snapshot files.
 */

const MARKER = 'WOMBAT-AT-REST-8842';
// Evidence quotes the note as written: this spelling is in no code title, so finding it in a file means
// a result (or the note) is stored readable.
const QUOTED = 'ESSENTIAL HYPERTENSION';
const T = 'tenant-a';
const NOTE = `Patient ${MARKER}. Assessment: ${QUOTED}. Type 2 diabetes mellitus.`;
const KEY = Buffer.alloc(32, 9);

let t: { dir: string; cleanup: () => void };
let fixture: FixturePipeline;
beforeAll(() => {
  t = tempDir();
  fixture = fixturePipeline(t.dir);
});
afterAll(() => {
  t.cleanup();
});

/** How often `text` (the marker by default) occurs in the bytes of every file under `dir`. */
function occurrences(dir: string, text = MARKER): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const bytes = readFileSync(join(entry.parentPath, entry.name)).toString('latin1');
      n += bytes.split(text).length - 1;
    }
  }
  return n;
}

/** The results quote the note: the evidence of I10 is the spelling written in it. */
function expectQuoted(results: unknown): void {
  expect(JSON.stringify(results)).toContain(`"text":"${QUOTED}"`);
}

const notes = (n: number): JobNote[] =>
  Array.from({ length: n }, (_, i) => ({ id: `n${String(i)}`, text: NOTE }));

async function runJob(queue: JobQueue): Promise<{ id: string; results: NoteOutcome[] }> {
  const { job } = await queue.submit({ notes: notes(6), options: {} }, T);
  await until(async () =>
    (await queue.get(job.id, T))?.status === 'succeeded' ? true : undefined,
  );
  const page = await queue.results(job.id, T, 0, 100);
  return { id: job.id, results: [...(page?.items ?? [])] };
}

describe.each([
  ['with NOTECODER_ENCRYPTION_KEY', KEY],
  ['without a key', undefined],
])('SQLite at rest, %s', (_name, key) => {
  it('holds results as promised; purge and expiry leave no trace in the database or its WAL', async () => {
    const dir = join(t.dir, `sqlite-${key === undefined ? 'clear' : 'enc'}`);
    const open = (ttl: number): JobQueue =>
      createEmbeddedQueue({
        dataDir: dir,
        process: fixture.process,
        concurrency: 2,
        chunkSize: 2,
        resultTtlMs: ttl,
        sweepMs: 200,
        cipher: createNoteCipher(key),
        log: createLogger('error'),
      });
    let queue = open(3_600_000);
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      const { id, results } = await runJob(queue);
      expectQuoted(results);
      for (const f of readdirSync(dir)) {
        expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
      }
      // Processed notes' text is gone (and the WAL checkpointed). Encrypted: results are never in
      // clear; without a key they are (the evidence quotes the note) until purged or expired.
      expect(occurrences(dir)).toBe(0);
      expect(occurrences(dir, QUOTED) > 0).toBe(key === undefined);
      const detect = await queue.detect({ id: 'd', text: NOTE }, {}, 30_000);
      expect(detect.status).toBe('succeeded');
      expect(await queue.purge(id, T)).toBe(true);
      expect(occurrences(dir) + occurrences(dir, QUOTED)).toBe(0);
      // Expiry: a job whose results expire at once is swept; the files keep nothing of it.
      await queue.close();
      queue = open(300);
      const expiring = await runJob(queue);
      await until(
        async () => ((await queue.get(expiring.id, T)) === undefined ? true : undefined),
        10_000,
        'expiry',
      );
      // The job is gone from reads at once; its notes and results are deleted in batches and the freed
      // pages scrubbed right after (the sweep yields between batches): wait for that, within the limit.
      await until(
        () => (occurrences(dir) + occurrences(dir, QUOTED) === 0 ? true : undefined),
        10_000,
        'expired job scrubbed',
      );
      expect(occurrences(dir) + occurrences(dir, QUOTED)).toBe(0);
    } finally {
      await queue.close();
    }
  });
});

describe.each([
  ['with NOTECODER_ENCRYPTION_KEY', KEY],
  ['without a key', undefined],
])('Redis at rest, %s', (_name, key) => {
  it('holds results as promised; after a purge and a rewrite the AOF and RDB keep no trace', async () => {
    const dir = join(t.dir, `redis-${key === undefined ? 'clear' : 'enc'}`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const redis = await startRedis(dir, true);
    const cipher = createNoteCipher(key);
    const log = createLogger('error');
    const queue = await createBullmqQueue({
      redisUrl: redis.url,
      chunkSize: 2,
      resultTtlMs: 3_600_000,
      cipher,
      log,
    });
    const worker = initDetectWorker({
      redisUrl: redis.url,
      concurrency: 1,
      process: fixture.process,
      cipher,
      log,
      resultTtlMs: 3_600_000,
      lockMs: 2000,
    });
    const client = new Redis(redis.url);
    try {
      const { id, results } = await runJob(queue);
      expectQuoted(results);
      const detect = await queue.detect({ id: 'd', text: NOTE }, {}, 30_000);
      expectQuoted(detect);
      // The /v1/detect lane leaves nothing behind: no job, no outcome key.
      const leftovers = await client.keys('notecoder:detect:*');
      expect(leftovers).toEqual([]);
      expect(await client.keys('notecoder:bull:notecoder-interactive:detect-*')).toEqual([]);
      await client.save();
      // Redis's files hold whatever was written to it: without a key the AOF has the notes and
      // results; with one everything written was encrypted (not in the AOF, not in the snapshot).
      expect(occurrences(dir) > 0).toBe(key === undefined);
      expect(occurrences(dir, QUOTED) > 0).toBe(key === undefined);
      expect(await queue.purge(id, T)).toBe(true);
      await client.bgrewriteaof();
      await until(async () => {
        const info = await client.info('persistence');
        return /aof_rewrite_in_progress:0/.test(info) && /aof_rewrite_scheduled:0/.test(info)
          ? true
          : undefined;
      });
      await client.save();
      expect(occurrences(dir) + occurrences(dir, QUOTED)).toBe(0);
    } finally {
      client.disconnect();
      await worker.close();
      await queue.close();
      await redis.stop();
    }
  });
});
