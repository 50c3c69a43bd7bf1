import { stemIdOf } from '../../core/stem-ids.js';
import type { Token } from '../../text/tokenize.js';
import type { CompiledTerms } from './compile-terms.js';

/**
 * One note being matched. Per-note scratch lives in arrays indexed by stem number, reused from note to
 * note: present[id] === 1 marks a stem present in the current note; its token positions, in order, are
 * `at.data[at.start[id] .. at.start[id] + at.count[id])` (valid only while marked). The marks are one
 * byte a stem (the presence checks are the matcher's most frequent reads, scattered over every stem the
 * dictionary knows: the smaller the array, the more of it stays in the caches) and are cleared after
 * each note; the positions of all stems share one array instead of a new list per stem and note.
 */
export interface NoteScan {
  readonly terms: CompiledTerms;
  readonly present: Uint8Array;
  readonly at: Positions;
  readonly tokens: readonly Token[];
  readonly aliases: ReadonlyMap<number, readonly string[]> | undefined;
}

/** Scratch of the token positions of a note's stems (see {@link NoteScan}); `data` and `pairs` grow. */
export interface Positions {
  readonly start: Int32Array;
  readonly count: Int32Array;
  data: Int32Array;
  /** (stem, token) pairs in token order, as the first pass finds them. */
  pairs: Int32Array;
}

function ensure(array: Int32Array, size: number): Int32Array {
  if (size <= array.length) {
    return array;
  }
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Marks every known stem of the note (aliases included) present and lists its token
 * positions, in token order (a stem read twice at one token, as itself and as an alias, once).
 * @returns the marked stem ids in first-seen order
 */
export function indexNote(scan: NoteScan): number[] {
  const { present, at, tokens, aliases } = scan;
  const { known, size } = scan.terms;
  const { start, count } = at;
  const seen: number[] = [];
  let pairs = 0;
  const note = (id: number, i: number): void => {
    at.pairs = ensure(at.pairs, pairs + 2);
    at.pairs[pairs++] = id;
    at.pairs[pairs++] = i;
    if (present[id] !== 1) {
      present[id] = 1;
      count[id] = 0;
      seen.push(id);
    }
    count[id] = (count[id] ?? 0) + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const own = tokens[i]?.stemId ?? -1;
    if (own >= 0 && own < size && known[own] === 1) {
      note(own, i);
    }
    const extra = aliases?.get(i);
    if (extra !== undefined) {
      for (const alias of extra) {
        const id = stemIdOf(alias);
        if (id >= 0 && id < size && known[id] === 1) {
          note(id, i);
        }
      }
    }
  }
  // Each stem's room (at most its count), then its positions in token order.
  let total = 0;
  for (const id of seen) {
    start[id] = total;
    total += count[id] ?? 0;
    count[id] = 0;
  }
  at.data = ensure(at.data, total);
  const { data } = at;
  for (let k = 0; k < pairs; k += 2) {
    const id = at.pairs[k] ?? 0;
    const i = at.pairs[k + 1] ?? 0;
    const from = start[id] ?? 0;
    const n = count[id] ?? 0;
    if (n === 0 || data[from + n - 1] !== i) {
      data[from + n] = i;
      count[id] = n + 1;
    }
  }
  return seen;
}

/** The position of stem `id` in tokens lo…hi nearest to `at`; −1 when it has none there. */
export function nearest(scan: NoteScan, id: number, at: number, lo: number, hi: number): number {
  if (scan.present[id] !== 1) {
    return -1;
  }
  const { data } = scan.at;
  const from = scan.at.start[id] ?? 0;
  const end = from + (scan.at.count[id] ?? 0);
  // Binary search to the window: a stem repeated thousands of times costs log n, not n.
  let a = from;
  let b = end;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((data[mid] ?? 0) < lo) {
      a = mid + 1;
    } else {
      b = mid;
    }
  }
  let best = -1;
  for (let k = a; k < end; k++) {
    const p = data[k] ?? 0;
    if (p > hi) {
      break;
    }
    if (best < 0 || Math.abs(p - at) < Math.abs(best - at)) {
      best = p;
    }
  }
  return best;
}

/** Empty position scratch for a matcher whose stem numbers are below `size`. */
export function notePositions(size: number): Positions {
  return {
    start: new Int32Array(size),
    count: new Int32Array(size),
    data: new Int32Array(1024),
    pairs: new Int32Array(2048),
  };
}
