/**
 * Where the E/M cue patterns match in a note: every match in some ranges, the first one a check takes,
 * the headings a pattern matches.
 */
import type { EmDoc, Hit } from './em-doc.js';
import type { EmCue, Span } from './em-types.js';
import { anchorsOf, keyAt, keyFlags, letterKey } from './word-keys.js';

const stickyCache = new WeakMap<RegExp, RegExp>();

/** The pattern tried at one offset only (`y` in place of `g`), made once per pattern. */
function stickyOf(pattern: RegExp): RegExp {
  let sticky = stickyCache.get(pattern);
  if (sticky === undefined) {
    sticky = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y');
    stickyCache.set(pattern, sticky);
  }
  return sticky;
}

/**
 * Calls `visit` with each match of a global pattern inside the given ranges, in note offsets, until it
 * returns true. A pattern with anchors (`anchorsOf`: the letters its matches begin a word with, the
 * character or the start they begin at) is tried only there, and at a range's first character (which
 * the range may cut out of a word): the same matches, left to right and not overlapping, as running it
 * over each range, without the regular expression engine trying every character of the note.
 */
function scanHits(
  doc: EmDoc,
  pattern: RegExp,
  ranges: readonly Span[],
  visit: (hit: Hit) => boolean,
): void {
  const anchors = anchorsOf(pattern);
  if (anchors === undefined) {
    for (const range of ranges) {
      const slice = doc.text.slice(range.start, range.end);
      for (const m of slice.matchAll(pattern)) {
        const start = range.start + m.index;
        if (visit({ start, end: start + m[0].length, text: m[0] })) {
          return;
        }
      }
    }
    return;
  }
  const starts = doc.starts();
  const { keys, chars } = anchors;
  if (chars === '' && !anchors.start && !keys.some((k) => starts.table[k] === 1)) {
    return;
  }
  const flags = keyFlags(keys);
  const sticky = stickyOf(pattern);
  const { at } = starts;
  const text = doc.text;
  for (const range of ranges) {
    const slice = doc.text.slice(range.start, range.end);
    let from = 0;
    const tryAt = (offset: number): boolean => {
      if (offset < from) {
        return false;
      }
      sticky.lastIndex = offset;
      const m = sticky.exec(slice);
      if (m === null) {
        return false;
      }
      const start = range.start + offset;
      from = offset + Math.max(1, m[0].length);
      return visit({ start, end: start + m[0].length, text: m[0] });
    };
    if (slice === '' || tryAt(0)) {
      return;
    }
    // Word starts (from the first at or after the range) and anchor characters, in the order of the text.
    let w = firstAtOrAfter(at, range.start + 1);
    let c = nextChar(slice, chars, 1);
    for (;;) {
      const word = w < at.length ? (at[w] ?? 0) - range.start : slice.length;
      if (word >= slice.length && c < 0) {
        break;
      }
      // An anchor character is never a letter: it comes before or after a word start, never at one.
      if (c >= 0 && c < word) {
        if (tryAt(c)) {
          return;
        }
        c = nextChar(slice, chars, c + 1);
        continue;
      }
      if (word < slice.length) {
        // A word cut by the range's end has its letters up to the end only, as the range reads it.
        const a = letterKey(text, range.start + word);
        if (
          (flags[a] === 1 || flags[keyAt(text, range.start + word, a, range.end)] === 1) &&
          tryAt(word)
        ) {
          return;
        }
        w++;
      }
    }
  }
}

/** The index of the first offset in `at` (ascending) that is at least `offset`. */
function firstAtOrAfter(at: readonly number[], offset: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((at[mid] ?? 0) < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The first offset at or after `from` of one of `chars` in `text`, −1 when there is none. */
function nextChar(text: string, chars: string, from: number): number {
  let best = -1;
  for (const ch of chars) {
    const i = text.indexOf(ch, from);
    if (i >= 0 && (best < 0 || i < best)) {
      best = i;
    }
  }
  return best;
}

/** Every match of a global pattern inside the given ranges, in note offsets. */
export function hitsIn(doc: EmDoc, pattern: RegExp, ranges: readonly Span[]): Hit[] {
  const out: Hit[] = [];
  scanHits(doc, pattern, ranges, (hit) => {
    out.push(hit);
    return false;
  });
  return out;
}

/** The first of {@link hitsIn} that `accept` takes, without reading on past it. */
function firstHitIn(
  doc: EmDoc,
  pattern: RegExp,
  ranges: readonly Span[],
  accept: (hit: Hit) => boolean,
): Hit | undefined {
  let found: Hit | undefined;
  scanHits(doc, pattern, ranges, (hit) => {
    if (accept(hit)) {
      found = hit;
    }
    return found !== undefined;
  });
  return found;
}

/** The headings (whole heading text) a global pattern matches, first `limit` sections only. */
export function headingHits(doc: EmDoc, pattern: RegExp, limit = Infinity): Hit[] {
  return doc.sections.slice(0, limit).flatMap((s) => {
    if (s.heading.search(pattern) < 0) {
      return [];
    }
    const at = doc.text.indexOf(s.heading, s.start);
    const start = at < 0 ? s.start : at;
    return [{ start, end: start + s.heading.length, text: s.heading }];
  });
}

/** The first place where a cue matches, by its `where`, that `accept` takes (the first such of {@link cueHits}). */
export function firstCueHit(
  doc: EmDoc,
  cue: EmCue,
  accept: (hit: Hit) => boolean,
): Hit | undefined {
  switch (cue.where) {
    case 'history':
      return firstHitIn(doc, cue.pattern, doc.ranges.history, accept);
    case 'opening':
      return firstHitIn(
        doc,
        cue.pattern,
        [{ start: 0, end: Math.min(400, doc.text.length) }],
        accept,
      );
    case 'text':
      return firstHitIn(doc, cue.pattern, doc.ranges.all, accept);
    case 'heading':
    case 'first-heading':
    case 'sentence':
      return cueHits(doc, cue).find(accept);
  }
}

/** The places where a cue matches, by its `where`. */
export function cueHits(doc: EmDoc, cue: EmCue): Hit[] {
  switch (cue.where) {
    case 'heading':
      return headingHits(doc, cue.pattern);
    case 'first-heading':
      // The first heading, when it opens the note: nothing before it but a title line ("CHEST
      // RADIOGRAPH, TWO VIEWS"), never a sentence of the encounter.
      return headingHits(doc, cue.pattern, 1).filter((h) => {
        const before = doc.text.slice(0, h.start).trim();
        return before === '' || (before.length < 150 && !/[\n.!?]/.test(before));
      });
    case 'history':
      return hitsIn(doc, cue.pattern, doc.ranges.history);
    case 'opening':
      return hitsIn(doc, cue.pattern, [{ start: 0, end: Math.min(400, doc.text.length) }]);
    case 'text':
      return hitsIn(doc, cue.pattern, doc.ranges.all);
    case 'sentence':
      return [];
  }
}
