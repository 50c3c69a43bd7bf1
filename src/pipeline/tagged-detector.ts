import { existsSync, readFileSync } from 'node:fs';
import { createError, isNotecoderError } from '../core/errors.js';
import { resultWarning } from '../core/result-warnings.js';
import type { DetectResult, Note } from '../core/types.js';
import type { LearnedModel } from './learned/learned-model.js';
import type { DetectOptions, Pipeline } from './pipeline.js';
import { loadTagger, type Tagger } from './tagger/tagger.js';

/** Per-call options of a {@link NoteDetector}. */
export interface NoteDetectOptions extends Omit<DetectOptions, 'tags'> {
  /** false → this note is coded without the tagger (the API's `tagger: false`). */
  readonly tagger?: boolean;
}

/** The pipeline with the ONNX tagger in front of it: what workers, the CLI and eval run. */
export interface NoteDetector {
  readonly name: string;
  /** `tagger-<sha prefix>`, `off` or `unavailable` (fallback after a load failure). */
  readonly tagger: string;
  /** Operating threshold for notes coded with (`true`) or without the tagger. */
  threshold(withTagger?: boolean): number;
  detect(note: Note, options?: NoteDetectOptions): Promise<DetectResult>;
  release(): Promise<void>;
}

/** How to open the tagger; plain values (the pipeline never reads the environment). */
export interface TaggerSetup {
  /** The model folder. */
  readonly dir: string;
  /** false → dictionary-only (`--no-tagger`). */
  readonly enabled: boolean;
  /** A missing or corrupt model warns through `onWarning` and runs dictionary-only instead of failing. */
  readonly allowFallback?: boolean;
  readonly onWarning?: (message: string) => void;
}

/**
 * Puts the tagger in front of the pipeline: a note is tagged (async: ONNX Runtime), then the pure,
 * synchronous pipeline runs with the tags. Without a tagger the pipeline runs alone.
 * @param tagger - an open tagger, or undefined with the reason (`off`, `unavailable`)
 */
export function createTaggedDetector(
  pipeline: Pipeline,
  tagger: Tagger | undefined,
  state: 'off' | 'unavailable' = 'off',
): NoteDetector {
  const version = tagger?.version ?? state;
  return {
    name: pipeline.name,
    tagger: version,
    threshold(withTagger = true) {
      return withTagger && tagger !== undefined && pipeline.tagged !== undefined
        ? pipeline.tagged.threshold
        : pipeline.threshold;
    },
    async detect(note, options = {}) {
      const { tagger: wanted, ...rest } = options;
      if (tagger === undefined || wanted === false) {
        const result = pipeline.detect(note, rest);
        // Only a note that asked for the tagger and did not get it is degraded.
        const missed = tagger === undefined && state === 'unavailable' && wanted !== false;
        const warnings = [
          ...(result.warnings ?? []),
          ...(missed ? [resultWarning('TAGGER_UNAVAILABLE')] : []),
        ];
        return {
          ...result,
          versions: { ...result.versions, tagger: tagger === undefined ? state : 'off' },
          ...(warnings.length > 0 ? { warnings } : {}),
        };
      }
      pipeline.validate(note);
      const tags = await tagger.tag(note.text, rest.deadline);
      const result = pipeline.detect(note, { ...rest, tags });
      return { ...result, versions: { ...result.versions, tagger: version } };
    },
    release: async () => {
      await tagger?.release();
    },
  };
}

/**
 * Opens the tagger per {@link TaggerSetup} and checks that the learned model's tagged scorer was
 * fitted on this tagger's output (else its confidences would be miscalibrated).
 * @throws TAGGER_MODEL_MISSING or TAGGER_MODEL_INVALID, unless `allowFallback`
 */
export async function openTaggedDetector(
  pipeline: Pipeline,
  setup: TaggerSetup,
): Promise<NoteDetector> {
  if (!setup.enabled) {
    return createTaggedDetector(pipeline, undefined, 'off');
  }
  const { tagger, state } = await openTagger(setup, pipeline.tagged?.tagger);
  return createTaggedDetector(pipeline, tagger, state === 'on' ? 'off' : state);
}

/**
 * Loads the tagger and checks it is the one the tagged scorer was fitted for; with `allowFallback`, a
 * failure warns and gives `unavailable`. A learned model without a scorer for the tagger (refitted
 * without `--tagger-folds`, or none at all) cannot weigh its output: the tagger is then `off`, with a
 * warning.
 * @param expected - the learned model's `tagged.tagger`, if it has a tagged scorer
 */
async function openTagger(
  setup: TaggerSetup,
  expected: string | undefined,
): Promise<{ tagger?: Tagger; state: 'on' | 'off' | 'unavailable' }> {
  try {
    const tagger = await loadTagger(setup.dir);
    if (expected === undefined) {
      await tagger.release();
      setup.onWarning?.(
        'the learned model has no scorer fitted for the tagger (refit it with `notecoder train --tagger-folds`): coding without the tagger; results say versions.tagger = "off"',
      );
      return { state: 'off' };
    }
    if (expected !== tagger.version) {
      await tagger.release();
      throw createError(
        'TAGGER_MODEL_INVALID',
        `the learned model's scorer was fitted for ${expected}, but ${setup.dir} holds ${tagger.version}: refit it with \`notecoder train\``,
        { file: setup.dir },
      );
    }
    return { tagger, state: 'on' };
  } catch (err) {
    if (setup.allowFallback === true && isNotecoderError(err)) {
      setup.onWarning?.(
        `TAGGER UNAVAILABLE (${err.code}): ${err.message} — coding with dictionaries only; results say versions.tagger = "unavailable"`,
      );
      return { state: 'unavailable' };
    }
    throw err;
  }
}

/**
 * Decides, once in the main thread, whether worker threads run the tagger: `off` when turned off (or
 * when the learned model has no scorer for it), `on` when it loads and matches the learned model,
 * `unavailable` after a warned fallback.
 * @param learnedFile - `dictionaries/learned/model.json` (for the tagger its scorer was fitted on)
 * @throws TAGGER_MODEL_MISSING or TAGGER_MODEL_INVALID, unless `allowFallback`
 */
export async function probeTagger(
  setup: TaggerSetup,
  learnedFile: string,
): Promise<'on' | 'off' | 'unavailable'> {
  if (!setup.enabled) {
    return 'off';
  }
  let expected: string | undefined;
  if (existsSync(learnedFile)) {
    try {
      expected = (JSON.parse(readFileSync(learnedFile, 'utf8')) as Partial<LearnedModel>).tagged
        ?.tagger;
    } catch {
      expected = undefined; // loadKnowledge reports an unreadable model with its own error
    }
  }
  const { tagger, state } = await openTagger(setup, expected);
  await tagger?.release();
  return state;
}
