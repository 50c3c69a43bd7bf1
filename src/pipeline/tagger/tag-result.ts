import type { Assertion } from '../../core/types.js';

/** Mention classes of the tagger's BIO head. */
export type TaggedType = 'PROBLEM' | 'SYMPTOM' | 'PROCEDURE';

/** Assertions in the order of the tagger's assertion head. */
export const TAGGER_ASSERTIONS: readonly Assertion[] = [
  'present',
  'absent',
  'possible',
  'historical',
  'family',
  'hypothetical',
];

/** A mention the tagger found: a character span with its class and assertion. */
export interface TaggedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: TaggedType;
  /** Mean probability of the span's labels. */
  readonly score: number;
  readonly assertion: Assertion;
}

/** What the tagger read in one note, token by token (WordPiece tokens with character offsets). */
export interface TagResult {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** P(the token is inside a mention a coder would code) = 1 − P(O). */
  readonly mention: Float32Array;
  /** Per token, the probabilities of {@link TAGGER_ASSERTIONS} (row-major, tokens × 6). */
  readonly assertion: Float32Array;
  readonly spans: readonly TaggedSpan[];
}

/** The tagger's reading of a character span: mean mention probability and assertion probabilities. */
export interface SpanReading {
  readonly mention: number;
  readonly assertion: readonly number[];
}

/**
 * Averages the token probabilities over the tokens that overlap `[start, end)`; undefined when no
 * token does (a span made only of characters the tokenizer drops).
 */
export function readSpan(tags: TagResult, start: number, end: number): SpanReading | undefined {
  const { starts, ends } = tags;
  // First token ending after `start` (tokens are in text order).
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] ?? 0) <= start) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  let n = 0;
  let mention = 0;
  const k = TAGGER_ASSERTIONS.length;
  const assertion = new Array<number>(k).fill(0);
  for (let t = lo; t < starts.length && (starts[t] ?? 0) < end; t++) {
    if ((ends[t] ?? 0) <= (starts[t] ?? 0)) {
      continue;
    }
    n++;
    mention += tags.mention[t] ?? 0;
    for (let a = 0; a < k; a++) {
      assertion[a] = (assertion[a] ?? 0) + (tags.assertion[t * k + a] ?? 0);
    }
  }
  if (n === 0) {
    return undefined;
  }
  return { mention: mention / n, assertion: assertion.map((v) => v / n) };
}
