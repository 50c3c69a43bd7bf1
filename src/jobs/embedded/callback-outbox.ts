import type { Logger } from '../../core/logger.js';
import { nextCallbackAttempt, postCallback, type RetryPolicy } from '../callback-sender.js';
import type { SqliteJobStore } from './sqlite-job-store.js';

/** Options of {@link createCallbackOutbox}. */
export interface CallbackOutboxOptions {
  readonly store: SqliteJobStore;
  readonly log: Logger;
  readonly secret?: string | undefined;
  /** Retry schedule (default 6 attempts from 1 s, doubling). */
  readonly retry?: RetryPolicy | undefined;
  /** How often due notifications are looked for. */
  readonly pollMs?: number | undefined;
}

/** Sends the job-finished notifications waiting in the store. */
export interface CallbackOutbox {
  /** Looks for due notifications now (a job just finished). */
  kick(): void;
  /** Stops polling and waits for the deliveries in flight. */
  close(): Promise<void>;
}

/**
 * The embedded backend's outbox: notifications are rows in SQLite written with the job's final status,
 * so a crash or restart never loses one; this loop posts the due ones and reschedules failures with
 * exponential backoff until delivered or given up.
 */
export function createCallbackOutbox(options: CallbackOutboxOptions): CallbackOutbox {
  const { store, log } = options;
  let delivering: Promise<void> | undefined;
  let closed = false;
  const kick = (): void => {
    if (delivering !== undefined || closed) {
      return;
    }
    const due = store.dueCallbacks(Date.now(), 16);
    if (due.length === 0) {
      return;
    }
    delivering = (async () => {
      await Promise.all(
        due.map(async ({ event, attempts }) => {
          try {
            await postCallback(event.callbackUrl ?? '', event, options.secret);
            store.callbackDone(event.jobId);
          } catch (err) {
            const next = nextCallbackAttempt(attempts + 1, Date.now(), options.retry);
            log[next === undefined ? 'error' : 'warn'](
              next === undefined ? 'callback given up' : 'callback failed',
              {
                jobId: event.jobId,
                attempt: attempts + 1,
                error: err instanceof Error ? err.message : String(err),
              },
            );
            store.callbackFailed(event.jobId, next);
          }
        }),
      );
    })().finally(() => {
      delivering = undefined;
    });
  };
  const timer = setInterval(kick, options.pollMs ?? 250);
  timer.unref();
  return {
    kick,
    async close() {
      closed = true;
      clearInterval(timer);
      await delivering;
    },
  };
}
