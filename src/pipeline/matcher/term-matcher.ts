import { internStem, stemIdCount, stemIdOf } from '../../core/stem-ids.js';
import { isNumberStem } from '../../core/term-key.js';
import type { Token } from '../../text/tokenize.js';
import type { TermEntry, TermMatch } from './term-entry.js';

/** Finds dictionary terms in tokenized notes. */
export interface TermMatcher {
  readonly size: number;
  /**
   * All term matches in a note.
   * @param tokens - the note's tokens
   * @param aliases - extra stems at a token position (abbreviation expansions, word classes)
   */
  match(tokens: readonly Token[], aliases?: ReadonlyMap<number, readonly string[]>): TermMatch[];
}

const NO_WORDS: readonly string[] = [];

/**
 * One kind of stem of every term in one flat array: term t's ids are `ids[start[t] .. start[t + 1])`.
 * Sized before it is filled, so building it leaves no garbage in a worker's heap.
 */
function flatten(
  entries: readonly TermEntry[],
  words: (entry: TermEntry) => readonly string[],
  idOf: (stem: string) => number,
): { start: Int32Array; ids: Int32Array } {
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

/** How far beyond a term's own length its words may spread ("fracture of the neck of the left femur"). */
const SLACK = 4;

/**
 * Compiles terms into an anchor index: each term hangs on its rarest required stem, so a note costs one
 * lookup per token plus a check of the few terms anchored there. Matching allows any word order and small
 * gaps inside one sentence; there are no regular expressions, so no input can make it backtrack.
 * @param entries - the terms
 */
export function createTermMatcher(entries: readonly TermEntry[]): TermMatcher {
  // Stems are numbered process-wide (`core/stem-ids.ts`): a note's tokens carry their number already.
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
  // Every term's stem ids in flat arrays: a few large typed arrays instead of two small ones per term,
  // which cost a worker about 100 MB for the ~144,000 terms.
  const { start: requiredStart, ids: required } = flatten(entries, (e) => e.required, idOf);
  const { start: optionalStart, ids: optional } = flatten(entries, (e) => e.optional, idOf);
  const { start: excludedStart, ids: excluded } = flatten(
    entries,
    (e) => e.excluded ?? NO_WORDS,
    idOf,
  );
  const frequency: number[] = [];
  for (const id of required) {
    frequency[id] = (frequency[id] ?? 0) + 1;
  }
  // Each term hangs on its rarest required stem (its anchor, as an offset into its required ids).
  const anchorOf = new Uint8Array(entries.length);
  const byAnchor = new Map<number, number[]>();
  for (let t = 0; t < entries.length; t++) {
    const from = requiredStart[t] ?? 0;
    const to = requiredStart[t + 1] ?? 0;
    if (to === from) {
      continue;
    }
    let anchor = 0;
    for (let k = 1; k < to - from; k++) {
      if (
        (frequency[required[from + k] ?? 0] ?? 0) < (frequency[required[from + anchor] ?? 0] ?? 0)
      ) {
        anchor = k;
      }
    }
    anchorOf[t] = anchor;
    const id = required[from + anchor] ?? 0;
    const list = byAnchor.get(id) ?? [];
    list.push(t);
    byAnchor.set(id, list);
  }
  // The anchor lists packed into one Int32Array each — [n, stem ids…, term number] per term — so the
  // per-note presence check reads memory in order (it is the matcher's hot loop).
  const packedById = new Map<number, Int32Array>();
  for (const [id, list] of byAnchor) {
    const words: number[] = [];
    for (const t of list) {
      const from = requiredStart[t] ?? 0;
      const to = requiredStart[t + 1] ?? 0;
      // Rarest stem first (the anchor, always present, last): a term whose words are not all in the
      // note is nearly always turned down at its first check.
      const own: number[] = [];
      for (let k = from; k < to; k++) {
        if (k - from !== anchorOf[t]) {
          own.push(required[k] ?? 0);
        }
      }
      own.sort((x, y) => (frequency[x] ?? 0) - (frequency[y] ?? 0));
      words.push(own.length, ...own, t);
    }
    packedById.set(id, Int32Array.from(words));
  }

  // Which numbered stems are this matcher's, and which of them are numbers (checked for adjacency).
  const size = stemIdCount();
  const known = new Uint8Array(size);
  for (const id of mine) {
    known[id] = 1;
  }
  mine.clear();
  const numeric = new Uint8Array(size);
  for (const id of numbers) {
    numeric[id] = 1;
  }
  // By stem number (arrays, not maps: the per-note loops index them directly).
  const packed = new Array<Int32Array | undefined>(size).fill(undefined);
  for (const [id, words] of packedById) {
    packed[id] = words;
  }
  packedById.clear();
  // Per-note scratch: stamp[id] === serial marks a stem present in the current note, positions[id]
  // lists where (valid only while stamped), seen lists the stamped ids in first-seen order.
  const stamp = new Int32Array(size);
  const positions = new Array<number[] | undefined>(size).fill(undefined);
  let serial = 0;
  const ownId = (id: number): boolean => id >= 0 && id < size && known[id] === 1;

  return {
    size: entries.length,
    match(tokens, aliases) {
      serial++;
      // Positions of every known stem id in the note (aliases included), in token order.
      const seen: number[] = [];
      const note = (id: number, i: number): void => {
        if (stamp[id] !== serial) {
          stamp[id] = serial;
          positions[id] = [i];
          seen.push(id);
          return;
        }
        const list = positions[id] as number[];
        if (list[list.length - 1] !== i) {
          list.push(i);
        }
      };
      for (let i = 0; i < tokens.length; i++) {
        const own = tokens[i]?.stemId ?? -1;
        if (ownId(own)) {
          note(own, i);
        }
        const extra = aliases?.get(i);
        if (extra !== undefined) {
          for (const alias of extra) {
            const id = stemIdOf(alias);
            if (ownId(id)) {
              note(id, i);
            }
          }
        }
      }
      const nearest = (id: number, at: number, lo: number, hi: number): number => {
        const list = stamp[id] === serial ? positions[id] : undefined;
        if (list === undefined) {
          return -1;
        }
        // Binary search to the window: a stem repeated thousands of times costs log n, not n.
        let a = 0;
        let b = list.length;
        while (a < b) {
          const mid = (a + b) >> 1;
          if ((list[mid] ?? 0) < lo) {
            a = mid + 1;
          } else {
            b = mid;
          }
        }
        let best = -1;
        for (let k = a; k < list.length; k++) {
          const p = list[k] ?? 0;
          if (p > hi) {
            break;
          }
          if (best < 0 || Math.abs(p - at) < Math.abs(best - at)) {
            best = p;
          }
        }
        return best;
      };
      const out: TermMatch[] = [];
      // Each distinct anchor stem once; a term is looked at only if all its words are in the note.
      for (const id of seen) {
        const anchored = packed[id];
        if (anchored === undefined) {
          continue;
        }
        const occurrences = positions[id] ?? [];
        let at = 0;
        while (at < anchored.length) {
          const n = anchored[at] ?? 0;
          let all = true;
          for (let k = 1; k <= n; k++) {
            if (stamp[anchored[at + k] ?? 0] !== serial) {
              all = false;
              break;
            }
          }
          const term = anchored[at + n + 1] ?? 0;
          at += n + 2;
          if (!all) {
            continue;
          }
          for (const i of occurrences) {
            const m = matchAt(term, i);
            if (m !== undefined) {
              out.push(m);
            }
          }
        }
      }
      return out;

      function matchAt(term: number, i: number): TermMatch | undefined {
        const sentence = tokens[i]?.sentence ?? 0;
        const from = requiredStart[term] ?? 0;
        const count = (requiredStart[term + 1] ?? 0) - from;
        const anchor = anchorOf[term] ?? 0;
        // Up to SLACK extra content words; stopwords ("of the") do not count against it.
        const window = count + SLACK;
        let lo = i - 2 * window;
        let hi = i + 2 * window;
        // Stay inside the sentence.
        while (lo < i && tokens[lo]?.sentence !== sentence) {
          lo++;
        }
        while (hi > i && tokens[hi]?.sentence !== sentence) {
          hi--;
        }
        const found: number[] = [];
        let first = i;
        let last = i;
        for (let k = 0; k < count; k++) {
          const id = required[from + k] ?? -1;
          const p = k === anchor ? i : nearest(id, i, lo, hi);
          if (p < 0) {
            return undefined;
          }
          // A number belongs to the word before it in the term ("stage 2", "type 1"): it must sit
          // next to it, not be any "2" in the sentence.
          if (numeric[id] === 1 && k > 0 && Math.abs(p - (found[k - 1] ?? p)) > 2) {
            return undefined;
          }
          found.push(p);
          first = Math.min(first, p);
          last = Math.max(last, p);
        }
        let span = 0;
        for (let t = first; t <= last; t++) {
          if (!(tokens[t]?.stop ?? false)) {
            span++;
          }
        }
        if (span > window) {
          return undefined;
        }
        let extra = 0;
        // A term that says something is absent does not match where the note has it.
        for (let k = excludedStart[term] ?? 0; k < (excludedStart[term + 1] ?? 0); k++) {
          const id = excluded[k] ?? 0;
          if (stamp[id] === serial && nearest(id, i, lo, hi) >= 0) {
            return undefined;
          }
        }
        for (let k = optionalStart[term] ?? 0; k < (optionalStart[term + 1] ?? 0); k++) {
          const opt = optional[k] ?? 0;
          if (stamp[opt] !== serial) {
            continue;
          }
          const p = nearest(opt, i, first - 2, last + 2);
          if (p >= 0) {
            extra++;
            first = Math.min(first, p);
            last = Math.max(last, p);
          }
        }
        // Two words of the term at one token: fine where the token is an abbreviation that expands to
        // them ("T2DM" holds type, 2, diabetes and mellitus), a weaker reading anywhere else.
        let distinct = 0;
        let shared = 0;
        for (let k = 0; k < found.length; k++) {
          const p = found[k] ?? -1;
          if (found.indexOf(p) === k) {
            distinct++;
          } else if (aliases?.has(p) === true) {
            shared++;
          }
        }
        // Tight spans and words in the term's order score higher; optional words add a little.
        let content = 0;
        for (let t = first; t <= last; t++) {
          if (!(tokens[t]?.stop ?? false)) {
            content++;
          }
        }
        const tight = (distinct + extra) / Math.max(1, content);
        const ordered = found.every((p, k) => k === 0 || p >= (found[k - 1] ?? 0)) ? 1 : 0.9;
        const quality =
          Math.min(1, tight) * ordered * (distinct + shared === found.length ? 1 : 0.8);
        // Every term with an anchor is an entry.
        return { entry: entries[term] as TermEntry, first, last, quality, positions: found };
      }
    },
  };
}
