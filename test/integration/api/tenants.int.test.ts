import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { initDetectWorker, type DetectWorker } from '../../../workers/detect-worker.js';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline, until, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';

// Tenant alpha: two read-write keys and a read-only one; tenant beta: one key; a key of the old form
// (a tenant of its own).
const A1 = 'alpha-key-one-0123456789';
const A2 = 'alpha-key-two-0123456789';
const AR = 'alpha-reader-0123456789';
const B1 = 'beta-key-one-01234567890';
const SOLO = 'solo-key-0123456789abcd';
const KEYS = `alpha=${A1},${A2},${AR}:read;beta=${B1};${SOLO}`;
const NOTE = 'Assessment: essential hypertension. Type 2 diabetes mellitus without complications.';

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

async function embedded(): Promise<Backend> {
  const server = await startTestServer({
    ...fixture.env,
    NOTECODER_DATA_DIR: join(t.dir, 'embedded-data'),
    NOTECODER_API_KEYS: KEYS,
    NOTECODER_RATE_LIMIT: '0',
  });
  return { server, stop: () => server.close() };
}

async function bullmq(): Promise<Backend> {
  const redis: TestRedis = await startRedis(t.dir);
  const server = await startTestServer({
    ...fixture.env,
    REDIS_URL: redis.url,
    NOTECODER_API_KEYS: KEYS,
    NOTECODER_RATE_LIMIT: '0',
  });
  const worker: DetectWorker = initDetectWorker({
    redisUrl: redis.url,
    concurrency: 1,
    process: fixture.process,
    cipher: createNoteCipher(undefined),
    log: createLogger('error'),
    resultTtlMs: 60_000,
    lockMs: 2000,
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
  body: unknown,
  key: string,
  headers: Record<string, string> = {},
): RequestInit & {
  key: string;
} => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
  key,
});

describe.each([
  ['embedded', embedded],
  ['BullMQ', bullmq],
])('tenants over real HTTP (%s)', (_name, open) => {
  let b: Backend;
  beforeAll(async () => {
    b = await open();
  }, 30_000);
  afterAll(async () => {
    await b.stop();
  });

  const call = (path: string, init: RequestInit & { key: string }): Promise<Response> =>
    b.server.call(path, init);

  /** The problem body of a 404 for this id, with everything that could tell two 404s apart. */
  const notFound = async (res: Response): Promise<unknown> => {
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.code).toBe('JOB_NOT_FOUND');
    return { ...body, instance: undefined };
  };

  it("answers another tenant's job exactly as a job that never existed", async () => {
    const sub = await call(
      '/v1/jobs',
      post({ notes: [{ id: 'n', text: NOTE }] }, A1, {
        'idempotency-key': 'shared-key',
      }),
    );
    expect(sub.status).toBe(202);
    const { id } = (await sub.json()) as { id: string };
    const done = await until(async () => {
      const r = await call(`/v1/jobs/${id}`, { key: A2 });
      const body = (await r.json()) as { status: string; results: unknown[] };
      return body.status === 'succeeded' ? body : undefined;
    });
    expect(done.results).toHaveLength(1);
    // Same tenant: the read-only key reads it too, but may not change it.
    expect((await call(`/v1/jobs/${id}`, { key: AR })).status).toBe(200);
    expect((await call(`/v1/jobs/${id}`, { key: AR, method: 'DELETE' })).status).toBe(403);
    expect((await call(`/v1/jobs/${id}?purge=true`, { key: AR, method: 'DELETE' })).status).toBe(
      403,
    );
    expect((await call('/v1/jobs', post({ notes: [{ id: 'x', text: NOTE }] }, AR))).status).toBe(
      403,
    );
    // Another tenant (grouped or old-form): the same 404 as for an id that does not exist.
    const ghost = 'job_zzzzzzzzzzzzzzzzzzzz';
    for (const key of [B1, SOLO]) {
      const expected = {
        ...((await notFound(await call(`/v1/jobs/${ghost}`, { key }))) as object),
        detail: undefined,
        jobId: undefined,
      };
      for (const [path, method] of [
        [`/v1/jobs/${id}`, 'GET'],
        [`/v1/jobs/${id}?cursor=0&limit=5`, 'GET'],
        [`/v1/jobs/${id}`, 'DELETE'],
        [`/v1/jobs/${id}?purge=true`, 'DELETE'],
      ] as const) {
        const body = (await notFound(await call(path, { key, method }))) as object;
        expect({ ...body, detail: undefined, jobId: undefined }, `${method} ${path}`).toEqual(
          expected,
        );
      }
      const list = (await (await call('/v1/jobs', { key })).json()) as { items: { id: string }[] };
      expect(list.items.map((j) => j.id)).not.toContain(id);
    }
    // The same Idempotency-Key in another tenant with another body: a new job, not a 409.
    const other = await call(
      '/v1/jobs',
      post({ notes: [{ id: 'b', text: 'Asthma.' }] }, B1, {
        'idempotency-key': 'shared-key',
      }),
    );
    expect(other.status).toBe(202);
    expect(((await other.json()) as { id: string }).id).not.toBe(id);
    // The owner's tenant still has it, and lists it.
    const listed = (await (await call('/v1/jobs?limit=50', { key: AR })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((j) => j.id)).toContain(id);
    expect((await call(`/v1/jobs/${id}?purge=true`, { key: A2, method: 'DELETE' })).status).toBe(
      204,
    );
    await notFound(await call(`/v1/jobs/${id}`, { key: A1 }));
  });

  it("cannot cancel another tenant's running job", async () => {
    const notes = Array.from({ length: 40 }, (_, i) => ({ id: `c${String(i)}`, text: NOTE }));
    const sub = await call('/v1/jobs', post({ notes }, A1));
    const { id } = (await sub.json()) as { id: string };
    await notFound(await call(`/v1/jobs/${id}`, { key: B1, method: 'DELETE' }));
    const job = await until(async () => {
      const body = (await (await call(`/v1/jobs/${id}`, { key: A1 })).json()) as {
        status: string;
      };
      return ['succeeded', 'cancelled'].includes(body.status) ? body : undefined;
    });
    expect(job.status).toBe('succeeded');
  });
});
