import type { SectionName, SectionSpan } from '../../text/sections.js';

/**
 * What kind of note a procedure trigger sits in:
 * - `operative`: an operative or procedure report (pre/postoperative diagnosis, or a list of the
 *   procedures performed): what it bills is what its title and procedure list name;
 * - `report`: a diagnostic report without the sections of a visit (an echo, a stress test, pulmonary
 *   function tests): the note is the test, so its words anywhere outside the indication name it;
 * - `encounter`: a visit, consult, H&P or discharge summary: tests it mentions (an EKG, a urinalysis, an
 *   echocardiogram) are results read or ordered, not services of this note, unless its procedure list
 *   names them; office procedures the note documents as done here are coded.
 */
export type ProcedureNoteKind = 'operative' | 'report' | 'encounter';

/** Where a CPT trigger may bill: `listed` (default) or `encounter` (the `scope` attribute in cpt.tsv). */
export type ProcedureScope = 'listed' | 'encounter';

/** Sections of a visit: a note with one of them is an encounter, not a test report. */
const ENCOUNTER_SECTIONS: ReadonlySet<SectionName> = new Set([
  'chief complaint',
  'pmh',
  'psh',
  'family history',
  'social history',
  'ros',
  'medications',
  'allergies',
  'hospital course',
  'admission diagnosis',
  'discharge diagnosis',
]);

/** Sections that tell the story before or after the encounter: a procedure named there was not done here. */
const NOT_HERE_SECTIONS: ReadonlySet<SectionName> = new Set([
  'chief complaint',
  'hpi',
  'pmh',
  'psh',
  'family history',
  'social history',
  'medications',
  'allergies',
  'indication',
  'comparison',
  'plan',
  'hospital course',
  'preoperative diagnosis',
  'postoperative diagnosis',
  'admission diagnosis',
  'discharge diagnosis',
  'labs',
]);

/** A procedure heading that introduces the narrative ("DESCRIPTION OF PROCEDURE", "PROCEDURE IN DETAIL"). */
const NARRATIVE_HEADING = /\b(description|detail|details|note|technique|course|narrative)\b/i;

/** Whether a section lists the procedures performed ("PROCEDURES PERFORMED:", "OPERATION:", "TITLE OF PROCEDURE:"). */
export function isProcedureList(section: SectionSpan): boolean {
  return (
    (section.name === 'procedure' || section.name === 'title') &&
    !NARRATIVE_HEADING.test(section.heading)
  );
}

/** The kind of note, from its sections (see {@link ProcedureNoteKind}). */
export function procedureNoteKind(sections: readonly SectionSpan[]): ProcedureNoteKind {
  if (
    sections.some(
      (s) =>
        s.name === 'preoperative diagnosis' ||
        s.name === 'postoperative diagnosis' ||
        (s.name === 'procedure' && /performed|operation|name of|title of/i.test(s.heading)),
    )
  ) {
    return 'operative';
  }
  // A bare "HISTORY:" heads a test report's clinical history as often as a visit's.
  const visit = (s: SectionSpan): boolean =>
    ENCOUNTER_SECTIONS.has(s.name) || (s.name === 'hpi' && !/^history$/i.test(s.heading.trim()));
  if (sections.some(visit)) {
    return 'encounter';
  }
  return 'report';
}

/** Where one trigger sits. */
export interface TriggerPlace {
  /** In the note's first line. */
  readonly title: boolean;
  /** The section around it, if any. */
  readonly section: SectionSpan | undefined;
  /** Its sentence or one either side says something was done. */
  readonly performedWords: boolean;
}

/**
 * Whether a procedure named at `place` was done at this encounter and is billed by this note: a title or a
 * procedure list always; a diagnostic report's own words outside its indication; an operative report's
 * narrative only when the note lists nothing (and never for a `listed` service such as a Foley catheter
 * placed during the operation); an encounter note's office procedure when its sentence says it was done,
 * never from the history, the plan or the indication.
 */
export function billedHere(
  place: TriggerPlace,
  scope: ProcedureScope,
  kind: ProcedureNoteKind,
  hasList: boolean,
): boolean {
  const { section } = place;
  if (place.title || (section !== undefined && isProcedureList(section))) {
    return true;
  }
  if (section !== undefined && NOT_HERE_SECTIONS.has(section.name)) {
    return false;
  }
  if (kind === 'report') {
    return true;
  }
  if (scope === 'listed') {
    return false;
  }
  if (section?.name === 'procedure') {
    return kind === 'encounter' || !hasList;
  }
  return place.performedWords;
}

/** The note with its story sections (history, indication, plan, …) blanked out, offsets unchanged. */
export function withoutStorySections(text: string, sections: readonly SectionSpan[]): string {
  let out = text;
  for (const s of sections) {
    if (NOT_HERE_SECTIONS.has(s.name)) {
      out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
    }
  }
  return out;
}

/** The patient's age in years as the note states it ("a 7-year-old", "58 year old", "9-month-old" → 0). */
export function patientAge(text: string): number | undefined {
  const m = /\b(\d{1,3})[- ](years?|yrs?|months?|weeks?|days?)[- ]old\b/i.exec(text.slice(0, 4000));
  if (m?.[1] === undefined || m[2] === undefined) {
    return undefined;
  }
  return /^y/i.test(m[2]) ? Number(m[1]) : 0;
}

/**
 * Whether a code for an age band (`age` attribute: "0-11", "12+") fits the patient: an unstated age is
 * read as an adult's.
 */
export function ageFits(band: string | undefined, age: number | undefined): boolean {
  if (band === undefined) {
    return true;
  }
  const years = age ?? 18;
  if (band.endsWith('+')) {
    return years >= Number(band.slice(0, -1));
  }
  const [lo = '0', hi = lo] = band.split('-');
  return years >= Number(lo) && years <= Number(hi);
}
