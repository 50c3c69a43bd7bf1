import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { INLINE_BODY_BYTES } from '../../../src/api/read-job-body.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { initDetectWorker, type DetectWorker } from '../../../workers/detect-worker.js';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline, until, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis } from '../../helpers/redis-server.js';

// Large bodies are parsed, validated and fingerprinted in a worker thread and stored in batches (see
// src/api/read-job-body.ts, src/jobs/payload-batches.ts): the same jobs and the same errors as before.
const NOTES = 2500;
const LINE =
  'Assessment: essential hypertension. Type 2 diabetes mellitus without complications. BP 142/88. ';
const text = (i: number): string => `Visit ${String(i)}. ${LINE.repeat(12)}`;
const notes = Array.from({ length: NOTES }, (_, i) => ({ id: `n${String(i)}`, text: text(i) }));
const KEY = 'large-body-key-0123456789';

let t: { dir: string; cleanup: () => void };
let fixture: FixturePipeline;
beforeAll(() => {
  t = tempDir();
  fixture = fixturePipeline(t.dir);
});
afterAll(() => {
  t.cleanup();
});

interface Backend {
  server: TestServer;
  stop(): Promise<void>;
}

const common = (): Record<string, string> => ({
  ...fixture.env,
  NOTECODER_API_KEYS: KEY,
  NOTECODER_RATE_LIMIT: '0',
  NOTECODER_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  NOTECODER_CHUNK_SIZE: '100',
});

async function embedded(): Promise<Backend> {
  const server = await startTestServer({
    ...common(),
    NOTECODER_DATA_DIR: join(t.dir, 'embedded-data'),
  });
  return { server, stop: () => server.close() };
}

async function bullmq(): Promise<Backend> {
  const redis = await startRedis(t.dir);
  const server = await startTestServer({ ...common(), REDIS_URL: redis.url });
  const worker: DetectWorker = initDetectWorker({
    redisUrl: redis.url,
    concurrency: 2,
    process: fixture.process,
    cipher: createNoteCipher(Buffer.alloc(32, 3)),
    log: createLogger('error'),
    resultTtlMs: 60_000,
    lockMs: 5000,
  });
  return {
    server,
    async stop() {
      await worker.close();
      await server.close();
      await redis.stop();
    },
  };
}

const post = (
  body: string,
  headers: Record<string, string> = {},
): RequestInit & { key: string } => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
  key: KEY,
});

/** The problem body, checked to be problem+json. */
async function problem(res: Response): Promise<Record<string, unknown>> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  return { ...body, instance: undefined };
}

