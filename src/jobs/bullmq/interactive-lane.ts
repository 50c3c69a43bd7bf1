import type { JobsOptions, QueueEvents } from 'bullmq';
import type { JobNote, JobOptions } from '../job-types.js';

/** Data of an interactive (`/v1/detect`) job. */
export interface InteractiveJobData {
  readonly note: JobNote;
  readonly options: JobOptions;
  /** The caller's time budget: the worker abandons the note past it (see DetectChunk.budgetMs). */
  readonly budgetMs?: number;
}

/**
 * Interactive jobs leave Redis as soon as they end: their data holds the note (encrypted when a key
 * is set) and their outcome is handed over under {@link interactiveResultKey}, never as a return
 * value (which BullMQ also copies into its event stream).
 */
export const INTERACTIVE_JOB_OPTIONS: JobsOptions = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 100 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** Where a worker leaves an interactive job's outcome (encrypted when a key is set) for the API. */
export const interactiveResultKey = (prefix: string, jobId: string): string =>
  `${prefix}:detect:${jobId}`;

/** How long an unread interactive outcome is kept (the API reads and deletes it at once). */
export const INTERACTIVE_RESULT_TTL_MS = 120_000;

/** Resolves when the interactive job ends (or after `timeoutMs`); `cancel` stops listening. */
export function finishedEvent(
  events: QueueEvents,
  jobId: string,
  timeoutMs: number,
): { promise: Promise<'completed' | 'failed' | 'timeout'>; cancel: () => void } {
  let cancel = (): void => undefined;
  const promise = new Promise<'completed' | 'failed' | 'timeout'>((resolve) => {
    const end = (how: 'completed' | 'failed' | 'timeout'): void => {
      cancel();
      resolve(how);
    };
    const onCompleted = (): void => {
      end('completed');
    };
    const onFailed = (): void => {
      end('failed');
    };
    const timer = setTimeout(() => {
      end('timeout');
    }, timeoutMs);
    events.on(`completed:${jobId}` as 'completed', onCompleted);
    events.on(`failed:${jobId}` as 'failed', onFailed);
    cancel = () => {
      clearTimeout(timer);
      events.off(`completed:${jobId}` as 'completed', onCompleted);
      events.off(`failed:${jobId}` as 'failed', onFailed);
    };
  });
  return { promise, cancel };
}
