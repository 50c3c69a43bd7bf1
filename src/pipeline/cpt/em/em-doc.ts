import { detectSections, type SectionName, type SectionSpan } from '../../../text/sections.js';
import type { Span } from './em-types.js';
import { wordStarts, type WordStarts } from './word-keys.js';

/** The parts of a note the E/M rules read. */
export type EmRange = 'history' | 'management' | 'problem' | 'plan' | 'data' | 'results' | 'all';

/** A note as the E/M rules see it: its sections and the ranges each kind of cue is read in. */
export interface EmDoc {
  readonly text: string;
  readonly sections: readonly SectionSpan[];
  readonly ranges: Readonly<Record<EmRange, readonly Span[]>>;
  /** Where its words begin and their 1- and 2-letter keys (see `wordStarts`), read on first use. */
  readonly starts: () => WordStarts;
}

/** A match of a cue: where it is and what it says. */
export interface Hit extends Span {
  readonly text: string;
}

// Sections that tell the patient's story or list background: never where management is decided.
const NOT_MANAGEMENT: ReadonlySet<SectionName> = new Set<SectionName>([
  'chief complaint',
  'hpi',
  'pmh',
  'psh',
  'family history',
  'social history',
  'ros',
  'exam',
  'medications',
  'allergies',
  'labs',
  'findings',
  'admission diagnosis',
  'preoperative diagnosis',
  'postoperative diagnosis',
  'indication',
  'technique',
  'comparison',
  'title',
]);
// Background sections: a test named there was not reviewed at this encounter.
const NOT_DATA: ReadonlySet<SectionName> = new Set<SectionName>([
  'pmh',
  'psh',
  'family history',
  'social history',
  'medications',
  'allergies',
  'ros',
]);
const PROBLEM_SECTIONS: ReadonlySet<SectionName> = new Set<SectionName>([
  'assessment',
  'impression',
  'discharge diagnosis',
]);
// Unknown headings ('other') read by their words.
const OTHER_BACKGROUND =
  /med(s|ication)|allerg|histor|\bhx\b|review of|exam|vital|lab|data|result|social|family|habits/i;
const OTHER_NOT_HISTORY =
  /follow|plan|instruction|disposition|discharge|recommend|diagnos|assessment|impression|medication|allerg|course|time|critical|condition/i;
const OTHER_PROBLEM = /assessments?|impressions?|diagnos[ie]s|problems?/i;
const OTHER_RESULTS =
  /lab|result|data|stud(y|ies)|imaging|radiograph|x-?ray|ekg|ecg|diagnostic|test/i;

/**
 * Builds the E/M view of a note.
 * @param text - the note
 * @param sections - its sections, when the caller has them (else `detectSections`)
 */
export function emDoc(text: string, detected?: readonly SectionSpan[]): EmDoc {
  const sections = withSoapLabels(text, detected ?? detectSections(text));
  const all: Span[] = [{ start: 0, end: text.length }];
  let read: WordStarts | undefined;
  const starts = (): WordStarts => (read ??= wordStarts(text));
  if (sections.length === 0) {
    return {
      text,
      sections,
      starts,
      ranges: {
        history: all,
        management: all,
        problem: all,
        plan: [],
        data: all,
        results: [],
        all,
      },
    };
  }
  const preamble: Span[] =
    (sections[0]?.start ?? 0) > 0 ? [{ start: 0, end: sections[0]?.start ?? 0 }] : [];
  const where = (keep: (s: SectionSpan) => boolean): Span[] =>
    sections.filter(keep).map((s) => ({ start: s.start, end: s.end }));
  const isOther = (s: SectionSpan, re: RegExp): boolean => s.name === 'other' && re.test(s.heading);
  const history = [
    ...preamble,
    ...where(
      (s) =>
        s.name === 'chief complaint' ||
        s.name === 'hpi' ||
        s.name === 'title' ||
        (s.name === 'other' && !OTHER_NOT_HISTORY.test(s.heading)),
    ),
  ];
  const management = where((s) => !NOT_MANAGEMENT.has(s.name) && !isOther(s, OTHER_BACKGROUND));
  let problem = where((s) => PROBLEM_SECTIONS.has(s.name) || isOther(s, OTHER_PROBLEM));
  if (problem.length === 0) {
    problem = where((s) => s.name === 'plan');
  }
  if (problem.length === 0) {
    problem = [...preamble, ...where((s) => s.name === 'chief complaint')];
  }
  const data = [
    ...preamble,
    ...where(
      (s) => (!NOT_DATA.has(s.name) && !isOther(s, OTHER_BACKGROUND)) || isOther(s, OTHER_RESULTS),
    ),
  ];
  // Where a test named is a test ordered ("PLAN: 1. Echocardiogram.").
  const plan = where((s) => s.name === 'plan' || /plan|recommend|order/i.test(s.heading));
  const results = where(
    (s) => s.name === 'labs' || s.name === 'findings' || isOther(s, OTHER_RESULTS),
  );
  return {
    text,
    sections,
    starts,
    ranges: { history, management, problem, plan, data, results, all },
  };
}

