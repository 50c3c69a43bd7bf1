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
 * A phrase of the table as a pattern: lower case, whole words; a final `*` lets the last word go on
 * ("echocardiogra*" finds "echocardiography").
 */
export function phrasePattern(phrase: string): RegExp {
  const open = phrase.trim().endsWith('*');
  const escaped = phrase
    .toLowerCase()
    .trim()
    .replace(/\*$/, '')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '[\\s-]+');
  return new RegExp(`(?<![a-z0-9])${escaped}${open ? '' : '(?![a-z0-9])'}`);
}

/** The first offset of any of `phrases` in `text` (lower case), with its length. */
function firstOf(
  text: string,
  phrases: readonly RegExp[],
): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const p of phrases) {
    const m = p.exec(text);
    if (m !== null && (best === undefined || m.index < best.at)) {
      best = { at: m.index, length: m[0].length };
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
  const body = withoutStorySections(text, sections).toLowerCase();
  const out: ReportFinding[] = [];
  for (const s of signatures) {
    if (out.some((f) => f.code === s.code) || firstOf(body, s.none) !== undefined) {
      continue;
    }
    const hits = s.all.map((group) => firstOf(body, group));
    const first = hits[0];
    if (first !== undefined && hits.every((h) => h !== undefined)) {
      out.push({ code: s.code, note: s.note, start: first.at, end: first.at + first.length });
    }
  }
  return out;
}
