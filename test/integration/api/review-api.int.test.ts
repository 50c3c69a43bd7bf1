import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from '../../../eval/datasets/read-jsonl.js';
import { createLogger } from '../../../src/core/logger.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { initDetectWorker, type DetectWorker } from '../../../workers/detect-worker.js';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline, until, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { runCli } from '../../helpers/run-cli.js';

const A1 = 'alpha-key-one-0123456789';
const A2 = 'alpha-key-two-0123456789';
const AR = 'alpha-reader-0123456789';
const B1 = 'beta-key-one-01234567890';
const KEYS = `alpha=${A1},${A2},${AR}:read;beta=${B1}`;
const MARK = 'QUOKKA-7310';
const NOTE = `Patient ${MARK}. Assessment: essential hypertension. Type 2 diabetes mellitus without complications.`;
const ENC_KEY = Buffer.alloc(32, 3).toString('base64');

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
  /** Where `notecoder review export` finds the same store. */
  store: Record<string, string>;
  stop(): Promise<void>;
}

const env = (): Record<string, string> => ({
  ...fixture.env,
  NOTECODER_API_KEYS: KEYS,
  NOTECODER_RATE_LIMIT: '0',
  NOTECODER_ENCRYPTION_KEY: ENC_KEY,
});

async function embedded(): Promise<Backend> {
  const store = { NOTECODER_DATA_DIR: join(t.dir, 'review-embedded') };
  const server = await startTestServer({ ...env(), ...store });
  return { server, store, stop: () => server.close() };
}

async function bullmq(): Promise<Backend> {
  const redis: TestRedis = await startRedis(t.dir);
  const server = await startTestServer({ ...env(), REDIS_URL: redis.url });
  const worker: DetectWorker = initDetectWorker({
    redisUrl: redis.url,
    concurrency: 1,
    process: fixture.process,
    cipher: createNoteCipher(Buffer.from(ENC_KEY, 'base64')),
    log: createLogger('error'),
    resultTtlMs: 60_000,
    lockMs: 2000,
  });
  return {
    server,
    store: { REDIS_URL: redis.url },
    async stop() {
      await worker.close();
      await server.close();
      await redis.stop();
    },
  };
}

const json = (
  method: string,
  body: unknown,
  key: string,
  headers: Record<string, string> = {},
): RequestInit & { key: string } => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
  key,
});

interface Suggestion {
  system: string;
  code: string;
}
interface Job {
  id: string;
  status: string;
  results: { noteId: string; result: { suggestions: Suggestion[] }; review?: unknown }[];
}

