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

interface Compiled {
  readonly entry: TermEntry;
  readonly required: Int32Array;
  readonly optional: Int32Array;
  /** Index into `required` of the anchor (rarest) stem. */
  readonly anchor: number;
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
  const ids = new Map<string, number>();
  const idOf = (stem: string): number => {
    let id = ids.get(stem);
    if (id === undefined) {
      id = ids.size;
      ids.set(stem, id);
    }
    return id;
  };
  const frequency: number[] = [];
  const raw = entries.map((entry) => {
    const required = Int32Array.from(entry.required.map(idOf));
    for (const id of required) {
      frequency[id] = (frequency[id] ?? 0) + 1;
    }
    return { entry, required, optional: Int32Array.from(entry.optional.map(idOf)) };
  });
  const compiled: Compiled[] = [];
  const byAnchor = new Map<number, Compiled[]>();
  for (const r of raw) {
    if (r.required.length === 0) {
      continue;
    }
    let anchor = 0;
    r.required.forEach((id, k) => {
      if ((frequency[id] ?? 0) < (frequency[r.required[anchor] ?? 0] ?? 0)) {
        anchor = k;
      }
    });
    const id = r.required[anchor] ?? 0;
    const list = byAnchor.get(id) ?? [];
    const c = { ...r, anchor };
    list.push(c);
    compiled.push(c);
    byAnchor.set(id, list);
  }
  // The anchor lists packed into one Int32Array each — [n, stem ids…, term number] per term — so the
  // per-note presence check reads memory in order (it is the matcher's hot loop).
  const termIndex = new Map(compiled.map((c, i) => [c, i]));
  const packed = new Map<number, Int32Array>();
  for (const [id, list] of byAnchor) {
    const words: number[] = [];
    for (const c of list) {
      words.push(c.required.length, ...c.required, termIndex.get(c) ?? 0);
    }
    packed.set(id, Int32Array.from(words));
  }

  // Stem ids that are numbers (checked for adjacency when matching).
  const numeric = new Uint8Array(ids.size);
  for (const [stem, id] of ids) {
    numeric[id] = /^\d+[a-z]?$/.test(stem) ? 1 : 0;
  }
  // Per-note scratch: stamp[id] === serial marks a stem present in the current note.
  const stamp = new Int32Array(ids.size);
  let serial = 0;

  return {
    size: entries.length,
    match(tokens, aliases) {
      serial++;
      // Positions of every known stem id in the note (aliases included), in token order.
      const positions = new Map<number, number[]>();
      const note = (id: number, i: number): void => {
        const list = positions.get(id);
        if (list === undefined) {
          positions.set(id, [i]);
          stamp[id] = serial;
        } else if (list[list.length - 1] !== i) {
          list.push(i);
        }
      };
      for (let i = 0; i < tokens.length; i++) {
        const own = ids.get(tokens[i]?.stem ?? '');
        if (own !== undefined) {
          note(own, i);
        }
        const extra = aliases?.get(i);
        if (extra !== undefined) {
          for (const alias of extra) {
            const id = ids.get(alias);
            if (id !== undefined) {
              note(id, i);
            }
          }
        }
      }
      const nearest = (id: number, at: number, lo: number, hi: number): number => {
        const list = positions.get(id);
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
      for (const id of positions.keys()) {
        const anchored = packed.get(id);
        if (anchored === undefined) {
          continue;
        }
        const occurrences = positions.get(id) ?? [];
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
          const term = compiled[anchored[at + n + 1] ?? 0];
          at += n + 2;
          if (!all || term === undefined) {
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

      function matchAt(term: Compiled, i: number): TermMatch | undefined {
        const sentence = tokens[i]?.sentence ?? 0;
        // Up to SLACK extra content words; stopwords ("of the") do not count against it.
        const window = term.required.length + SLACK;
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
        for (let k = 0; k < term.required.length; k++) {
          const p = k === term.anchor ? i : nearest(term.required[k] ?? -1, i, lo, hi);
          if (p < 0) {
            return undefined;
          }
          // A number belongs to the word before it in the term ("stage 2", "type 1"): it must sit
          // next to it, not be any "2" in the sentence.
          if (
            numeric[term.required[k] ?? 0] === 1 &&
            k > 0 &&
            Math.abs(p - (found[k - 1] ?? p)) > 2
          ) {
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
        for (const opt of term.optional) {
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
        const distinct = new Set(found).size;
        // Tight spans and words in the term's order score higher; optional words add a little.
        let content = 0;
        for (let t = first; t <= last; t++) {
          if (!(tokens[t]?.stop ?? false)) {
            content++;
          }
        }
        const tight = (distinct + extra) / Math.max(1, content);
        const ordered = found.every((p, k) => k === 0 || p >= (found[k - 1] ?? 0)) ? 1 : 0.9;
        const quality = Math.min(1, tight) * ordered * (distinct === found.length ? 1 : 0.8);
        return { entry: term.entry, first, last, quality, positions: found };
      }
    },
  };
}
