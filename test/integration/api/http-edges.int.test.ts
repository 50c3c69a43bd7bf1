import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis } from '../../helpers/redis-server.js';

const KEY = 'edges-key-0123456789abcdef';
let server: TestServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startFixtureServer({
    NOTECODER_API_KEYS: KEY,
    NOTECODER_HOST: '127.0.0.1',
    NOTECODER_RATE_LIMIT: '0',
    NOTECODER_AUTH_FAILURE_LIMIT: '5',
  }));
});
afterAll(() => stop());

async function problem(res: Response): Promise<{ code: string; status: number }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { code: string; status: number };
}

/** A raw HTTP/1.1 request (fetch would refuse or rewrite some of what these tests send). */
function raw(path: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, headers: { authorization: `Bearer ${KEY}` } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP edges', () => {
  it('answers a path that cannot be percent-decoded with 400 INVALID_PATH; logs keep no raw path', async () => {
    for (const path of ['/v1/jobs/%zz', '/v1/codes/%E0%A4%A', '/v1/jobs/%E0%A4%A?purge=true']) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_PATH', status: 400 });
      expect(res.body).not.toContain('%');
    }
    const logged = server.logs.join('\n');
    expect(logged).not.toContain('%zz');
    expect(logged).not.toContain('%E0%A4%A');
    expect(logged).toMatch(/"status":400/);
  });

  it('answers a URL over the header limit with 431 problem+json', async () => {
    const res = await raw(`/v1/codes?q=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'HEADERS_TOO_LARGE', status: 431 });
  });

  it('rate-limits failed authentication per client address (429), a valid key still passes', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      last = await server.call('/v1/codes/E11.9', { key: `wrong-key-${String(i)}-0123456789` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    if (last === undefined) {
      throw new Error('no response');
    }
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await problem(last)).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect((await server.call('/v1/codes/E11.9', { key: KEY })).status).toBe(200);
  });
});

describe('rate limit shared on Redis', () => {
  it('two API processes on one Redis share one limit per key', async () => {
    const t = tempDir();
    const fixture = fixturePipeline(t.dir);
    const redis = await startRedis(t.dir);
    const env = {
      ...fixture.env,
      REDIS_URL: redis.url,
      NOTECODER_API_KEYS: KEY,
      NOTECODER_RATE_LIMIT: '6',
    };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const res = await (i % 2 === 0 ? a : b).call('/v1/codes/E11.9', { key: KEY });
        statuses.push(res.status);
        if (res.status === 429) {
          expect((await problem(res)).code).toBe('RATE_LIMITED');
        }
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    } finally {
      await a.close();
      await b.close();
      await redis.stop();
      t.cleanup();
    }
  });
});
