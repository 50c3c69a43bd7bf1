import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER } from '../../../src/jobs/callback-sender.js';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline, until } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';

const RW = 'rw-key-0123456789abcdef';
const RO = 'ro-key-0123456789abcdef';
const SECRET = 'callback-secret-0123456789';
const MARKER = 'QUOKKA-PHI-MARKER-5521';
const CT =
  'CT chest with 3D rendering on the scanner console. Impression: no evidence of hypertension.';

let t: { dir: string; cleanup: () => void };
let server: TestServer;
let receiver: Server;
let received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let receiverUrl = '';

const json = (body: unknown, key: string | undefined = RW): RequestInit & { key?: string } => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  key,
});

async function problem(
  res: Response,
): Promise<{ code: string; status: number; limit?: number; limitName?: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { code: string; status: number };
}

async function waitJob(id: string): Promise<Record<string, unknown>> {
  return until(async () => {
    const res = await server.call(`/v1/jobs/${id}`, { key: RW });
    const body = (await res.json()) as { status: string };
    return ['succeeded', 'partially_succeeded', 'failed', 'cancelled'].includes(body.status)
      ? body
      : undefined;
  });
}

beforeAll(async () => {
  t = tempDir();
  const fixture = fixturePipeline(t.dir);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      // The first delivery fails, so the retry path runs.
      res.statusCode = received.length === 1 ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;
  server = await startTestServer({
    ...fixture.env,
    NOTECODER_DATA_DIR: join(t.dir, 'data'),
    NOTECODER_API_KEYS: `${RW},${RO}:read`,
    NOTECODER_HOST: '127.0.0.1',
    NOTECODER_MAX_NOTES_PER_JOB: '50',
    NOTECODER_MAX_NOTE_CHARS: '5000',
    NOTECODER_MAX_BODY_BYTES: '200000',
    NOTECODER_CALLBACK_SECRET: SECRET,
    NOTECODER_RATE_LIMIT: '100000',
  });
});

afterAll(async () => {
  await server.close();
  await new Promise((r) => receiver.close(r));
  t.cleanup();
});

