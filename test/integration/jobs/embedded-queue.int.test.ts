import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER } from '../../../src/jobs/callback-sender.js';
import { freePort } from '../../helpers/redis-server.js';
import { createLogger } from '../../../src/core/logger.js';
import { createEmbeddedQueue } from '../../../src/jobs/embedded/embedded-queue.js';
import { SqliteJobStore } from '../../../src/jobs/embedded/sqlite-job-store.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { DEFAULT_TENANT } from '../../../src/jobs/tenant.js';
import {
  fixturePipeline,
  gated,
  until,
  type FixturePipeline,
} from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { runQueueConformance } from './queue-conformance.js';

let shared: { dir: string; cleanup: () => void } | undefined;
let fixture: FixturePipeline | undefined;
beforeAll(() => {
  shared = tempDir();
  fixture = fixturePipeline(shared.dir);
});
afterAll(() => shared?.cleanup());

const T = 'tenant-a';

runQueueConformance('embedded (SQLite + pool)', ({ chunkSize, encrypt, resultTtlMs }) => {
  if (fixture === undefined) {
    throw new Error('fixture pipeline not built');
  }
  const t = tempDir();
  const gate = gated(fixture.process);
  const cipher = createNoteCipher(encrypt ? Buffer.alloc(32, 7) : undefined);
  const make = () =>
    createEmbeddedQueue({
      dataDir: t.dir,
      process: gate.process,
      concurrency: 2,
      chunkSize,
      resultTtlMs: resultTtlMs ?? 3_600_000,
      sweepMs: 200,
      cipher,
      log: createLogger('error'),
    });
  let queue = make();
  return Promise.resolve({
    get queue() {
      return queue;
    },
    pause: gate.pause,
    resume: gate.resume,
    async reopen() {
      // Simulates a crash: the old instance stops without recording its in-flight chunks.
      const old = queue;
      const closing = old.close();
      queue = make();
      gate.resume();
      await closing;
      return queue;
    },
    dump() {
      return Promise.resolve(
        readdirSync(t.dir)
          .map((f) => readFileSync(join(t.dir, f)).toString('latin1'))
          .join('\n'),
      );
    },
    async close() {
      gate.resume();
      await queue.close();
      t.cleanup();
    },
  });
});

describe('embedded queue: job-finished callbacks', () => {
  it('survive a restart: a delivery that failed is retried by the next process', async () => {
    const fx = fixture;
    if (fx === undefined) {
      throw new Error('fixture pipeline not built');
    }
    const t = tempDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${String(port)}/hook`;
    const make = () =>
      createEmbeddedQueue({
        dataDir: t.dir,
        process: fx.process,
        concurrency: 1,
        chunkSize: 4,
        resultTtlMs: 60_000,
        cipher: createNoteCipher(undefined),
        log: createLogger('error'),
        callbackSecret: 'secret-0123456789abcdef',
        callbackRetry: { attempts: 5, baseDelayMs: 300 },
        callbackPollMs: 50,
      });
    // Nobody listens yet: the first delivery is refused.
    const first = make();
    const { job } = await first.submit(
      {
        notes: [{ id: 'a', text: 'Essential hypertension.' }],
        options: {},
        callbackUrl: url,
      },
      T,
    );
    await until(async () =>
      (await first.get(job.id, T))?.status === 'succeeded' ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 200));
    await first.close();
    const received: { body: string; signature: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r));
    const second = make();
    try {
      await until(() => (received.length > 0 ? true : undefined), 10_000, 'the retried callback');
      expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({
        type: 'job.finished',
        jobId: job.id,
        status: 'succeeded',
      });
      expect(received[0]?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      await new Promise((r) => setTimeout(r, 500));
      expect(received).toHaveLength(1);
    } finally {
      await second.close();
      await new Promise((r) => receiver.close(r));
      t.cleanup();
    }
  });
});

describe('embedded queue: stores from before tenants', () => {
  it('adds the tenant column; old jobs belong to the default tenant only', async () => {
    const t = tempDir();
    const db = new Database(join(t.dir, 'jobs.sqlite'));
    // The jobs table as it was before tenants.
    db.exec(`CREATE TABLE jobs (id TEXT PRIMARY KEY, status TEXT NOT NULL, total INTEGER NOT NULL,
      done INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, options TEXT NOT NULL,
      callback_url TEXT, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER,
      expires_at INTEGER NOT NULL);
      CREATE TABLE callbacks (job_id TEXT PRIMARY KEY, event TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL);`);
    const id = 'job_aaaaaaaaaaaaaaaaaaaa';
    const now = Date.now();
    db.prepare(
      `INSERT INTO jobs (id, status, total, done, options, created_at, finished_at, expires_at)
       VALUES (?, 'succeeded', 0, 0, '{}', ?, ?, ?)`,
    ).run(id, now, now, now + 3_600_000);
    db.close();
    const queue = createEmbeddedQueue({
      dataDir: t.dir,
      process: () => Promise.resolve([]),
      concurrency: 1,
      chunkSize: 4,
      resultTtlMs: 60_000,
      cipher: createNoteCipher(undefined),
      log: createLogger('error'),
    });
    try {
      expect((await queue.get(id, DEFAULT_TENANT))?.status).toBe('succeeded');
      expect(await queue.get(id, 'tenant-a')).toBeUndefined();
      expect((await queue.list(DEFAULT_TENANT, undefined, 10)).items.map((j) => j.id)).toEqual([
        id,
      ]);
      const fresh = await queue.submit({ notes: [], options: {} }, 'tenant-a');
      expect(await queue.get(fresh.job.id, 'tenant-a')).toBeDefined();
    } finally {
      await queue.close();
      t.cleanup();
    }
  });
});

describe('embedded queue: a submission cut short by a crash', () => {
  it('never shows the half-stored job, and the next start deletes its notes from every file', async () => {
    const t = tempDir();
    const marker = 'STAGEDMARKER7731';
    // A process storing a large job dies after two batches of notes, before the job's commit.
    const dying = new SqliteJobStore(join(t.dir, 'jobs.sqlite'));
    const payload = (i: number): string => JSON.stringify({ id: `n${String(i)}`, text: marker });
    dying.stageNotes('job_cccccccccccccccccccc', 0, [payload(0), payload(1)], Date.now());
    dying.stageNotes('job_cccccccccccccccccccc', 2, [payload(2)], Date.now());
    expect(dying.getJob('job_cccccccccccccccccccc')).toBeUndefined();
    dying.db.close();
    const files = (): string =>
      readdirSync(t.dir)
        .map((f) => readFileSync(join(t.dir, f)).toString('latin1'))
        .join('');
    expect(files()).toContain(marker);
    const queue = createEmbeddedQueue({
      dataDir: t.dir,
      process: () => Promise.resolve([]),
      concurrency: 1,
      chunkSize: 4,
      resultTtlMs: 60_000,
      cipher: createNoteCipher(undefined),
      log: createLogger('error'),
    });
    try {
      expect((await queue.list(DEFAULT_TENANT, undefined, 10)).items).toEqual([]);
      expect((await queue.stats()).queuedNotes).toBe(0);
    } finally {
      await queue.close();
    }
    const db = new Database(join(t.dir, 'jobs.sqlite'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM staging').get()).toEqual({ n: 0 });
    db.close();
    expect(files()).not.toContain(marker);
    t.cleanup();
  });
});
