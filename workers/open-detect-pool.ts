import type { CodeSet } from '../src/codes/code-set.js';
import type { Config } from '../src/core/config.js';
import type { Logger } from '../src/core/logger.js';
import { probeTagger } from '../src/pipeline/tagged-detector.js';
import { createDetectPool, type DetectPool } from './detect-pool.js';

/**
 * The worker-thread pool as `serve` (embedded) and `worker` (BullMQ) run it: the tagger probed once in
 * this thread (a fallback warning goes to the log), then the threads started and warmed.
 * @param threads - pool size
 */
export async function openDetectPool(
  config: Config,
  codeSet: CodeSet,
  log: Logger,
  threads: number,
): Promise<{ pool: DetectPool; taggerState: 'on' | 'off' | 'unavailable' }> {
  const taggerState = await probeTagger(
    {
      dir: config.taggerDir,
      enabled: config.tagger,
      allowFallback: config.allowTaggerFallback,
      onWarning: (message) => {
        log.warn(message, { component: 'tagger' });
      },
    },
    config.modelPath,
  );
  const pool = createDetectPool(
    {
      codeSetPath: codeSet.file ?? config.codeSetPath,
      lexiconDir: config.lexiconDir,
      modelPath: config.modelPath,
      maxNoteChars: config.maxNoteChars,
      tagger: { dir: config.taggerDir, state: taggerState },
      eager: true,
    },
    threads,
  );
  // Ready means the threads have built the pipeline, not only that they exist.
  await pool.warm();
  return { pool, taggerState };
}
