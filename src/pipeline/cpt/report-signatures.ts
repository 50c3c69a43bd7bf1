import type { SectionSpan } from '../../text/sections.js';
import { isProcedureList, procedureNoteKind, withoutStorySections } from './procedure-scope.js';

/**
 * A diagnostic test known by the words of its own report (`cpt-reports.tsv`): an echocardiogram by its
 * Doppler and chamber findings, a treadmill test by its protocol and heart rates, pulmonary function
 * tests by their flows and the bronchodilator response. Each group of `all` must have one of its
 * phrases; none of `none` may appear.
 */
export interface ReportSignature {
  readonly code: string;
  /** Phrases as patterns that start at a word boundary (`phrasePattern`). */
  readonly all: readonly (readonly RegExp[])[];
  readonly none: readonly RegExp[];
  /** Why, in words (shown as the suggestion's reason). */
  readonly note: string;
}

/** What a signature found: the code and the first phrase of each group, with its offset. */
export interface ReportFinding {
  readonly code: string;
  readonly note: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A pattern's first word, which every match starts with, and the pattern made sticky: the pattern is
 * tried only where a word of the text starts with it (looking words up is much cheaper than running
 * each pattern over a whole report), and the first place it matches is the match the pattern finds.
 */
interface Anchor {
  readonly word: string;
  readonly sticky: RegExp;
}
const anchors = new WeakMap<RegExp, Anchor>();
const pairKey = (first: number, second: number): number => first * 65_536 + second;
/** The first two characters of every anchor word (see {@link pairKey}): the only word starts looked up. */
const anchorPairs = new Set<number>();

/** Whether a UTF-16 unit is one of [a-z0-9], the characters a phrase may not follow. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * A phrase of the table as a pattern: lower case, whole words; a final `*` lets the last word go on
 * ("echocardiogra*" finds "echocardiography").
 */
export function phrasePattern(phrase: string): RegExp {
  const open = phrase.trim().endsWith('*');
  const words = phrase.toLowerCase().trim().replace(/\*$/, '');
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s-]+');
  const pattern = new RegExp(`(?<![a-z0-9])${escaped}${open ? '' : '(?![a-z0-9])'}`);
  const word = words.split(/\s/)[0] ?? '';
  if (word.length >= 2 && isWordChar(word.charCodeAt(0))) {
    anchors.set(pattern, { word, sticky: new RegExp(pattern.source, 'y') });
    anchorPairs.add(pairKey(word.charCodeAt(0), word.charCodeAt(1)));
  }
  return pattern;
}

/**
 * A text and where its words start (an [a-z0-9] after none), by their first two UTF-16 units: only
 * those an anchor word starts with.
 */
interface WordStarts {
  readonly text: string;
  readonly starts: ReadonlyMap<number, readonly number[]>;
}

function wordStarts(text: string): WordStarts {
  const starts = new Map<number, number[]>();
  let after = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word = isWordChar(c);
    if (word && !after && i + 1 < text.length) {
      const key = pairKey(c, text.charCodeAt(i + 1));
      const list = starts.get(key);
      if (list !== undefined) {
        list.push(i);
      } else if (anchorPairs.has(key)) {
        starts.set(key, [i]);
      }
    }
    after = word;
  }
  return { text, starts };
}

const NONE: readonly number[] = [];

/** The first match of a pattern in the text (`pattern.exec(text)`), with its length. */
function firstMatch(
  words: WordStarts,
  pattern: RegExp,
): { at: number; length: number } | undefined {
  const { text } = words;
  const anchor = anchors.get(pattern);
  if (anchor === undefined) {
    const m = pattern.exec(text);
    return m === null ? undefined : { at: m.index, length: m[0].length };
  }
  const { word, sticky } = anchor;
  for (const at of words.starts.get(pairKey(word.charCodeAt(0), word.charCodeAt(1))) ?? NONE) {
    if (text.startsWith(word, at)) {
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m !== null) {
        return { at, length: m[0].length };
      }
    }
  }
  return undefined;
}

/** The first offset of any of `phrases` in the text (lower case), with its length. */
function firstOf(
  words: WordStarts,
  phrases: readonly RegExp[],
): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const p of phrases) {
    const m = firstMatch(words, p);
    if (m !== undefined && (best === undefined || m.at < best.at)) {
      best = m;
    }
  }
  return best;
}

/**
 * The tests a diagnostic report documents by its own words (never a visit's note, where an echo or a
 * stress test is a result read or a plan, nor an operative report, which bills its procedure list), read
 * outside the indication, history and plan.
 * @param text - the note
 * @param sections - its sections
 * @param signatures - the report signatures
 */
export function reportFindings(
  text: string,
  sections: readonly SectionSpan[],
  signatures: readonly ReportSignature[],
): ReportFinding[] {
  const newline = text.indexOf('\n');
  const kind = procedureNoteKind(sections, text.slice(0, newline < 0 ? 200 : newline));
  if (
    kind === 'encounter' ||
    kind === 'summary' ||
    (kind === 'operative' && sections.some(isProcedureList))
  ) {
    return [];
  }
  const body = wordStarts(withoutStorySections(text, sections).toLowerCase());
  const out: ReportFinding[] = [];
  for (const s of signatures) {
    if (out.some((f) => f.code === s.code) || firstOf(body, s.none) !== undefined) {
      continue;
    }
    // Every group must be found: the first one missing settles it.
    let first: { at: number; length: number } | undefined;
    let all = true;
    for (const group of s.all) {
      const hit = firstOf(body, group);
      if (hit === undefined) {
        all = false;
        break;
      }
      first ??= hit;
    }
    if (all && first !== undefined) {
      out.push({ code: s.code, note: s.note, start: first.at, end: first.at + first.length });
    }
  }
  return out;
}