describe('job API over real HTTP (embedded queue, worker threads)', () => {
  it('submits, polls with Retry-After, and returns results with evidence', async () => {
    const res = await server.call(
      '/v1/jobs',
      json({
        notes: [
          { id: 'a', text: CT },
          { id: 'b', text: 'Essential hypertension.' },
        ],
      }),
    );
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string; status: string };
    expect(res.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    expect(job.status).toBe('queued');
    const done = (await waitJob(job.id)) as {
      status: string;
      results: {
        noteId: string;
        result: {
          suggestions: { code: string; evidence: { start: number; end: number; text: string }[] }[];
        };
      }[];
    };
    expect(done.status).toBe('succeeded');
    const a = done.results[0];
    const s76376 = a?.result.suggestions.find((s) => s.code === '76376');
    expect(s76376).toBeDefined();
    for (const ev of s76376?.evidence ?? []) {
      expect(CT.slice(ev.start, ev.end)).toBe(ev.text);
    }
    const final = await server.call(`/v1/jobs/${job.id}`, { key: RW });
    expect(final.headers.get('retry-after')).toBeNull();
  });

  it('paginates results with cursor and a Link header', async () => {
    const notes = Array.from({ length: 30 }, (_, i) => ({
      id: `p${String(i)}`,
      text: 'Essential hypertension.',
    }));
    const { id } = (await (await server.call('/v1/jobs', json({ notes }))).json()) as {
      id: string;
    };
    await waitJob(id);
    const seen: string[] = [];
    let path = `/v1/jobs/${id}?limit=12`;
    for (let i = 0; i < 5; i += 1) {
      const res = await server.call(path, { key: RW });
      const body = (await res.json()) as { results: { noteId: string }[]; nextCursor?: string };
      seen.push(...body.results.map((r) => r.noteId));
      if (body.nextCursor === undefined) {
        expect(res.headers.get('link')).toBeNull();
        break;
      }
      expect(res.headers.get('link')).toContain('rel="next"');
      path = `/v1/jobs/${id}?limit=12&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(notes.map((n) => n.id));
  });

  it('honours Idempotency-Key: same body → same job (200), other body → 409', async () => {
    const body = { notes: [{ id: 'i1', text: 'Essential hypertension.' }] };
    const init = (b: unknown): RequestInit & { key?: string } => {
      const r = json(b);
      return {
        ...r,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'abc-123' },
      };
    };
    const first = await server.call('/v1/jobs', init(body));
    expect(first.status).toBe(202);
    const again = await server.call('/v1/jobs', init(body));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(
      ((await first.json()) as { id: string }).id,
    );
    const conflict = await server.call('/v1/jobs', init({ notes: [{ id: 'i2', text: 'x' }] }));
    expect(conflict.status).toBe(409);
    expect((await problem(conflict)).code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('cancels and purges', async () => {
    const notes = Array.from({ length: 40 }, (_, i) => ({ id: `c${String(i)}`, text: CT }));
    const { id } = (await (await server.call('/v1/jobs', json({ notes }))).json()) as {
      id: string;
    };
    const cancel = await server.call(`/v1/jobs/${id}`, { method: 'DELETE', key: RW });
    expect(cancel.status).toBe(200);
    expect(['cancelled', 'succeeded']).toContain(
      ((await cancel.json()) as { status: string }).status,
    );
    const purge = await server.call(`/v1/jobs/${id}?purge=true`, { method: 'DELETE', key: RW });
    expect(purge.status).toBe(204);
    const gone = await server.call(`/v1/jobs/${id}`, { key: RW });
    expect(gone.status).toBe(404);
    expect((await problem(gone)).code).toBe('JOB_NOT_FOUND');
  });

  it('answers /v1/detect synchronously; an empty note is a 422', async () => {
    const res = await server.call(
      '/v1/detect',
      json({ note: { id: 'd', text: CT }, options: { systems: ['CPT'] } }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      noteId: string;
      suggestions: { code: string; system: string }[];
    };
    expect(body.noteId).toBe('d');
    expect(body.suggestions.map((s) => s.code)).toContain('76376');
    expect(body.suggestions.every((s) => s.system === 'CPT')).toBe(true);
    const empty = await server.call('/v1/detect', json({ note: { id: 'e', text: ' ' } }));
    expect(empty.status).toBe(422);
    expect((await problem(empty)).code).toBe('NOTE_EMPTY');
  });

  it('applies the billing rules unless a request asks for every mention (rules: mentions)', async () => {
    const detect = async (options: object): Promise<Response> =>
      server.call('/v1/detect', json({ note: { id: 'm', text: CT }, options }));
    const billing = (await (await detect({})).json()) as {
      suggestions: { code: string }[];
      suppressed: { code: string; reason: string }[];
    };
    expect(billing.suggestions.map((s) => s.code)).not.toContain('I10');
    expect(billing.suppressed.find((s) => s.code === 'I10')?.reason).toBe('negated');
    const mentions = (await (await detect({ rules: 'mentions' })).json()) as {
      suggestions: { code: string; assertion: string }[];
    };
    expect(mentions.suggestions.find((s) => s.code === 'I10')?.assertion).toBe('absent');
    expect(mentions.suggestions.map((s) => s.code)).toContain('76376');
    expect((await problem(await detect({ rules: 'claims' }))).code).toBe('INVALID_REQUEST');
  });

  it('runs the ONNX tagger in the worker threads unless a request turns it off', async () => {
    const versions = async (options: object): Promise<{ tagger?: string }> => {
      const res = await server.call('/v1/detect', json({ note: { id: 't', text: CT }, options }));
      expect(res.status).toBe(200);
      return ((await res.json()) as { versions: { tagger?: string } }).versions;
    };
    expect((await versions({})).tagger).toMatch(/^tagger-[0-9a-f]{12}$/);
    expect((await versions({ tagger: false })).tagger).toBe('off');
    const bad = await server.call(
      '/v1/detect',
      json({ note: { id: 't', text: CT }, options: { tagger: 'no' } }),
    );
    expect((await problem(bad)).code).toBe('INVALID_REQUEST');
  });

  it('looks codes up and searches them', async () => {
    const show = await server.call('/v1/codes/e119', { key: RO });
    expect(show.status).toBe(200);
    const body = (await show.json()) as {
      codes: { code: string; title: string; billable: boolean }[];
    };
    expect(body.codes[0]).toMatchObject({ code: 'E11.9', billable: true });
    const cpt = (await (await server.call('/v1/codes/76376?system=CPT', { key: RO })).json()) as {
      codes: { code: string; system: string }[];
    };
    expect(cpt.codes[0]).toMatchObject({ code: '76376', system: 'CPT' });
    const search = (await (
      await server.call('/v1/codes?q=type%202%20diabetes&limit=3', { key: RO })
    ).json()) as {
      hits: { code: string }[];
    };
    expect(search.hits.length).toBeGreaterThan(0);
    // A code's "use additional code" / "code first" notes, its own and inherited, with their references.
    const e1122 = (await (await server.call('/v1/codes/E11.22', { key: RO })).json()) as {
      codes: { instructions: { kind: string; declaredAt: string; refs: unknown[] }[] }[];
    };
    expect(e1122.codes[0]?.instructions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'useAdditionalCode',
          declaredAt: 'E11.22',
          refs: [{ from: 'N181', to: 'N186' }],
        }),
        expect.objectContaining({ kind: 'useAdditionalCode', declaredAt: 'E11' }),
      ]),
    );
    // By code number: the exact code first, then the codes under it, each saying if it is billable.
    const byNumber = async (q: string): Promise<{ code: string; billable: boolean }[]> =>
      (
        (await (
          await server.call(`/v1/codes?q=${encodeURIComponent(q)}&limit=5`, { key: RO })
        ).json()) as { hits: { code: string; billable: boolean }[] }
      ).hits;
    expect((await byNumber('E11.22'))[0]).toMatchObject({ code: 'E11.22', billable: true });
    expect((await byNumber('71250'))[0]).toMatchObject({ code: '71250', billable: true });
    expect((await byNumber('I10'))[0]?.code).toBe('I10');
    expect((await byNumber('E11')).slice(0, 2)).toEqual([
      expect.objectContaining({ code: 'E11', billable: false }),
      expect.objectContaining({ code: 'E11.2', billable: false }),
    ]);
    expect(
      (await problem(await server.call('/v1/codes/ZZZ.99', { key: RO }))).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await problem(await server.call('/v1/codes?q=', { key: RO }))).code).toBe(
      'EMPTY_QUERY',
    );
  });

  it('serves health, readiness, metrics, the OpenAPI document and the root page', async () => {
    expect((await server.call('/healthz')).status).toBe(200);
    const ready = await server.call('/readyz');
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { backend: string }).backend).toBe('embedded');
    const metrics = await (await server.call('/metrics')).text();
    expect(metrics).toMatch(/notecoder_jobs\{status="succeeded"\} [1-9]/);
    expect(metrics).toContain('notecoder_queue_depth_notes');
    expect(metrics).toMatch(/notecoder_notes_processed_total [1-9]/);
    expect(metrics).toMatch(
      /notecoder_detect_duration_seconds_bucket\{le="[^"]+",outcome="ok"\} [1-9]/,
    );
    const doc = (await (await server.call('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/jobs',
        '/v1/jobs/{id}',
        '/v1/detect',
        '/v1/codes',
        '/v1/codes/{code}',
      ]),
    );
    const rootRes = await server.call('/');
    const root = await rootRes.text();
    expect(root).toContain('/openapi.json');
    // The built page: revalidated every load, self-contained (CSP), hashed assets cached for a year.
    expect(rootRes.headers.get('cache-control')).toBe('no-cache');
    expect(rootRes.headers.get('content-security-policy')).toContain("default-src 'self'");
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(root)?.[1];
    expect(asset).toBeDefined();
    const assetRes = await server.call(asset ?? '');
    expect(assetRes.status).toBe(200);
    expect(assetRes.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(assetRes.headers.get('content-type')).toMatch(/javascript/);
  });

  it('posts a signed callback when a job ends, retrying a failed delivery', async () => {
    received = [];
    const res = await server.call(
      '/v1/jobs',
      json({ notes: [{ id: 'cb', text: 'Essential hypertension.' }], callbackUrl: receiverUrl }),
    );
    const { id } = (await res.json()) as { id: string };
    await until(() => (received.length >= 2 ? true : undefined), 30_000, 'callback retry');
    const last = received[1];
    const body = JSON.parse(last?.body ?? '{}') as { jobId: string; status: string };
    expect(body).toMatchObject({ type: 'job.finished', jobId: id, status: 'succeeded' });
    const header = String(last?.headers[SIGNATURE_HEADER]);
    const [, ts = '', mac = ''] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
    expect(
      createHmac('sha256', SECRET)
        .update(`${ts}.${last?.body ?? ''}`)
        .digest('hex'),
    ).toBe(mac);
    expect(last?.body).not.toContain('hypertension');
  });

  describe('security and limits', () => {
    it('requires a key on /v1, and a read-only key may only read', async () => {
      const none = await server.call('/v1/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ notes: [{ id: 'a', text: 'x' }] }),
      });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect((await problem(none)).code).toBe('UNAUTHORIZED');
      const wrong = await server.call('/v1/codes/E11.9', { key: 'not-a-real-key-at-all' });
      expect(wrong.status).toBe(401);
      const ro = await server.call('/v1/jobs', json({ notes: [{ id: 'a', text: 'x' }] }, RO));
      expect(ro.status).toBe(403);
      expect((await problem(ro)).code).toBe('FORBIDDEN');
      expect((await server.call('/v1/codes/E11.9', { key: RO })).status).toBe(200);
    });

    it('names the limit in 413s: body size, notes per job, characters per note', async () => {
      const big = await server.call(
        '/v1/jobs',
        json({ notes: [{ id: 'a', text: 'x'.repeat(300_000) }] }),
      );
      expect(big.status).toBe(413);
      expect(await problem(big)).toMatchObject({
        code: 'BODY_TOO_LARGE',
        limit: 200_000,
        limitName: 'NOTECODER_MAX_BODY_BYTES',
      });
      const many = Array.from({ length: 51 }, (_, i) => ({ id: String(i), text: 'x' }));
      const tooMany = await server.call('/v1/jobs', json({ notes: many }));
      expect(await problem(tooMany)).toMatchObject({
        status: 413,
        code: 'TOO_MANY_NOTES',
        limit: 50,
      });
      const long = await server.call(
        '/v1/jobs',
        json({ notes: [{ id: 'a', text: `${MARKER} ${'y'.repeat(6000)}` }] }),
      );
      expect(await problem(long)).toMatchObject({
        status: 413,
        code: 'NOTE_TOO_LARGE',
        limit: 5000,
        limitName: 'NOTECODER_MAX_NOTE_CHARS',
      });
    });

    it('rejects bad input on every route with a catalogued problem', async () => {
      const cases: [string, RequestInit & { key?: string }, number, string][] = [
        ['/v1/jobs', json('{"notes": [', RW), 400, 'MALFORMED_JSON'],
        ['/v1/jobs', json({ notes: 'nope' }), 400, 'INVALID_REQUEST'],
        ['/v1/jobs', json({}), 400, 'INVALID_REQUEST'],
        ['/v1/jobs', json({ notes: [] }), 400, 'INVALID_REQUEST'],
        ['/v1/jobs', json({ notes: [{ id: 1, text: 'x' }] }), 400, 'INVALID_REQUEST'],
        ['/v1/jobs', json({ notes: [{ id: 'a' }] }), 400, 'INVALID_REQUEST'],
        [
          '/v1/jobs',
          json({ notes: [{ id: 'a', text: 'x', setting: 'er' }] }),
          400,
          'INVALID_REQUEST',
        ],
        ['/v1/jobs', json({ notes: [{ id: 'a', text: 'x' }], extra: 1 }), 400, 'INVALID_REQUEST'],
        [
          '/v1/jobs',
          json({ notes: [{ id: 'a', text: 'x' }], options: { threshold: 2 } }),
          400,
          'INVALID_REQUEST',
        ],
        [
          '/v1/jobs',
          json({ notes: [{ id: 'a', text: 'x' }], callbackUrl: 'ftp://x' }),
          400,
          'INVALID_REQUEST',
        ],
        [
          '/v1/jobs',
          json({
            notes: [
              { id: 'a', text: 'x' },
              { id: 'a', text: 'y' },
            ],
          }),
          400,
          'DUPLICATE_NOTE_ID',
        ],
        [
          '/v1/jobs',
          { method: 'POST', body: 'notes', headers: { 'content-type': 'text/plain' }, key: RW },
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
        ['/v1/jobs', json('[1,2]'), 400, 'INVALID_REQUEST'],
        ['/v1/jobs/job_unknownunknownunkn', { key: RW }, 404, 'JOB_NOT_FOUND'],
        ['/v1/jobs/x?cursor=-1', { key: RW }, 400, 'INVALID_CURSOR'],
        ['/v1/jobs/x?cursor=abc', { key: RW }, 400, 'INVALID_CURSOR'],
        ['/v1/jobs/x?limit=0', { key: RW }, 400, 'INVALID_REQUEST'],
        ['/v1/jobs/x?purge=maybe', { method: 'DELETE', key: RW }, 400, 'INVALID_REQUEST'],
        ['/v1/jobs/job_unknownunknownunkn', { method: 'DELETE', key: RW }, 404, 'JOB_NOT_FOUND'],
        ['/v1/jobs', { method: 'PUT', key: RW }, 405, 'METHOD_NOT_ALLOWED'],
        // Not shaped like a job id: never used as a store key (it could name another job's data).
        [
          '/v1/jobs/job_unknownunknownunkn:notes?purge=true',
          { method: 'DELETE', key: RW },
          404,
          'JOB_NOT_FOUND',
        ],
        ['/v1/detect', json({ note: { id: 'a' } }), 400, 'INVALID_REQUEST'],
        ['/v1/detect', json({ notes: [] }), 400, 'INVALID_REQUEST'],
        ['/v1/detect', { method: 'POST', body: '{}', key: RW }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
        ['/v1/detect', { method: 'GET', key: RW }, 405, 'METHOD_NOT_ALLOWED'],
        ['/v1/codes?q=diabetes&limit=1000', { key: RW }, 400, 'INVALID_REQUEST'],
        ['/v1/codes?q=diabetes&system=LOINC', { key: RW }, 400, 'INVALID_REQUEST'],
        ['/v1/codes/!!!', { key: RW }, 400, 'INVALID_CODE'],
        ['/v1/codes/E11.99', { key: RW }, 404, 'CODE_NOT_FOUND'],
        ['/v1/nothing', { key: RW }, 404, 'ROUTE_NOT_FOUND'],
        ['/nothing', {}, 404, 'ROUTE_NOT_FOUND'],
      ];
      for (const [path, init, status, code] of cases) {
        const res = await server.call(path, init);
        const body = await problem(res);
        expect({ path, status: res.status, code: body.code }).toEqual({ path, status, code });
      }
    });

    it('never writes note text to the log', async () => {
      const text = `Patient ${MARKER} has essential hypertension and type 2 diabetes.`;
      const res = await server.call('/v1/jobs', json({ notes: [{ id: 'phi', text }] }));
      await waitJob(((await res.json()) as { id: string }).id);
      await server.call('/v1/detect', json({ note: { id: 'phi2', text } }));
      await server.call('/v1/jobs', json(`{"notes":[{"id":"x","text":"${MARKER}"`));
      await server.call('/v1/jobs', json({ notes: [{ id: 'x', text: MARKER, setting: MARKER }] }));
      expect(server.logs.length).toBeGreaterThan(10);
      expect(server.logs.filter((line) => line.includes(MARKER))).toEqual([]);
    });
  });
});
