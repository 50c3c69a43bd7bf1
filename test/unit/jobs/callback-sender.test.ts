import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import {
  SIGNATURE_HEADER,
  callbackBody,
  deliverCallback,
  signCallback,
} from '../../../src/jobs/callback-sender.js';

const event = {
  jobId: 'job_abc',
  status: 'succeeded' as const,
  progress: { done: 2, failed: 0, total: 2 },
  finishedAt: '2026-11-27T00:00:00.000Z',
};

describe('job-finished callbacks', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 (a value computed independently)', () => {
    const body = callbackBody(event);
    const expected = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
    expect(signCallback('s3cret', 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
    expect(JSON.parse(body)).toEqual({ type: 'job.finished', ...event });
  });

  it('retries with backoff until delivered, and gives up after the last attempt', async () => {
    let calls = 0;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      calls += 1;
      seen.push(String(req.headers[SIGNATURE_HEADER]));
      res.statusCode = calls < 3 ? 503 : 200;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
    const log = createLogger('error', () => undefined);
    const ok = await deliverCallback({ ...event, callbackUrl: url }, 'k', log, {
      attempts: 5,
      baseDelayMs: 5,
    });
    expect(ok).toBe(true);
    expect(calls).toBe(3);
    expect(seen.every((s) => /^t=\d+,v1=[0-9a-f]{64}$/.test(s))).toBe(true);
    calls = -100;
    const gaveUp = await deliverCallback({ ...event, callbackUrl: url }, undefined, log, {
      attempts: 2,
      baseDelayMs: 1,
    });
    expect(gaveUp).toBe(false);
    await new Promise((r) => server.close(r));
  });
});
