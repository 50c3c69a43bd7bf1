import { internStem, stemIdCount } from '../../core/stem-ids.js';
import { isNumberStem } from '../../core/term-key.js';
import type { TermEntry } from './term-entry.js';

/** One kind of stem of every term in one flat array: term t's ids are `ids[start[t] .. start[t + 1])`. */
export interface FlatStems {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** The terms compiled for matching: flat stem arrays, each term's anchor, the anchor lists by stem. */
export interface CompiledTerms {
  readonly entries: readonly TermEntry[];
  readonly required: FlatStems;
  readonly optional: FlatStems;
  readonly excluded: FlatStems;
  /** Each term's anchor: its rarest required stem, as an offset into its required ids. */
  readonly anchorOf: Uint8Array;
  /**
   * By anchor stem number: [n, skip, the other required stem ids (rarest first), term number] per term
   * hung on it, packed so the per-note presence check reads memory in order; `skip` is the offset past
   * the run of terms whose first other stem is this term's (see `packAnchors`). Every stem's list sits in
   * one array: stem `id`'s is `packed.data[packed.start[id] .. packed.start[id + 1])`, offsets relative
   * to its start.
   */
  readonly packed: FlatLists;
  /**
   * By anchor stem number, the same way: [first other stem (−1: none), offset into its packed list] per
   * run of its terms, so the per-note presence check reads a few compact words per run instead of
   * striding through the terms (`packRuns`).
   */
  readonly runs: FlatLists;
  /** 1 for the stem numbers this matcher's terms use, and for those that are numbers. */
  readonly known: Uint8Array;
  readonly numeric: Uint8Array;
  /** Stem numbers are below it. */
  readonly size: number;
}

/** Lists by stem number in one array: stem `id`'s is `data[start[id] .. start[id + 1])`. */
export interface FlatLists {
  readonly start: Int32Array;
  readonly data: Int32Array;
}

/** Lists by stem number (undefined: empty) laid end to end in one array. */
function flatLists(lists: readonly (readonly number[] | undefined)[]): FlatLists {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, id) => {
    start[id] = total;
    total += list?.length ?? 0;
  });
  start[lists.length] = total;
  const data = new Int32Array(total);
  lists.forEach((list, id) => {
    if (list !== undefined) {
      data.set(list, start[id] ?? 0);
    }
  });
  return { start, data };
}

const NO_WORDS: readonly string[] = [];

/**
 * One kind of stem of every term in one flat array. Sized before it is filled, so building it leaves no
 * garbage in a worker's heap.
 */
function flatten(
  entries: readonly TermEntry[],
  words: (entry: TermEntry) => readonly string[],
  idOf: (stem: string) => number,
): FlatStems {
  let count = 0;
  for (const entry of entries) {
    count += words(entry).length;
  }
  const start = new Int32Array(entries.length + 1);
  const ids = new Int32Array(count);
  let n = 0;
  entries.forEach((entry, t) => {
    for (const stem of words(entry)) {
      ids[n++] = idOf(stem);
    }
    start[t + 1] = n;
  });
  return { start, ids };
}

/** Each term's rarest required stem (its anchor offset), and the terms hung on each anchor stem. */
function anchors(
  termCount: number,
  required: FlatStems,
  frequency: readonly number[],
): { anchorOf: Uint8Array; byAnchor: Map<number, number[]> } {
  const { start, ids } = required;
  const anchorOf = new Uint8Array(termCount);
  const byAnchor = new Map<number, number[]>();
  for (let t = 0; t < termCount; t++) {
    const from = start[t] ?? 0;
    const to = start[t + 1] ?? 0;
    if (to === from) {
      continue;
    }
    let anchor = 0;
    for (let k = 1; k < to - from; k++) {
      if ((frequency[ids[from + k] ?? 0] ?? 0) < (frequency[ids[from + anchor] ?? 0] ?? 0)) {
        anchor = k;
      }
    }
    anchorOf[t] = anchor;
    const id = ids[from + anchor] ?? 0;
    const list = byAnchor.get(id) ?? [];
    list.push(t);
    byAnchor.set(id, list);
  }
  return { anchorOf, byAnchor };
}

