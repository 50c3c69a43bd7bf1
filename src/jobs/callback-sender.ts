import { createHmac } from 'node:crypto';
import type { Logger } from '../core/logger.js';
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
 * Sends a notification in the background with exponential backoff (embedded mode; the BullMQ backend
 * uses a callbacks queue with the same policy instead). Returns a promise that settles when it was
 * delivered or given up; it never rejects.
 */
export async function deliverCallback(
  event: JobFinishedEvent,
  secret: string | undefined,
  log: Logger,
  policy: RetryPolicy = CALLBACK_RETRY,
  isClosing: () => boolean = () => false,
): Promise<boolean> {
  const url = event.callbackUrl;
  if (url === undefined) {
    return true;
  }
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    try {
      await postCallback(url, event, secret);
      return true;
    } catch (err) {
      log.warn('callback failed', {
        jobId: event.jobId,
        attempt,
        error: err instanceof Error ? err.message : String(err),
      });
      if (attempt === policy.attempts || isClosing()) {
        break;
      }
      await new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
  log.error('callback given up', { jobId: event.jobId });
  return false;
}
