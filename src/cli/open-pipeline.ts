import type { Config } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { loadCodeSet } from '../codes/code-set.js';
import { loadKnowledge } from '../pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';

/** Loads the code set (or the given artifact), the lexicons and the learned model, and builds the pipeline. */
export async function openPipeline(config: Config, codeset?: string): Promise<Pipeline> {
  const codeSet =
    codeset === undefined
      ? await ensureCodeSet(config, createLogger('warn'), createProgressBar())
      : loadCodeSet(codeset);
  return createPipeline(loadKnowledge(codeSet, config.lexiconDir, config.modelPath), {
    maxChars: config.maxNoteChars,
  });
}
