import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADER,
  callbackBody,
  nextCallbackAttempt,
  postCallback,
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

  it('posts the signed body once, and throws on a non-2xx answer', async () => {
    const seen: { signature: string; body: string }[] = [];
    let status = 503;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ signature: String(req.headers[SIGNATURE_HEADER]), body });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
    await expect(postCallback(url, event, 'k')).rejects.toThrow(/503/);
    status = 204;
    await postCallback(url, event, 'k');
    expect(seen).toHaveLength(2);
    const [, ts = '', mac = ''] =
      /^t=(\d+),v1=([0-9a-f]{64})$/.exec(seen[1]?.signature ?? '') ?? [];
    expect(
      createHmac('sha256', 'k')
        .update(`${ts}.${seen[1]?.body ?? ''}`)
        .digest('hex'),
    ).toBe(mac);
    await new Promise((r) => server.close(r));
  });

  it('backs off exponentially and gives up after the last attempt', () => {
    const policy = { attempts: 4, baseDelayMs: 1000 };
    expect([1, 2, 3].map((a) => nextCallbackAttempt(a, 0, policy))).toEqual([1000, 2000, 4000]);
    expect(nextCallbackAttempt(4, 0, policy)).toBeUndefined();
  });
});
