import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../../core/errors.js';
import { openOnnxSession, type OnnxSession } from './onnx-session.js';
import {
  TAGGER_ASSERTIONS,
  type TagResult,
  type TaggedSpan,
  type TaggedType,
} from './tag-result.js';
import { loadTaggerTokenizer, type TaggerTokenizer } from './tagger-tokenizer.js';

/** The files of a tagger model folder. */
export const TAGGER_FILES = [
  'model.onnx',
  'tokenizer.json',
  'tokenizer_config.json',
  'config.json',
  'labels.json',
] as const;

const MENTION_LABELS = [
  'O',
  'B-PROBLEM',
  'I-PROBLEM',
  'B-SYMPTOM',
  'I-SYMPTOM',
  'B-PROCEDURE',
  'I-PROCEDURE',
] as const;

/** Windows run in one ONNX call at most (long notes are split into several calls). */
const MAX_BATCH = 16;

/** The transformer tagger: reads a note, returns per-token probabilities and decoded mentions. */
export interface Tagger {
  /** `tagger-<first 12 hex of the model's sha256>`. */
  readonly version: string;
  /**
   * @param deadline - `performance.now()` after which no further batch of windows starts
   * @throws NotecoderError DETECT_TIMEOUT past the deadline
   */
  tag(text: string, deadline?: number): Promise<TagResult>;
  release(): Promise<void>;
}

export interface TaggerConfig {
  readonly window: number;
  readonly stride: number;
  readonly sha256: string;
}

