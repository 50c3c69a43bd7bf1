import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/core/config.js';
import { createLogger } from '../../../src/core/logger.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { listenHost } from '../../../src/server.js';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';

let server: TestServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startFixtureServer({
    NOTECODER_RATE_LIMIT: '5',
  }));
});
afterAll(() => stop());

describe('a server without API keys', () => {
  it('listens on loopback only and warns', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.logs.some((l) => l.includes('no API keys configured'))).toBe(true);
    const lines: string[] = [];
    const open = () =>
      listenHost(
        loadConfig({ NOTECODER_HOST: '0.0.0.0' }),
        createLogger('info', (l) => lines.push(l)),
      );
    expect(() => open()).toThrow(/NOTECODER_API_KEYS/);
    try {
      open();
    } catch (err) {
      expect(isNotecoderError(err, 'CONFIG_INVALID')).toBe(true);
    }
  });

  it('rate-limits per caller with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i += 1) {
      const res = await server.call('/v1/codes/E11.9');
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(((await res.json()) as { code: string }).code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Health endpoints are never rate-limited.
    expect((await server.call('/healthz')).status).toBe(200);
  });
});
