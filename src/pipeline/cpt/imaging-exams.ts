import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import type { Evidence } from '../../core/types.js';
import type { Candidate } from '../candidate.js';
import { examFacets, radiologyCode, type ExamFacets } from './radiology.js';

/** Makes a CPT candidate at a fixed confidence (see `cptCandidates`). */
export type MakeCandidate = (
  code: string,
  confidence: number,
  ev: Evidence,
  reason: string,
  modifiers?: string[],
) => Candidate;

/** A modality word that opens one exam of a title listing several. */
const MODALITY_WORD = /\b(ct|cta|mri|mr|mra|x-?ray|ultrasound)\b/i;

/** Words that name an earlier study the title compares with. */
const EARLIER = /\b(comparison|compared|prior|previous|old)\b/i;

/**
 * The exams of a title: one, or several when it lists exams that each name their modality ("CT head
 * without contrast, CT facial bones without contrast, and CT cervical spine"). The abdomen and pelvis
 * scanned together stay one exam (one combined code).
 */
export function examParts(title: {
  text: string;
  start: number;
}): { text: string; start: number }[] {
  const pieces: { text: string; from: number; to: number }[] = [];
  const re = /,\s*(?:and\s+)?|;\s*|\s+and\s+/gi;
  let from = 0;
  for (let m = re.exec(title.text); ; m = re.exec(title.text)) {
    const to = m === null ? title.text.length : m.index;
    pieces.push({ text: title.text.slice(from, to), from, to });
    if (m === null) {
      break;
    }
    from = m.index + m[0].length;
  }
  // "…, comparison chest CT from March": an earlier study, not one of this report's exams.
  const earlier = pieces.findIndex(
    (p, k) => k > 0 && MODALITY_WORD.test(p.text) && EARLIER.test(p.text),
  );
  const own = earlier < 0 ? pieces : pieces.slice(0, earlier);
  const end = own.at(-1)?.to ?? title.text.length;
  const opening = { text: title.text.slice(0, end), start: title.start };
  if (
    own.filter((p) => MODALITY_WORD.test(p.text)).length < 2 ||
    examFacets(opening.text, '')?.region === 'abdomen-pelvis'
  ) {
    return [opening];
  }
  const parts: { text: string; start: number }[] = [];
  for (const p of own) {
    const last = parts.at(-1);
    if (last === undefined || MODALITY_WORD.test(p.text)) {
      parts.push({ text: p.text, start: title.start + p.from });
    } else {
      last.text = title.text.slice(last.start - title.start, p.to);
    }
  }
  return parts;
}

function modifiersOf(facets: ExamFacets, entry: CptEntry): string[] {
  const modifiers = ['26'];
  if (
    facets.laterality !== undefined &&
    facets.laterality !== 'bilateral' &&
    entry.modifiers.includes(facets.laterality)
  ) {
    modifiers.push(facets.laterality);
  }
  if (facets.laterality === 'bilateral' && entry.modifiers.includes('50')) {
    modifiers.push('50');
  }
  return modifiers;
}

/**
 * The imaging exams of a report's title, each coded by modality × region × contrast × views with the
 * 26 and side modifiers; the technique text after the title is read for contrast.
 * @param noteText - the note
 * @param exam - the title line
 * @param entries - the lexicon's imaging entries
 * @param make - the candidate maker
 * @param labelled - the title follows "EXAM:" (see `examFacets`)
 */
export function examCandidates(
  noteText: string,
  exam: { text: string; start: number; end: number },
  entries: readonly CptEntry[],
  make: MakeCandidate,
  labelled = false,
): Candidate[] {
  const out: Candidate[] = [];
  for (const part of examParts(exam)) {
    const facets = examFacets(part.text, noteText.slice(exam.end), labelled);
    const entry = facets === undefined ? undefined : radiologyCode(entries, facets);
    if (facets === undefined || entry === undefined || out.some((c) => c.code === entry.code)) {
      continue;
    }
    const confidence =
      facets.contrastFrom === 'default' || (facets.modality === 'xr' && facets.views === undefined)
        ? 0.75
        : 0.95;
    const contrast = facets.contrast
      ? `, contrast: ${facets.contrast}${facets.contrastFrom === 'n/a' ? '' : ` (from the ${facets.contrastFrom})`}`
      : '';
    const views = facets.views ? `, ${facets.views} view(s)` : '';
    const end = part.start + part.text.length;
    out.push(
      make(
        entry.code,
        confidence,
        { start: part.start, end, text: noteText.slice(part.start, end) },
        `${facets.modality.toUpperCase()} of ${facets.region}${contrast}${views}; modifier 26 when billing the interpretation only, TC for the technical part`,
        modifiersOf(facets, entry),
      ),
    );
  }
  return out;
}
