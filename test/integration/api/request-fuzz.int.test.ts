import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';

const KEY = 'fuzz-key-0123456789abcdef';
let server: TestServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startFixtureServer({
    NOTECODER_API_KEYS: KEY,
    NOTECODER_HOST: '127.0.0.1',
    NOTECODER_MAX_BODY_BYTES: '20000',
    NOTECODER_RATE_LIMIT: '0',
  }));
});
afterAll(() => stop());

const anyJson = fc.jsonValue({ maxDepth: 3 });
const note = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)),
    text: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 50 }),
      fc.integer(),
    ),
    setting: fc.oneof(
      fc.constant('inpatient'),
      fc.constant('outpatient'),
      fc.string({ maxLength: 5 }),
    ),
    encounterDate: fc.oneof(
      fc.constant('2026-02-30'),
      fc.constant('2026-01-01'),
      fc.string({ maxLength: 5 }),
    ),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  anyJson.map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        notes: fc.array(note, { maxLength: 4 }),
        options: fc.option(anyJson),
        callbackUrl: fc.option(fc.webUrl()),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc
    .record({ note, options: fc.option(anyJson) }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 100 }),
  fc.constant('{"notes":[{"id":"a","text":"\\ud800"}]}'),
);
const path = fc.oneof(
  fc.constantFrom(
    '/v1/jobs',
    '/v1/detect',
    '/v1/codes',
    '/v1/jobs/job_aaaaaaaaaaaaaaaaaaaa',
    '/healthz',
    '/readyz',
    '/openapi.json',
    '/',
  ),
  fc.string({ maxLength: 20 }).map((s) => `/v1/codes/${encodeURIComponent(s)}`),
  fc
    .string({ maxLength: 20 })
    .map((s) => `/v1/jobs/${encodeURIComponent(s)}?cursor=${encodeURIComponent(s)}`),
  fc
    .string({ maxLength: 20 })
    .map((s) => `/v1/codes?q=${encodeURIComponent(s)}&limit=${encodeURIComponent(s)}`),
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH'),
  path,
  body,
  contentType: fc.constantFrom(
    'application/json',
    'text/plain',
    'application/json; charset=latin1',
    '',
  ),
  auth: fc.constantFrom(`Bearer ${KEY}`, 'Bearer wrong', '', 'Basic abc'),
  idempotencyKey: fc.option(fc.string({ maxLength: 300 })),
});

describe('randomized request fuzzer', () => {
  it('never answers 5xx, and every error is problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType !== '') {
          headers['content-type'] = r.contentType;
        }
        if (r.auth !== '') {
          headers.authorization = r.auth;
        }
        if (r.idempotencyKey !== null && /^[\x20-\x7e]*$/.test(r.idempotencyKey)) {
          headers['idempotency-key'] = r.idempotencyKey;
        }
        const hasBody = r.method !== 'GET';
        const res = await fetch(`${server.url}${r.path}`, {
          method: r.method,
          headers,
          ...(hasBody ? { body: r.body } : {}),
        });
        const text = await res.text();
        expect(res.status, `${r.method} ${r.path} → ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect((JSON.parse(text) as { code: string }).code).toMatch(/^[A-Z_]+$/);
        }
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });
});
