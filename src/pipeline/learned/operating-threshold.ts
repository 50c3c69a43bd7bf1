import { existsSync, readFileSync } from 'node:fs';
import { createError } from '../../core/errors.js';
import type { LearnedModel } from './learned-model.js';

/** The pipeline's threshold without a learned model (see createPipeline). */
export const DEFAULT_OPERATING_THRESHOLD = 0.5;

/**
 * The operating threshold the pipeline uses by default, read from the learned model file without
 * building a pipeline (the API process reports it; its workers load the same file). With the tagger
 * on, the threshold of the scorer fitted with the tagger's features (when the model has one).
 * @throws NotecoderError MODEL_INVALID when the file is not a learned model
 */
export function operatingThreshold(modelPath: string, withTagger = false): number {
  if (!existsSync(modelPath)) {
    return DEFAULT_OPERATING_THRESHOLD;
  }
  let threshold: unknown;
  try {
    const model = JSON.parse(readFileSync(modelPath, 'utf8')) as Partial<LearnedModel>;
    threshold = withTagger && model.tagged !== undefined ? model.tagged.threshold : model.threshold;
  } catch (err) {
    throw createError(
      'MODEL_INVALID',
      'the learned model is not valid JSON',
      { file: modelPath },
      err,
    );
  }
  if (typeof threshold !== 'number' || threshold < 0 || threshold > 1) {
    throw createError('MODEL_INVALID', 'the learned model has no operating threshold', {
      file: modelPath,
    });
  }
  return threshold;
}
