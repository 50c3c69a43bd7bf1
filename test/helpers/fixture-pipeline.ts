import { join } from 'node:path';
import { serializeOutcome, type ChunkProcessor } from '../../src/jobs/job-types.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/pipeline.js';
import { createTaggedDetector, type NoteDetector } from '../../src/pipeline/tagged-detector.js';
import { execDetectJob } from '../../workers/detect-processor.js';
import { buildFixtureCodeSet } from './fixture-code-set.js';
import { LEXICON, ROOT } from './fixtures.js';

/** The real pipeline over the hand-made fixture release, and its artifact path for worker threads. */
export interface FixturePipeline {
  readonly pipeline: Pipeline;
  /** The pipeline without the tagger (the tagger has its own tests). */
  readonly detector: NoteDetector;
  readonly codeSetPath: string;
  /** execDetectJob in this thread (conformance tests); the server tests use the real thread pool. */
  readonly process: ChunkProcessor;
  /** Environment for a spawned `notecoder` process using this code set. */
  readonly env: Record<string, string>;
}

/** Builds the fixture code set into `dir` and the pipeline over it. */
export function fixturePipeline(dir: string): FixturePipeline {
  const { codeSet, path } = buildFixtureCodeSet(dir);
  const modelPath = join(ROOT, 'dictionaries', 'learned', 'model.json');
  const pipeline = createPipeline(loadKnowledge(codeSet, LEXICON, modelPath));
  const detector = createTaggedDetector(pipeline, undefined, 'off');
  return {
    pipeline,
    detector,
    codeSetPath: path,
    process: async (chunk) => (await execDetectJob(detector, chunk)).map(serializeOutcome),
    env: { NOTECODER_CODESET: path, NOTECODER_OFFLINE: '1' },
  };
}

/** A processor that waits while `paused` is true (to catch a job mid-flight), then runs `inner`. */
export function gated(inner: ChunkProcessor): {
  process: ChunkProcessor;
  pause: () => void;
  resume: () => void;
  started: () => number;
} {
  let open = true;
  let waiters: (() => void)[] = [];
  let started = 0;
  return {
    async process(chunk) {
      started += 1;
      while (!open) {
        await new Promise<void>((r) => waiters.push(r));
      }
      return inner(chunk);
    },
    pause() {
      open = false;
    },
    resume() {
      open = true;
      const w = waiters;
      waiters = [];
      for (const wake of w) {
        wake();
      }
    },
    started: () => started,
  };
}

/** Polls `check` every 20 ms until it returns a value other than undefined. */
export async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
