import type { Token } from '../../text/tokenize.js';
import { compileTerms } from './compile-terms.js';
import { indexNote, nearest, notePositions, type NoteScan } from './note-scan.js';
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

/** How far beyond a term's own length its words may spread ("fracture of the neck of the left femur"). */
const SLACK = 4;

/** Tokens lo…hi around token i, at most `reach` either side, inside i's sentence. */
function sentenceWindow(tokens: readonly Token[], i: number, reach: number): [number, number] {
  const sentence = tokens[i]?.sentence ?? 0;
  let lo = i - reach;
  let hi = i + reach;
  while (lo < i && tokens[lo]?.sentence !== sentence) {
    lo++;
  }
  while (hi > i && tokens[hi]?.sentence !== sentence) {
    hi--;
  }
  return [lo, hi];
}

/** The content (non-stop) words among tokens first…last. */
function contentWords(tokens: readonly Token[], first: number, last: number): number {
  let content = 0;
  for (let t = first; t <= last; t++) {
    if (!(tokens[t]?.stop ?? false)) {
      content++;
    }
  }
  return content;
}

/**
 * The positions of a term's required words around its anchor at token i, nearest first; undefined when
 * one is missing or a number does not sit next to the word before it ("stage 2", "type 1").
 */
function requiredPositions(
  scan: NoteScan,
  term: number,
  i: number,
  lo: number,
  hi: number,
): number[] | undefined {
  const { required, anchorOf, numeric } = scan.terms;
  const from = required.start[term] ?? 0;
  const count = (required.start[term + 1] ?? 0) - from;
  const anchor = anchorOf[term] ?? 0;
  const found: number[] = [];
  for (let k = 0; k < count; k++) {
    const id = required.ids[from + k] ?? -1;
    const p = k === anchor ? i : nearest(scan, id, i, lo, hi);
    if (p < 0) {
      return undefined;
    }
    if (numeric[id] === 1 && k > 0 && Math.abs(p - (found[k - 1] ?? p)) > 2) {
      return undefined;
    }
    found.push(p);
  }
  return found;
}

/** Whether a word the term says is absent ("without heart failure") is in the window. */
function excludedNear(scan: NoteScan, term: number, i: number, lo: number, hi: number): boolean {
  const { start, ids } = scan.terms.excluded;
  for (let k = start[term] ?? 0; k < (start[term + 1] ?? 0); k++) {
    const id = ids[k] ?? 0;
    if (scan.present[id] === 1 && nearest(scan, id, i, lo, hi) >= 0) {
      return true;
    }
  }
  return false;
}

/**
 * 0..1: tight spans and words in the term's order score higher, optional words add a little; two words
 * of the term at one token are fine where the token is an abbreviation that expands to them ("T2DM"
 * holds type, 2, diabetes and mellitus), a weaker reading anywhere else.
 */
function matchQuality(
  scan: NoteScan,
  found: readonly number[],
  extra: number,
  first: number,
  last: number,
): number {
  let distinct = 0;
  let shared = 0;
  for (let k = 0; k < found.length; k++) {
    const p = found[k] ?? -1;
    if (found.indexOf(p) === k) {
      distinct++;
    } else if (scan.aliases?.has(p) === true) {
      shared++;
    }
  }
  const tight = (distinct + extra) / Math.max(1, contentWords(scan.tokens, first, last));
  const ordered = found.every((p, k) => k === 0 || p >= (found[k - 1] ?? 0)) ? 1 : 0.9;
  return Math.min(1, tight) * ordered * (distinct + shared === found.length ? 1 : 0.8);
}