// "S:", "O:", "A:", "P:" (or "S -") opening a line, not followed by a number ("P: 88" is a pulse).
const SOAP = /(^|\n)[ \t]*(S|O|A|P|A\/P)[ \t]*[:-][ \t,]*(?=[^\d\s])/g;
const SOAP_NAMES: Readonly<Record<string, SectionName>> = {
  S: 'hpi',
  O: 'exam',
  A: 'assessment',
  P: 'plan',
  'A/P': 'assessment',
};

/** The sections plus the SOAP letters of a short note, which `detectSections` does not read. */
function withSoapLabels(text: string, sections: readonly SectionSpan[]): readonly SectionSpan[] {
  const labels: SectionSpan[] = [];
  for (const m of text.matchAll(SOAP)) {
    const start = m.index + (m[1] ?? '').length;
    const name = SOAP_NAMES[m[2] ?? ''];
    if (name !== undefined && !sections.some((s) => s.start === start)) {
      labels.push({ name, heading: m[2] ?? '', start, end: start });
    }
  }
  if (labels.length === 0) {
    return sections;
  }
  const merged = [...sections, ...labels].sort((a, b) => a.start - b.start);
  return merged.map((s, i) => ({ ...s, end: merged[i + 1]?.start ?? text.length }));
}

/** True when an offset lies inside one of the ranges. */
export function inRanges(ranges: readonly Span[], offset: number): boolean {
  return ranges.some((r) => offset >= r.start && offset < r.end);
}

const NEGATION_BEFORE =
  /\b(no|not|without|denies|denied|negative for|free of|absence of|never)\b[^.;\n]{0,25}$/i;
const NEGATION_AFTER = /^[^.;\n]{0,20}\b(ruled out|resolved|excluded|was negative|is negative)\b/i;

/** True when the words at [start, end) are negated ("no evidence of stroke", "MI was ruled out"). */
export function isNegated(text: string, start: number, end: number): boolean {
  return (
    NEGATION_BEFORE.test(text.slice(Math.max(0, start - 40), start)) ||
    NEGATION_AFTER.test(text.slice(end, end + 40))
  );
}

const PLANNED_AFTER =
  /^\s*(in|within|after)\s+(\d|one|two|three|four|five|six|a few|several|a couple|about|approximately)/i;
const PLANNED_BEFORE = /\b(will|to|should|please|plans? to|needs? to|would like to)\s+$/i;

/** True when a cue names a future visit ("follow-up visit in 2 weeks", "will return for"). */
export function isPlanned(text: string, start: number, end: number): boolean {
  return (
    PLANNED_AFTER.test(text.slice(end, end + 40)) ||
    PLANNED_BEFORE.test(text.slice(Math.max(0, start - 25), start))
  );
}

/** The sentence around [start, end): from the previous line break or full stop to the next. */
export function sentenceAround(text: string, start: number, end: number): Span {
  let s = start;
  while (s > 0 && !isBoundary(text, s - 1)) {
    s -= 1;
  }
  let e = end;
  while (e < text.length && !isBoundary(text, e)) {
    e += 1;
  }
  return { start: s, end: e };
}

function isBoundary(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n' || c === ';') {
    return true;
  }
  if (c !== '.' && c !== '!' && c !== '?') {
    return false;
  }
  // "1.5 hours", "Dr. Smith" and "p.o." do not end a sentence.
  const next = text[i + 1];
  if (next !== undefined && next !== ' ' && next !== '\n') {
    return false;
  }
  return !/\b(dr|mr|mrs|ms|approx|vs|st)$/i.test(text.slice(Math.max(0, i - 6), i));
}