/**
 * The anchor lists packed into one Int32Array each, by stem number — [n, skip, stem ids…, term number]
 * per term, rarest stem first (the anchor, always present, left out): a term whose words are not all in
 * the note is nearly always turned down at its first check. `skip` is where the run of terms whose
 * first stem is this term's ends (about half the terms share it with the term before): when that stem
 * is not in the note, the whole run is passed over at once.
 */
function packAnchors(
  byAnchor: ReadonlyMap<number, readonly number[]>,
  required: FlatStems,
  anchorOf: Uint8Array,
  frequency: readonly number[],
  size: number,
): (number[] | undefined)[] {
  const packed = new Array<number[] | undefined>(size).fill(undefined);
  for (const [id, list] of byAnchor) {
    const terms = list.map((t) => {
      const from = required.start[t] ?? 0;
      const to = required.start[t + 1] ?? 0;
      const own: number[] = [];
      for (let k = from; k < to; k++) {
        if (k - from !== anchorOf[t]) {
          own.push(required.ids[k] ?? 0);
        }
      }
      own.sort((x, y) => (frequency[x] ?? 0) - (frequency[y] ?? 0));
      return { own, t };
    });
    const words: number[] = [];
    // Offsets of each term's entry, and of the end.
    const at: number[] = [0];
    for (const { own } of terms) {
      at.push((at.at(-1) ?? 0) + own.length + 3);
    }
    terms.forEach(({ own, t }, j) => {
      let end = j + 1;
      const first = own[0];
      while (first !== undefined && end < terms.length && terms[end]?.own[0] === first) {
        end++;
      }
      words.push(own.length, at[end] ?? 0, ...own, t);
    });
    packed[id] = words;
  }
  return packed;
}

/**
 * Each anchor's runs (see {@link packAnchors}): the stem all terms of the run have first, −1 for a term
 * with no other stem (a run of its own), and where the run starts in the packed array.
 */
function packRuns(packed: readonly (readonly number[] | undefined)[]): (number[] | undefined)[] {
  return packed.map((anchored) => {
    if (anchored === undefined) {
      return undefined;
    }
    const runs: number[] = [];
    let at = 0;
    while (at < anchored.length) {
      const n = anchored[at] ?? 0;
      runs.push(n > 0 ? (anchored[at + 2] ?? 0) : -1, at);
      at = n > 0 ? (anchored[at + 1] ?? anchored.length) : at + 3;
    }
    return runs;
  });
}

/** Marks the given stem numbers in an array indexed by stem number. */
function marks(ids: ReadonlySet<number>, size: number): Uint8Array {
  const marked = new Uint8Array(size);
  for (const id of ids) {
    marked[id] = 1;
  }
  return marked;
}

/**
 * Compiles terms for matching. Stems are numbered process-wide (`core/stem-ids.ts`): a note's tokens
 * carry their number already, and every per-note table is an array indexed by it. Every term's stem ids
 * sit in flat arrays: a few large typed arrays instead of two small ones per term, which cost a worker
 * about 100 MB for the ~144,000 terms.
 * @param entries - the terms
 */
export function compileTerms(entries: readonly TermEntry[]): CompiledTerms {
  const mine = new Set<number>();
  const numbers = new Set<number>();
  const idOf = (stem: string): number => {
    const id = internStem(stem);
    if (!mine.has(id)) {
      mine.add(id);
      if (isNumberStem(stem)) {
        numbers.add(id);
      }
    }
    return id;
  };
  const required = flatten(entries, (e) => e.required, idOf);
  const optional = flatten(entries, (e) => e.optional, idOf);
  const excluded = flatten(entries, (e) => e.excluded ?? NO_WORDS, idOf);
  const frequency: number[] = [];
  for (const id of required.ids) {
    frequency[id] = (frequency[id] ?? 0) + 1;
  }
  const { anchorOf, byAnchor } = anchors(entries.length, required, frequency);
  const size = stemIdCount();
  const packed = packAnchors(byAnchor, required, anchorOf, frequency, size);
  return {
    entries,
    required,
    optional,
    excluded,
    anchorOf,
    packed: flatLists(packed),
    runs: flatLists(packRuns(packed)),
    known: marks(mine, size),
    numeric: marks(numbers, size),
    size,
  };
}
