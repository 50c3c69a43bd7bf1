import { createHmac } from 'node:crypto';
import type { JobFinishedEvent } from './job-types.js';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'notecoder-signature';

/**
 * Signs a callback body: HMAC-SHA256 over `${timestamp}.${body}` (the timestamp lets receivers reject
 * replays), in the style of Stripe's webhook signatures.
 * @param secret - the shared secret
 * @param timestamp - unix seconds
 * @param body - the exact JSON body sent
 */
export function signCallback(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret)
    .update(`${String(timestamp)}.${body}`)
    .digest('hex');
  return `t=${String(timestamp)},v1=${mac}`;
}

/** The JSON body of a job-finished notification. */
export function callbackBody(event: JobFinishedEvent): string {
  return JSON.stringify({
    type: 'job.finished',
    jobId: event.jobId,
    status: event.status,
    progress: event.progress,
    finishedAt: event.finishedAt,
  });
}

/**
 * POSTs one notification, once. Resolves on a 2xx answer, throws otherwise (the caller retries).
 * @param url - the job's callbackUrl
 * @param event - the finished job
 * @param secret - signing secret; unsigned without it
 * @param timeoutMs - per attempt
 */
export async function postCallback(
  url: string,
  event: JobFinishedEvent,
  secret: string | undefined,
  timeoutMs = 10_000,
): Promise<void> {
  const body = callbackBody(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) {
    headers[SIGNATURE_HEADER] = signCallback(secret, Math.floor(Date.now() / 1000), body);
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(`callback answered ${String(response.status)}`);
  }
}

/** Retry schedule for callbacks: attempts and the first delay (doubled each time). */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
}

/** Default: 6 attempts, 1 s, 2 s, 4 s, 8 s, 16 s apart. */
export const CALLBACK_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1000 };

/**
 * When to try again after `attempts` failed deliveries (1 s, 2 s, 4 s, ...), or undefined to give up.
 * @param attempts - failed deliveries so far, at least 1
 */
export function nextCallbackAttempt(
  attempts: number,
  now: number,
  policy: RetryPolicy = CALLBACK_RETRY,
): number | undefined {
  return attempts >= policy.attempts ? undefined : now + policy.baseDelayMs * 2 ** (attempts - 1);
}
