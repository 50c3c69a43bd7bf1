import type { SectionName } from '../../../text/sections.js';
import { sentenceAround, type EmDoc } from './em-doc.js';
import type { EmCue, Span } from './em-types.js';
import { NUMBER_WORDS } from '../../../text/number-words.js';

/** What documented minutes measure. */
export type EmTimeKind = 'visit' | 'critical' | 'discharge';

/** A time statement of this encounter: its minutes, what they measure, and where it is. */
export interface EmTime {
  readonly minutes: number;
  readonly kind: EmTimeKind;
  /** The sentence that states it (the evidence a coder reads). */
  readonly span: Span;
}

const UNITS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  ...NUMBER_WORDS,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const NUM = String.raw`\d{1,3}(?:\.\d{1,2})?|(?:twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|half an?|an?`;
// "45 minutes", "forty-five minutes", "a 30-minute discussion", "one hour", "1.5 hours", "an hour and a
// half", "one and a half hours", "1 hour 15 minutes", "half an hour".
const DURATION = new RegExp(
  String.raw`\b(?<h>${NUM})(?<hh> and a half)?[- ]?(?:hours?|hrs?)\b(?:,?\s(?:and\s)?(?:(?<hh2>a half)\b|(?<hm>${NUM})[- ]?(?:minutes?|mins?)\b))?|\b(?<m>${NUM})[- ]?(?:minutes?|mins?)\b`,
  'gi',
);
// A unit as a duration ends with it: a whole word's end ("minutes", "30min", "hrs"), not "min" in
// "examination" or "hr" in "three" (a duration holding those holds its own unit word as well).
const UNIT = /min(?:ute)?s?\b|hours?\b|hrs?\b/gi;
const MORE = /\b(more than|greater than|over|in excess of|exceeding|beyond|>)\s*$/i;
const LESS = /\b(less than|under|nearly|almost|just under|<)\s*$/i;
const RANGE = /\b(\d{1,3})\s*(?:-|–|to)\s*$/;
// Background sections: minutes there belong to the story, unless the writer states the encounter's
// time in the first person or as a total.
const BACKGROUND: ReadonlySet<SectionName> = new Set<SectionName>([
  'hpi',
  'pmh',
  'psh',
  'family history',
  'social history',
  'ros',
]);
/** Longer than this is not one encounter's time (a day's infusion, "seven hours of classes"). */
const MAX_MINUTES: Readonly<Record<EmTimeKind, number>> = {
  visit: 300,
  discharge: 300,
  critical: 720,
};

/**
 * The durations of a text: the pattern runs only in a window around each "min", "hour" or "hr" (a
 * duration ends with its unit), never over the whole note.
 */
function durations(text: string): { m: RegExpMatchArray; start: number }[] {
  const found: { m: RegExpMatchArray; start: number }[] = [];
  let covered = 0;
  for (const unit of text.matchAll(UNIT)) {
    if (unit.index < covered) {
      continue;
    }
    const from = Math.max(0, unit.index - 60);
    for (const m of text.slice(from, unit.index + 40).matchAll(DURATION)) {
      const start = from + m.index;
      const end = start + m[0].length;
      // It must hold this unit and begin a word of the note (not the tail of a word cut by the window).
      if (start <= unit.index && end > unit.index && !/[a-z0-9]/i.test(text[start - 1] ?? ' ')) {
        found.push({ m, start });
        covered = end;
      }
    }
  }
  return found;
}

function numberOf(word: string | undefined): number {
  if (word === undefined) {
    return 0;
  }
  const w = word.toLowerCase();
  if (/^\d/.test(w)) {
    return Number(w);
  }
  if (w.startsWith('half')) {
    return 0.5;
  }
  return w.split(/[- ]/).reduce((sum, part) => sum + (UNITS[part] ?? 0), 0);
}

function minutesOf(m: RegExpMatchArray): number {
  const g = m.groups ?? {};
  if (g.m !== undefined) {
    return numberOf(g.m);
  }
  const half = g.hh !== undefined || g.hh2 !== undefined ? 30 : 0;
  return Math.round(numberOf(g.h) * 60 + half + numberOf(g.hm));
}

/**
 * The time statements of this encounter: minutes in a sentence that says they were spent on the visit
 * (total time, time spent, face-to-face, counselling, a "30-minute discussion"), on critical care or
 * on the discharge. Minutes that measure something else (a procedure, a symptom, a test, a rate) and
 * minutes of a future visit ("return in 4 weeks for a 40-minute visit") are not this encounter's.
 * "More than 30 minutes" counts as 31, "less than 30" as 29, "30 to 45 minutes" as 30.
 * @param doc - the note
 * @param cues - the lexicon's `time` cues
 */
export function encounterTimes(doc: EmDoc, cues: readonly EmCue[]): EmTime[] {
  const text = doc.text;
  const timeCues = cues.filter((c) => c.kind === 'time');
  const says = (value: string, words: string): boolean =>
    timeCues.some((c) => c.value === value && words.search(c.pattern) >= 0);
  const out: EmTime[] = [];
  for (const { m, start } of durations(text)) {
    const end = start + m[0].length;
    let minutes = minutesOf(m);
    const before = text.slice(Math.max(0, start - 25), start);
    const range = RANGE.exec(before);
    if (range?.[1] !== undefined && Number(range[1]) < minutes && m.groups?.m !== undefined) {
      minutes = Number(range[1]);
    } else if (MORE.test(before)) {
      minutes += 1;
    } else if (LESS.test(before)) {
      minutes -= 1;
    }
    const span = sentenceAround(text, start, end);
    const sentence = text.slice(span.start, span.end);
    const lead = text.slice(span.start, start);
    const section = doc.sections.find((s) => start >= s.start && start < s.end);
    if (
      section !== undefined &&
      BACKGROUND.has(section.name) &&
      !/\b(i|we|total)\b/i.test(sentence)
    ) {
      continue;
    }
    let kind: EmTimeKind | undefined;
    if (says('planned', lead)) {
      kind = undefined;
    } else if (says('critical', sentence)) {
      kind = 'critical';
    } else if (says('exclude', sentence)) {
      kind = undefined;
    } else if (says('discharge', sentence)) {
      kind = 'discharge';
    } else if (says('visit', sentence)) {
      kind = 'visit';
    }
    if (kind !== undefined && minutes > 0 && minutes <= MAX_MINUTES[kind]) {
      out.push({ minutes, kind, span });
    }
  }
  return out;
}
