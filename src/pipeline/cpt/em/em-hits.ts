/**
 * Where the E/M cue patterns match in a note: every match in some ranges, the first one a check takes,
 * the headings a pattern matches.
 */
import type { EmDoc, Hit } from './em-doc.js';
import type { EmCue, Span } from './em-types.js';
import { keysOf } from './word-keys.js';

/**
 * Calls `visit` with each match of a global pattern inside the given ranges, in note offsets, until it
 * returns true (the words' keys first: a note none of whose words begins as the pattern's must is not
 * read).
 */
function scanHits(
  doc: EmDoc,
  pattern: RegExp,
  ranges: readonly Span[],
  visit: (hit: Hit) => boolean,
): void {
  const keys = keysOf(pattern);
  if (keys !== undefined) {
    const table = doc.keys();
    if (!keys.some((k) => table[k] === 1)) {
      return;
    }
  }
  for (const range of ranges) {
    const slice = doc.text.slice(range.start, range.end);
    for (const m of slice.matchAll(pattern)) {
      const start = range.start + m.index;
      if (visit({ start, end: start + m[0].length, text: m[0] })) {
        return;
      }
    }
  }
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
