import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { createError } from '../../core/errors.js';

/** Logits of one batch: row-major `[batch, sequence, labels]`. */
export interface TaggerLogits {
  readonly mention: Float32Array;
  readonly assertion: Float32Array;
  readonly mentionLabels: number;
  readonly assertionLabels: number;
}

/** An ONNX Runtime session over the tagger model (the only place notecoder touches onnxruntime). */
export interface OnnxSession {
  /** Runs a padded batch: `ids` and `mask` are `batch × sequence`, row-major. */
  run(
    ids: BigInt64Array,
    mask: BigInt64Array,
    batch: number,
    sequence: number,
  ): Promise<TaggerLogits>;
  release(): Promise<void>;
}

/**
 * Opens the model on the CPU with one intra-op thread: notecoder runs one session per worker thread
 * and gets its parallelism from the pool, not from inside a session.
 * @param path - `model.onnx`
 */
export async function openOnnxSession(path: string): Promise<OnnxSession> {
  if (!existsSync(path)) {
    throw createError('TAGGER_MODEL_MISSING', `no tagger model at ${path}`, { file: path });
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Notes vary in length: an arena grown for the longest would be held for the worker's life
      // (measured: median worker RSS 562 MB with the arena, 480 MB without; speed unchanged).
      enableCpuMemArena: false,
      enableMemPattern: false,
    });
  } catch (err) {
    throw createError(
      'TAGGER_MODEL_INVALID',
      `the tagger model cannot be loaded: ${err instanceof Error ? err.message : String(err)}`,
      { file: path },
    );
  }
  const required = ['input_ids', 'attention_mask'];
  if (
    !required.every((name) => session.inputNames.includes(name)) ||
    !session.outputNames.includes('mention_logits') ||
    !session.outputNames.includes('assertion_logits')
  ) {
    await session.release();
    throw createError(
      'TAGGER_MODEL_INVALID',
      'the tagger model has other inputs or outputs than input_ids, attention_mask → mention_logits, assertion_logits',
      { file: path },
    );
  }
  return {
    async run(ids, mask, batch, sequence) {
      const out = await session.run({
        input_ids: new ort.Tensor('int64', ids, [batch, sequence]),
        attention_mask: new ort.Tensor('int64', mask, [batch, sequence]),
      });
      const mention = out.mention_logits;
      const assertion = out.assertion_logits;
      if (mention === undefined || assertion === undefined) {
        throw createError('TAGGER_MODEL_INVALID', 'the tagger model returned no logits');
      }
      return {
        mention: mention.data as Float32Array,
        assertion: assertion.data as Float32Array,
        mentionLabels: mention.dims[2] ?? 0,
        assertionLabels: assertion.dims[2] ?? 0,
      };
    },
    release: () => session.release(),
  };
}