describe.each([
  ['embedded', embedded],
  ['BullMQ', bullmq],
])('large job bodies (%s)', (_name, open) => {
  let b: Backend;
  beforeAll(async () => {
    b = await open();
  }, 30_000);
  afterAll(async () => {
    await b.stop();
  });

  it('lands every note of a multi-megabyte body exactly once, in order', async () => {
    const body = JSON.stringify({ notes, options: { threshold: 0.5 } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * INLINE_BODY_BYTES);
    const sub = await b.server.call('/v1/jobs', post(body, { 'idempotency-key': 'large-1' }));
    expect(sub.status).toBe(202);
    const { id, progress } = (await sub.json()) as { id: string; progress: { total: number } };
    expect(progress.total).toBe(NOTES);
    // The fingerprint taken in the thread: the same body replays the job, another one conflicts.
    const again = await b.server.call('/v1/jobs', post(body, { 'idempotency-key': 'large-1' }));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    const other = JSON.stringify({ notes: notes.slice(1) });
    const conflict = await b.server.call('/v1/jobs', post(other, { 'idempotency-key': 'large-1' }));
    expect((await problem(conflict)).code).toBe('IDEMPOTENCY_CONFLICT');

    const job = await until(
      async () => {
        const r = await b.server.call(`/v1/jobs/${id}?limit=1`, { key: KEY });
        const j = (await r.json()) as { status: string; progress: { done: number } };
        return j.status === 'queued' || j.status === 'running' ? undefined : j;
      },
      240_000,
      'the large job to finish',
    );
    expect(job.status).toBe('succeeded');
    expect(job.progress.done).toBe(NOTES);
    const seen: string[] = [];
    let cursor: string | undefined = '0';
    while (cursor !== undefined) {
      const page = (await (
        await b.server.call(`/v1/jobs/${id}?limit=1000&cursor=${cursor}`, { key: KEY })
      ).json()) as { results: { noteId: string; status: string }[]; nextCursor?: string };
      for (const r of page.results) {
        expect(r.status).toBe('succeeded');
        seen.push(r.noteId);
      }
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(notes.map((n) => n.id));
    expect(
      (await b.server.call(`/v1/jobs/${id}?purge=true`, { key: KEY, method: 'DELETE' })).status,
    ).toBe(204);
  }, 300_000);

  it('gives the same problem for a bad note deep in a large body as in a small one', async () => {
    const jobs = async (): Promise<unknown[]> =>
      ((await (await b.server.call('/v1/jobs', { key: KEY })).json()) as { items: unknown[] })
        .items;
    const before = await jobs();
    const at = NOTES - 7;
    const bad = (all: unknown[]): unknown[] =>
      all.map((n, i) => (i === at ? { id: 'x', text: 5 } : n));
    // Only the note count differs: the small body stops right after the bad note.
    const small = notes.slice(0, at + 1).map((n) => ({ ...n, text: 'x' }));
    const cases: [string, (list: typeof notes) => unknown, number, Record<string, unknown>][] = [
      [
        'wrong type',
        (list) => ({ notes: bad(list) }),
        400,
        {
          code: 'INVALID_REQUEST',
          field: `notes.${String(at)}.text`,
          detail: `notes.${String(at)}.text: Invalid input: expected string, received number`,
        },
      ],
      [
        'duplicate id',
        (list) => ({ notes: list.map((n, i) => (i === at ? { ...n, id: 'n0' } : n)) }),
        400,
        { code: 'DUPLICATE_NOTE_ID', noteId: 'n0' },
      ],
      [
        'unknown field',
        (list) => ({ notes: list.map((n, i) => (i === at ? { ...n, colour: 'red' } : n)) }),
        400,
        { code: 'INVALID_REQUEST', field: `notes.${String(at)}` },
      ],
    ];
    for (const [what, make, status, expected] of cases) {
      const largeBody = JSON.stringify(make(notes));
      expect(Buffer.byteLength(largeBody), what).toBeGreaterThan(INLINE_BODY_BYTES);
      const large = await b.server.call('/v1/jobs', post(largeBody));
      expect(large.status, what).toBe(status);
      const largeProblem = await problem(large);
      expect(largeProblem, what).toMatchObject(expected);
      const inline = await b.server.call('/v1/jobs', post(JSON.stringify(make(small))));
      expect(await problem(inline), what).toEqual(largeProblem);
    }
    const tooLong = notes.map((n, i) => (i === at ? { ...n, text: 'y'.repeat(300_000) } : n));
    const long = await b.server.call('/v1/jobs', post(JSON.stringify({ notes: tooLong })));
    expect(long.status).toBe(413);
    const longProblem = await problem(long);
    expect(longProblem).toMatchObject({
      code: 'NOTE_TOO_LARGE',
      noteId: `n${String(at)}`,
      limitName: 'NOTECODER_MAX_NOTE_CHARS',
    });
    expect(longProblem.detail).toMatch(new RegExp(`^note ${String(at)} `));
    const broken = await b.server.call('/v1/jobs', post(JSON.stringify({ notes }).slice(0, -3)));
    expect(broken.status).toBe(400);
    expect((await problem(broken)).code).toBe('MALFORMED_JSON');
    // None of the refused bodies became a job.
    expect(await jobs()).toEqual(before);
  }, 120_000);
});
