import type { CodeSet } from '../src/codes/code-set.js';
import type { DetectResult, Note, Setting, Suggestion } from '../src/core/types.js';
import { isNotecoderError } from '../src/core/errors.js';
import type { Dataset, LabeledNote } from './datasets/dataset-types.js';
import { evaluate, type EvalSummary } from './metrics/evaluate.js';

/**
 * Whatever turns labeled notes into suggestions: the detector in this process, or (with `--api`) a
 * running notecoder server. The harness only sees this, so the API mode is a thin adapter.
 */
export interface NoteCoder {
  readonly name: string;
  /** The detector's operating threshold, when it has one. */
  readonly threshold?: number;
  code(
    notes: readonly LabeledNote[],
    onProgress: (done: number, total: number) => void,
  ): Promise<Map<string, readonly Suggestion[]>>;
}

/** A detector run in this process: the baseline, the pipeline, or the pipeline with its tagger. */
export interface EvalDetector {
  readonly name: string;
  readonly threshold?: number;
  detect(note: Note): DetectResult | Promise<DetectResult>;
}

/**
 * Runs a detector in this process.
 * @param detector - the detector (baseline, pipeline, or pipeline with tagger)
 * @param setting - overrides each note's own setting
 */
export function inProcessCoder(detector: EvalDetector, setting?: Setting): NoteCoder {
  return {
    name: detector.name,
    ...(detector.threshold === undefined ? {} : { threshold: detector.threshold }),
    async code(notes, onProgress) {
      const results = new Map<string, readonly Suggestion[]>();
      for (const [i, note] of notes.entries()) {
        const noteSetting = setting ?? note.setting;
        try {
          const result = await detector.detect({
            id: note.id,
            text: note.text,
            ...(noteSetting === undefined ? {} : { setting: noteSetting }),
          });
          results.set(note.id, result.suggestions);
        } catch (err) {
          // A note the detector refuses (empty, too long) predicts nothing; the rest still count.
          if (!isNotecoderError(err)) {
            throw err;
          }
          results.set(note.id, []);
        }
        onProgress(i + 1, notes.length);
      }
      return results;
    },
  };
}

/** Options of {@link runEval}. */
export interface RunEvalOptions {
  readonly dataset: Dataset;
  readonly coder: NoteCoder;
  readonly codeSet: CodeSet;
  readonly scoreOnly?: ReadonlySet<string>;
  readonly onProgress?: (done: number, total: number) => void;
  /** Operating threshold (default: the coder's own, else 0). */
  readonly threshold?: number;
  /** See `EvaluateOptions.matchDescendants`. */
  readonly matchDescendants?: boolean;
  /** Receives every note's suggestions (for `--predictions`). */
  readonly onPredictions?: (predictions: ReadonlyMap<string, readonly Suggestion[]>) => void;
}

/** Codes every note of a dataset with `coder` and scores the result. */
export async function runEval(options: RunEvalOptions): Promise<EvalSummary> {
  const started = performance.now();
  const predictions = await options.coder.code(
    options.dataset.notes,
    options.onProgress ?? ((): void => undefined),
  );
  options.onPredictions?.(predictions);
  return evaluate(options.dataset, predictions, options.codeSet, {
    detector: options.coder.name,
    ...(options.scoreOnly ? { scoreOnly: options.scoreOnly } : {}),
    seconds: Math.round((performance.now() - started) / 10) / 100,
    threshold: options.threshold ?? options.coder.threshold ?? 0,
    matchDescendants: options.matchDescendants ?? false,
  });
}