/** The match of a term whose anchor stem is at token i, if its words sit close enough in i's sentence. */
function matchAt(scan: NoteScan, term: number, i: number): TermMatch | undefined {
  const { terms, tokens } = scan;
  const count = (terms.required.start[term + 1] ?? 0) - (terms.required.start[term] ?? 0);
  // Up to SLACK extra content words; stopwords ("of the") do not count against it.
  const window = count + SLACK;
  const [lo, hi] = sentenceWindow(tokens, i, 2 * window);
  const found = requiredPositions(scan, term, i, lo, hi);
  if (found === undefined) {
    return undefined;
  }
  let first = i;
  let last = i;
  for (const p of found) {
    first = Math.min(first, p);
    last = Math.max(last, p);
  }
  if (contentWords(tokens, first, last) > window || excludedNear(scan, term, i, lo, hi)) {
    return undefined;
  }
  let extra = 0;
  const { start, ids } = terms.optional;
  for (let k = start[term] ?? 0; k < (start[term + 1] ?? 0); k++) {
    const opt = ids[k] ?? 0;
    if (scan.present[opt] !== 1) {
      continue;
    }
    const p = nearest(scan, opt, i, first - 2, last + 2);
    if (p >= 0) {
      extra++;
      first = Math.min(first, p);
      last = Math.max(last, p);
    }
  }
  const quality = matchQuality(scan, found, extra, first, last);
  // Every term with an anchor is an entry.
  return { entry: terms.entries[term] as TermEntry, first, last, quality, positions: found };
}

/** The terms anchored at each stem of the note whose other words are all in it, matched at each place. */
function matchNote(scan: NoteScan, seen: readonly number[]): TermMatch[] {
  const { present, at: positions } = scan;
  const out: TermMatch[] = [];
  const { packed, runs } = scan.terms;
  const anchored = packed.data;
  const runData = runs.data;
  for (const id of seen) {
    const from = packed.start[id] ?? 0;
    const to = packed.start[id + 1] ?? from;
    const runsFrom = runs.start[id] ?? 0;
    const runsTo = runs.start[id + 1] ?? runsFrom;
    if (to === from) {
      continue;
    }
    const occurrencesFrom = positions.start[id] ?? 0;
    const occurrencesTo = occurrencesFrom + (positions.count[id] ?? 0);
    for (let r = runsFrom; r < runsTo; r += 2) {
      const first = runData[r] ?? -1;
      // Its first stem absent, so is the first stem of every term of its run.
      if (first >= 0 && present[first] !== 1) {
        continue;
      }
      const end = from + (r + 2 < runsTo ? (runData[r + 3] ?? to - from) : to - from);
      let at = from + (runData[r + 1] ?? to - from);
      while (at < end) {
        const n = anchored[at] ?? 0;
        let all = true;
        for (let k = 2; k <= n; k++) {
          if (present[anchored[at + 1 + k] ?? 0] !== 1) {
            all = false;
            break;
          }
        }
        const term = anchored[at + n + 2] ?? 0;
        at += n + 3;
        if (!all) {
          continue;
        }
        let kept = 0;
        for (let q = occurrencesFrom; q < occurrencesTo; q++) {
          const m = matchAt(scan, term, positions.data[q] ?? 0);
          if (m !== undefined) {
            out.push(m);
            // A term found this often is found: more places add cost (every later stage visits each
            // match), not evidence. Bounds abbreviation-dense notes that repeat the same findings.
            if (++kept >= MAX_MATCHES_PER_TERM) {
              break;
            }
          }
        }
      }
    }
  }
  return out;
}

/** Matches kept per term and note (the first ones, in note order). */
export const MAX_MATCHES_PER_TERM = 32;

/**
 * Compiles terms into an anchor index: each term hangs on its rarest required stem, so a note costs one
 * lookup per token plus a check of the few terms anchored there. Matching allows any word order and small
 * gaps inside one sentence; there are no regular expressions, so no input can make it backtrack.
 * @param entries - the terms
 */
export function createTermMatcher(entries: readonly TermEntry[]): TermMatcher {
  const terms = compileTerms(entries);
  const present = new Uint8Array(terms.size);
  const at = notePositions(terms.size);
  return {
    size: entries.length,
    match(tokens, aliases) {
      const scan: NoteScan = { terms, present, at, tokens, aliases };
      const seen = indexNote(scan);
      try {
        return matchNote(scan, seen);
      } finally {
        for (const id of seen) {
          present[id] = 0;
        }
      }
    },
  };
}