function readJson(dir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (err) {
    throw createError(
      'TAGGER_MODEL_INVALID',
      `${name} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
      { file: join(dir, name) },
    );
  }
}

/** Reads and checks `config.json` and `labels.json` of a tagger folder. */
export function readTaggerConfig(dir: string): TaggerConfig {
  const config = readJson(dir, 'config.json') as Partial<TaggerConfig>;
  const labels = readJson(dir, 'labels.json') as { mention?: unknown; assertion?: unknown };
  if (
    typeof config.window !== 'number' ||
    typeof config.stride !== 'number' ||
    config.stride < 1 ||
    config.stride > config.window ||
    typeof config.sha256 !== 'string'
  ) {
    throw createError('TAGGER_MODEL_INVALID', 'config.json needs window, stride and sha256', {
      file: join(dir, 'config.json'),
    });
  }
  if (
    JSON.stringify(labels.mention) !== JSON.stringify(MENTION_LABELS) ||
    JSON.stringify(labels.assertion) !== JSON.stringify(TAGGER_ASSERTIONS)
  ) {
    throw createError(
      'TAGGER_MODEL_INVALID',
      `labels.json must list the mention labels ${MENTION_LABELS.join(', ')} and the assertions ${TAGGER_ASSERTIONS.join(', ')}`,
      { file: join(dir, 'labels.json') },
    );
  }
  return { window: config.window, stride: config.stride, sha256: config.sha256 };
}

/** Token windows `[start, end)` covering `n` tokens with overlap (the same cut as in training). */
export function tokenWindows(n: number, window: number, stride: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; ; s += stride) {
    const e = Math.min(n, s + window);
    out.push([s, e]);
    if (e >= n) {
      return out;
    }
  }
}

function softmaxInto(logits: Float32Array, from: number, k: number, out: Float32Array, at: number) {
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    max = Math.max(max, logits[from + j] ?? 0);
  }
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp((logits[from + j] ?? 0) - max);
    out[at + j] = e;
    sum += e;
  }
  for (let j = 0; j < k; j++) {
    out[at + j] = (out[at + j] ?? 0) / sum;
  }
}

/** BIO decoding of per-token label probabilities into character spans. */
function decodeSpans(
  labels: Float32Array,
  assertion: Float32Array,
  starts: Int32Array,
  ends: Int32Array,
): TaggedSpan[] {
  const k = MENTION_LABELS.length;
  const a = TAGGER_ASSERTIONS.length;
  const spans: TaggedSpan[] = [];
  let open: { first: number; type: TaggedType; sum: number; n: number } | undefined;
  const close = (last: number): void => {
    if (open === undefined) {
      return;
    }
    const votes = new Array<number>(a).fill(0);
    for (let t = open.first; t <= last; t++) {
      for (let j = 0; j < a; j++) {
        votes[j] = (votes[j] ?? 0) + (assertion[t * a + j] ?? 0);
      }
    }
    const best = votes.indexOf(Math.max(...votes));
    const start = starts[open.first] ?? 0;
    const end = ends[last] ?? start;
    if (end > start) {
      spans.push({
        start,
        end,
        type: open.type,
        score: open.sum / open.n,
        assertion: TAGGER_ASSERTIONS[best] ?? 'present',
      });
    }
    open = undefined;
  };
  const n = starts.length;
  for (let t = 0; t < n; t++) {
    let best = 0;
    for (let j = 1; j < k; j++) {
      if ((labels[t * k + j] ?? 0) > (labels[t * k + best] ?? 0)) {
        best = j;
      }
    }
    const label = MENTION_LABELS[best] ?? 'O';
    const p = labels[t * k + best] ?? 0;
    const type = label.slice(2) as TaggedType;
    if (label === 'O') {
      close(t - 1);
    } else if (label.startsWith('I-') && open !== undefined && open.type === type) {
      open.sum += p;
      open.n++;
    } else {
      close(t - 1);
      open = { first: t, type, sum: p, n: 1 };
    }
  }
  close(n - 1);
  return spans;
}

/**
 * Loads the tagger from its folder: checks every file, the labels and the model's sha256 against
 * `config.json` (a truncated or swapped model is refused), then opens one ONNX session.
 * @param dir - e.g. `models/tagger`
 */
export async function loadTagger(dir: string): Promise<Tagger> {
  const missing = TAGGER_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw createError(
      'TAGGER_MODEL_MISSING',
      `the tagger folder ${dir} lacks ${missing.join(', ')}; restore models/tagger or run with --no-tagger`,
      { file: dir },
    );
  }
  const config = readTaggerConfig(dir);
  const modelPath = join(dir, 'model.onnx');
  const sha = createHash('sha256').update(readFileSync(modelPath)).digest('hex');
  if (sha !== config.sha256) {
    throw createError(
      'TAGGER_MODEL_INVALID',
      `model.onnx has sha256 ${sha.slice(0, 12)}…, config.json expects ${config.sha256.slice(0, 12)}…: the file is corrupt or from another training run`,
      { file: modelPath },
    );
  }
  const tokenizer = await loadTaggerTokenizer(dir);
  const session = await openOnnxSession(modelPath);
  return createTagger(session, tokenizer, config, `tagger-${sha.slice(0, 12)}`);
}

/**
 * A tagger over an open session (used by {@link loadTagger}; also lets `notecoder train` run the
 * out-of-fold models). Notes longer than one window are cut into overlapping windows; each token
 * takes the window where it sits most centrally.
 */
export function createTagger(
  session: OnnxSession,
  tokenizer: TaggerTokenizer,
  config: Pick<TaggerConfig, 'window' | 'stride'>,
  version: string,
): Tagger {
  const k = MENTION_LABELS.length;
  const a = TAGGER_ASSERTIONS.length;
  return {
    version,
    async tag(text, deadline = Number.POSITIVE_INFINITY) {
      const { ids, starts, ends } = tokenizer.encode(text);
      const n = ids.length;
      const labels = new Float32Array(n * k);
      const assertion = new Float32Array(n * a);
      const centrality = new Int32Array(n).fill(-1);
      const windows = tokenWindows(n, config.window, config.stride);
      for (let b = 0; b < windows.length && n > 0; b += MAX_BATCH) {
        if (performance.now() > deadline) {
          throw createError('DETECT_TIMEOUT', 'the note was abandoned while being tagged');
        }
        const batch = windows.slice(b, b + MAX_BATCH);
        const sequence = Math.max(...batch.map(([s, e]) => e - s)) + 2;
        const input = new BigInt64Array(batch.length * sequence).fill(BigInt(tokenizer.pad));
        const mask = new BigInt64Array(batch.length * sequence);
        batch.forEach(([s, e], row) => {
          const base = row * sequence;
          input[base] = BigInt(tokenizer.cls);
          mask[base] = 1n;
          for (let t = s; t < e; t++) {
            input[base + 1 + t - s] = BigInt(ids[t] ?? tokenizer.pad);
            mask[base + 1 + t - s] = 1n;
          }
          input[base + 1 + e - s] = BigInt(tokenizer.sep);
          mask[base + 1 + e - s] = 1n;
        });
        const out = await session.run(input, mask, batch.length, sequence);
        if (out.mentionLabels !== k || out.assertionLabels !== a) {
          throw createError(
            'TAGGER_MODEL_INVALID',
            'the tagger model has other heads than labels.json',
          );
        }
        batch.forEach(([s, e], row) => {
          for (let t = s; t < e; t++) {
            const c = Math.min(t - s, e - 1 - t);
            if (c > (centrality[t] ?? -1)) {
              centrality[t] = c;
              const at = row * sequence + 1 + t - s;
              softmaxInto(out.mention, at * k, k, labels, t * k);
              softmaxInto(out.assertion, at * a, a, assertion, t * a);
            }
          }
        });
      }
      const mention = new Float32Array(n);
      for (let t = 0; t < n; t++) {
        mention[t] = 1 - (labels[t * k] ?? 0);
      }
      return {
        starts,
        ends,
        mention,
        assertion,
        spans: decodeSpans(labels, assertion, starts, ends),
      };
    },
    release: () => session.release(),
  };
}