describe.each([
  ['embedded', embedded],
  ['BullMQ', bullmq],
])('review API over real HTTP (%s)', (_name, open) => {
  let b: Backend;
  let job: Job;
  let path: string;
  const since = new Date(Date.now() - 60_000).toISOString();
  beforeAll(async () => {
    b = await open();
    const sub = await b.server.call(
      '/v1/jobs',
      json('POST', { notes: [{ id: 'n1', text: NOTE }] }, A1),
    );
    const { id } = (await sub.json()) as { id: string };
    job = await until(async () => {
      const body = (await (await b.server.call(`/v1/jobs/${id}`, { key: A1 })).json()) as Job;
      return body.status === 'succeeded' ? body : undefined;
    });
    path = `/v1/jobs/${id}/notes/n1/review`;
  }, 60_000);
  afterAll(async () => {
    await b.stop();
  });

  const problem = async (res: Response, status: number, code: string): Promise<void> => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { code: string };
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
  };

  it('reviews a note: ETag, If-Match, audit trail, read back with the result', async () => {
    const [first, second] = job.results[0]?.result.suggestions ?? [];
    expect(first).toBeDefined();
    const empty = await b.server.call(path, { key: AR });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('etag')).toBe('"r0"');
    expect(await empty.json()).toMatchObject({ version: 0, decisions: [], audit: [] });
    const review = {
      decisions: [
        { system: first?.system, code: first?.code, decision: 'accepted' },
        ...(second
          ? [
              {
                system: second.system,
                code: second.code,
                decision: 'rejected',
                reason: 'copied from history',
              },
            ]
          : []),
      ],
      added: [{ system: 'ICD-10-CM', code: 'e11.65' }],
      note: 'query the provider about control',
      text: NOTE,
    };
    await problem(await b.server.call(path, json('PUT', review, A1)), 428, 'PRECONDITION_REQUIRED');
    const saved = await b.server.call(path, json('PUT', review, A1, { 'if-match': '"r0"' }));
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"r1"');
    const body = (await saved.json()) as { added: Suggestion[]; audit: { by: string }[] };
    expect(body.added).toEqual([{ system: 'ICD-10-CM', code: 'E11.65' }]);
    expect(body.audit[0]?.by).toMatch(/^key_[0-9a-f]{8}$/);
    // A second coder still holding "r0" loses the race: 412, nothing written.
    await problem(
      await b.server.call(path, json('PUT', review, A2, { 'if-match': '"r0"' })),
      412,
      'REVIEW_CONFLICT',
    );
    await problem(
      await b.server.call(path, json('PUT', review, A2, { 'if-match': 'garbage' })),
      412,
      'REVIEW_CONFLICT',
    );
    const again = await b.server.call(
      path,
      json('PUT', { ...review, note: undefined }, A2, { 'if-match': '"r1"' }),
    );
    expect(again.headers.get('etag')).toBe('"r2"');
    const read = (await (await b.server.call(path, { key: A1 })).json()) as {
      audit: { by: string; changes: string[] }[];
    };
    expect(read.audit.map((a) => a.changes)).toEqual([expect.any(Array), ['note removed']]);
    expect(read.audit[0]?.by).not.toBe(read.audit[1]?.by);
    expect(JSON.stringify(read.audit)).not.toContain(A1);
    const withResult = (await (
      await b.server.call(`/v1/jobs/${job.id}`, { key: A1 })
    ).json()) as Job;
    expect(withResult.results[0]?.review).toMatchObject({ version: 2, noteId: 'n1' });
    expect(JSON.stringify(withResult.results[0]?.review)).not.toContain(MARK);
  });

  it('answers every bad review with its problem code', async () => {
    const [first] = job.results[0]?.result.suggestions ?? [];
    const put = (body: unknown, key = A1): Promise<Response> =>
      b.server.call(path, json('PUT', body, key, { 'if-match': '"r0"' }));
    await problem(await put({ decisions: [], added: [], extra: 1 }), 400, 'INVALID_REQUEST');
    await problem(
      await put({ decisions: [{ system: 'ICD-10-CM', code: 'S72.001', decision: 'accepted' }] }),
      422,
      'INVALID_DECISION',
    );
    await problem(
      await put({
        decisions: [{ system: first?.system, code: first?.code, decision: 'restored' }],
      }),
      422,
      'INVALID_DECISION',
    );
    await problem(
      await put({ added: [{ system: 'ICD-10-CM', code: 'E99.99' }] }),
      400,
      'INVALID_CODE',
    );
    await problem(
      await put({ added: [{ system: 'ICD-10-CM', code: 'E11' }] }),
      422,
      'CODE_NOT_BILLABLE',
    );
    await problem(
      await put({
        added: [
          { system: 'ICD-10-CM', code: 'E11.9' },
          { system: 'ICD-10-CM', code: 'e119' },
        ],
      }),
      400,
      'INVALID_REQUEST',
    );
    await problem(await put({}, AR), 403, 'FORBIDDEN');
    await problem(await put({}, B1), 404, 'JOB_NOT_FOUND');
    await problem(await b.server.call(path, { key: B1 }), 404, 'JOB_NOT_FOUND');
    await problem(
      await b.server.call(`/v1/jobs/${job.id}/notes/ghost/review`, { key: A1 }),
      404,
      'NOTE_NOT_FOUND',
    );
    const noType = await b.server.call(path, {
      method: 'PUT',
      body: '{}',
      key: A1,
      headers: { 'if-match': '"r0"' },
    });
    await problem(noType, 415, 'UNSUPPORTED_MEDIA_TYPE');
    await problem(
      await b.server.call(path, { method: 'DELETE', key: A1 }),
      405,
      'METHOD_NOT_ALLOWED',
    );
    // An explained header code is accepted (stale ETag aside: it is checked after the body).
    await problem(
      await put({
        added: [{ system: 'ICD-10-CM', code: 'E11', explanation: 'payer asks for it' }],
      }),
      412,
      'REVIEW_CONFLICT',
    );
  });

  it('exports reviewed notes as eval JSONL, per tenant, readable by the eval reader', async () => {
    const res = await b.server.call(`/v1/reviews.jsonl?since=${encodeURIComponent(since)}`, {
      key: AR,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await res.text();
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: `${job.id}/n1`, text: NOTE });
    const file = join(t.dir, `reviews-${_name}.jsonl`);
    writeFileSync(file, text);
    const dataset = readJsonl(file);
    expect(dataset.notes[0]?.gold.map((g) => g.code)).toContain('E11.65');
    const other = await b.server.call(`/v1/reviews.jsonl?since=${since}`, { key: B1 });
    expect(await other.text()).toBe('');
    const byJob = await b.server.call(`/v1/reviews.jsonl?job=${job.id}`, { key: A1 });
    expect((await byJob.text()).trim().split('\n')).toHaveLength(1);
    await problem(
      await b.server.call(`/v1/reviews.jsonl?job=${job.id}`, { key: B1 }),
      404,
      'JOB_NOT_FOUND',
    );
    await problem(
      await b.server.call('/v1/reviews.jsonl?since=yesterday', { key: A1 }),
      400,
      'INVALID_REQUEST',
    );
    await problem(await b.server.call('/v1/reviews.jsonl', { key: A1 }), 400, 'INVALID_REQUEST');
    expect(b.server.logs.join('\n')).not.toContain(MARK);
    // The CLI reads the same store (decrypting with the key) and writes the same lines.
    const cli = await runCli(['review', 'export', '--since', since, '--tenant', 'alpha'], {
      ...fixture.env,
      ...b.store,
      NOTECODER_ENCRYPTION_KEY: ENC_KEY,
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(text);
    expect(cli.stderr).toContain('wrote 1 reviewed notes');
    expect(cli.stderr).not.toContain(MARK);
    const none = await runCli(['review', 'export', '--since', since, '--tenant', 'beta'], {
      ...fixture.env,
      ...b.store,
      NOTECODER_ENCRYPTION_KEY: ENC_KEY,
    });
    expect(none.stdout).toBe('');
  });

  it('documents the review routes in the OpenAPI document', async () => {
    const doc = (await (await b.server.call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/v1/jobs/{id}/notes/{noteId}/review'] ?? {})).toEqual([
      'get',
      'put',
    ]);
    expect(doc.paths['/v1/reviews.jsonl']).toBeDefined();
    expect(doc.components.schemas.ReviewRequest).toMatchObject({ type: 'object' });
  });

  it('saves a /v1/detect result as a one-note job to review', async () => {
    const res = await b.server.call(
      '/v1/detect',
      json('POST', { note: { id: 'd1', text: NOTE }, options: { save: true } }, A1),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { jobId: string; suggestions: unknown[] };
    expect(body.jobId).toMatch(/^job_/);
    expect(body.suggestions.length).toBeGreaterThan(0);
    const review = await b.server.call(`/v1/jobs/${body.jobId}/notes/d1/review`, { key: A2 });
    expect(review.headers.get('etag')).toBe('"r1"');
    expect(await review.json()).toMatchObject({ text: NOTE, version: 1 });
    await problem(
      await b.server.call(`/v1/jobs/${body.jobId}/notes/d1/review`, { key: B1 }),
      404,
      'JOB_NOT_FOUND',
    );
    expect(b.server.logs.join('\n')).not.toContain(MARK);
  });
});
