import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Piscina } from 'piscina';
import { createError } from '../src/core/errors.js';
import type { ChunkProcessor } from '../src/jobs/job-types.js';

/** What each worker thread needs to load the pipeline (plain values: threads do not read env). */
export interface DetectThreadData {
  readonly codeSetPath: string;
  readonly lexiconDir: string;
  readonly modelPath: string;
  readonly maxNoteChars: number;
  /** The tagger's folder and whether threads run it (`probeTagger` decided, in the main thread). */
  readonly tagger: { readonly dir: string; readonly state: 'on' | 'off' | 'unavailable' };
  /** Load the pipeline when the thread starts, not at its first task. */
  readonly eager: boolean;
}

/** A pool of worker threads running the pipeline: CPU work never runs on the event loop. */
export interface DetectPool {
  readonly threads: number;
  readonly process: ChunkProcessor;
  /** Waits for every thread to have loaded the pipeline. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** The compiled thread entry (tests run the TypeScript sources, so resolve against dist). */
function threadFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist/')
    ? join(here, 'detect-thread.js')
    : join(here, '..', 'dist', 'workers', 'detect-thread.js');
}

/**
 * Creates the pool: `threads` long-lived threads, each loading the code set once.
 * @param data - what the threads load
 * @param threads - pool size (default: the CPU count)
 */
export function createDetectPool(data: DetectThreadData, threads: number): DetectPool {
  if (!Number.isInteger(threads) || threads < 1) {
    throw createError('INVALID_OPTIONS', 'the worker pool needs at least one thread');
  }
  const pool = new Piscina({
    filename: threadFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: data,
  });
  return {
    threads,
    process: (chunk) => pool.run(chunk) as ReturnType<ChunkProcessor>,
    async warm() {
      await Promise.all(
        Array.from({ length: threads }, () => pool.run({ notes: [], options: {} })),
      );
    },
    async close() {
      await pool.close();
    },
  };
}
