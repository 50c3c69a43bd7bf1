import type { EmCue } from './em/em-types.js';
import type { SectionName, SectionSpan } from '../../text/sections.js';

/**
 * What kind of note a procedure trigger sits in:
 * - `operative`: an operative or procedure report (pre/postoperative diagnosis, or a list of the
 *   procedures performed): what it bills is what its title and procedure list name;
 * - `report`: a diagnostic report without the sections of a visit (an echo, a stress test, pulmonary
 *   function tests): the note is the test, so its words anywhere outside the indication name it;
 * - `encounter`: a visit, consult or H&P: tests it mentions (an EKG, a urinalysis, an echocardiogram) are
 *   results read or ordered, not services of this note, unless its procedure list names them; office
 *   procedures the note documents as done here are coded;
 * - `summary`: a discharge summary: the stay's procedures were billed by whoever did them; the summary
 *   bills its discharge visit only.
 */
export type ProcedureNoteKind = 'operative' | 'report' | 'encounter' | 'summary';

/**
 * Where a CPT trigger may bill (the `scope` attribute in cpt.tsv): `listed` (default), `encounter` (an
 * office procedure the visit says was done) or `visit` (the kind of visit itself, such as a preventive
 * visit: named in the reason for the visit or its history, never in the plan or the past history).
 */
export type ProcedureScope = 'listed' | 'encounter' | 'visit';

/**
 * Sections that name an earlier or a later visit, not this one, or that assess and plan: the kind of
 * visit is told where the note opens (its reason, its story), never where it orders the next one.
 */
const OTHER_VISIT_SECTIONS: ReadonlySet<SectionName> = new Set([
  'pmh',
  'psh',
  'family history',
  'social history',
  'medications',
  'allergies',
  'plan',
  'assessment',
  'impression',
  'discharge diagnosis',
  'hospital course',
]);

/**
 * Sections of a visit: a note with one of them is an encounter, not a test report. A list of
 * medications alone is not one: test reports (an EEG, pulmonary function tests) list them too.
 */
const ENCOUNTER_SECTIONS: ReadonlySet<SectionName> = new Set([
  'chief complaint',
  'pmh',
  'psh',
  'family history',
  'social history',
  'ros',
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

/** Headings of a visit's story that the section table files under other names or none. */
const VISIT_STORY_HEADING = /\b(subjective|objective|review of systems)\b/i;

/** A first line that names a visit ("FOLLOW-UP VISIT", "PROGRESS NOTE", "OFFICE CONSULTATION"). */
const VISIT_TITLE =
  /\b(visit|follow-?up|consultation|progress note|office note|history and physical|h&p|clinic note|soap note|dear)\b/i;

/** Sections of what was seen or measured, where a past participle describes ("a drained abscess"). */
const SEEN_SECTIONS: ReadonlySet<SectionName> = new Set(['exam', 'findings', 'ros', 'labs']);

/** Headings of an immunization record ("IMMUNIZATION HISTORY", "VACCINES"). */
const IMMUNIZATION_RECORD =
  /^(immuni[sz]ations?|vaccines?|vaccinations?)( history| status| record)?$/i;

/**
 * Words that date a procedure before this encounter, or tell of another visit ("he was in for a complete
 * physical on 05/02/2008", "she went to her primary care physician for a routine physical").
 */
export const BEFORE_NOW =
  /\b(years?|months?|weeks?|days?) ago\b|\bin the (last|past)\b|\b(in|since) (19|20)\d\d\b|\bhistory of\b|\bstatus post\b|\bs\/p\b|\bprior\b|\bprevious(ly)?\b|\bhad (a|an|her|his)\b|\b(was|were) in for\b|\bwent to (his|her|their|the|a)\b|\b(was|were) seen\b|\bseen in (my|our|the) (office|clinic)\b/i;

/** Sections of a discharge summary. */
const SUMMARY_SECTIONS: ReadonlySet<SectionName> = new Set([
  'hospital course',
  'admission diagnosis',
  'discharge diagnosis',
]);

/** Headings that only a hospital stay's summary has. */
const SUMMARY_HEADING = /discharge|hospital|admission|admitting/i;

/** The longest procedure section read as a list of procedures rather than the operation's story. */
const LIST_CHARS = 600;

/** A procedure heading that introduces the narrative ("DESCRIPTION OF PROCEDURE", "PROCEDURE IN DETAIL"). */
const NARRATIVE_HEADING = /\b(description|detail|details|note|technique|course|narrative)\b/i;

/**
 * Whether a section lists the procedures performed ("PROCEDURES PERFORMED:", "OPERATION:", "TITLE OF
 * PROCEDURE:"): a procedure heading that does not announce the narrative, over a short section.
 */
export function isProcedureList(section: SectionSpan): boolean {
  return (
    (section.name === 'procedure' || section.name === 'title') &&
    !NARRATIVE_HEADING.test(section.heading) &&
    section.end - section.start <= LIST_CHARS
  );
}

/** Whether `offset` sits in a procedure list, or on the first line of a procedure section ("PROCEDURE: EGD. The scope was…"). */
function listedAt(text: string, section: SectionSpan | undefined, offset: number): boolean {
  if (section === undefined || (section.name !== 'procedure' && section.name !== 'title')) {
    return false;
  }
  if (isProcedureList(section)) {
    return true;
  }
  if (NARRATIVE_HEADING.test(section.heading) || offset - section.start > 200) {
    return false;
  }
  const lineEnd = text.indexOf('\n', section.start);
  const sentenceEnd = text.indexOf('. ', section.start + section.heading.length + 1);
  const end = Math.min(
    lineEnd < 0 ? text.length : lineEnd,
    sentenceEnd < 0 ? text.length : sentenceEnd,
  );
  return offset < end;
}

/** Whether a section assesses or plans ("ASSESSMENT:", "PLAN:", "A/P:"): a visit's, or a procedure report's last. */
export function isClosing(s: SectionSpan): boolean {
  return (
    /\bassessment\b/i.test(s.heading) ||
    (s.name === 'plan' && /^(plan|assessment and plan|a\/p)$/i.test(s.heading.trim()))
  );
}

/** The kind of note, from its sections (see {@link ProcedureNoteKind}). */
export function procedureNoteKind(
  sections: readonly SectionSpan[],
  firstLine = '',
): ProcedureNoteKind {
  // "Final diagnosis" closes a procedure note and "ED course" a visit as well: the heading must say so.
  if (sections.some((s) => SUMMARY_SECTIONS.has(s.name) && SUMMARY_HEADING.test(s.heading))) {
    return 'summary';
  }
  if (
    sections.some(
      (s) =>
        s.name === 'preoperative diagnosis' ||
        s.name === 'postoperative diagnosis' ||
        (s.name === 'procedure' &&
          /performed|operation|operative|name of|title of/i.test(s.heading)),
    )
  ) {
    return 'operative';
  }
  // A bare "HISTORY:" heads a test report's clinical history as often as a visit's.
  const story = (s: SectionSpan): boolean =>
    ENCOUNTER_SECTIONS.has(s.name) ||
    VISIT_STORY_HEADING.test(s.heading) ||
    (s.name === 'hpi' && !/^history$/i.test(s.heading.trim()));
  if (sections.some(story) || VISIT_TITLE.test(firstLine)) {
    return 'encounter';
  }
  if (!sections.some(isClosing)) {
    return 'report';
  }
  // A procedure report closes on what comes next ("PLAN: medical treatment; an echocardiogram is
  // ordered"): without a visit's story, its plan or assessment does not make a visit of a note whose
  // procedure is told in a narrative only (with a list, the list bills, as at a visit).
  const procedure = sections.some((s) => s.name === 'procedure');
  return procedure && !sections.some(isProcedureList) ? 'operative' : 'encounter';
}

/** Where one trigger sits. */
export interface TriggerPlace {
  /** The note. */
  readonly text: string;
  /** The trigger's first character. */
  readonly offset: number;
  /** In the note's title: a short first line, or all of its words there. */
  readonly title: boolean;
  /** The section around it, if any. */
  readonly section: SectionSpan | undefined;
  /** Its sentence or one either side says something was done. */
  readonly performedWords: boolean;
  /** Its sentence dates it before this encounter ("9 years ago", "status post", "in 2015"). */
  readonly historical?: boolean;
  /** Its sentence tells, in the past tense and without a word of planning, that it was done. */
  readonly toldDone?: boolean;
}

/** Words that tell a procedure was done, in the past tense. */
const DONE_WORDS =
  /\b(debrided|trimmed|pared|injected|performed|done|removed|applied|excised|drained|incised|aspirated|placed|repaired|sutured|administered|given|received|updated|counseled|counselled|provided|spent|cauterized|destroyed|frozen|treated with)\b/i;
/** Words of a plan: something to do, not done. */
const PLANNING_WORDS =
  /\b(will|would|shall|plans?|planned|planning|schedul\w*|recommend\w*|consider\w*|next|return\w*|may|might|should|could|can|to be|if|needs?|needed|due)\b/i;

/**
 * Whether a sentence says, in the past tense and without a word of planning, that something was done
 * ("Nails one through ten were debrided."), or that it is done today ("Will receive MMR and IPV
 * today."), as office notes tell what was done under their plan.
 */
export function toldDone(sentence: string): boolean {
  const told = sentence.replace(HEADING_LABEL, '');
  if (TODAY.test(told) && !LATER_VISIT.test(told)) {
    return true;
  }
  return DONE_WORDS.test(told) && !PLANNING_WORDS.test(told);
}

/** "Today": what the plan does today is done at this visit ("MMR and varicella #1 today"). */
const TODAY = /\btoday\b/i;
/** Words of a later visit or of something not done, which "today" does not outweigh. */
const LATER_VISIT =
  /\b(next|return\w*|follow[- ]?up|schedul\w*|declin\w*|refus\w*|deferr?\w*|held|not|no|until|if)\b/i;

/** A heading at the start of a sentence ("PLAN:", "P:"), which is no word of the sentence. */
const HEADING_LABEL = /^\s*[a-z][a-z /&-]{0,40}:/i;

/** Sections of a test report that describe the test itself ("IMPRESSION: Normal awake and drowsy EEG"). */
const REPORT_OWN_SECTIONS: ReadonlySet<SectionName> = new Set([
  'impression',
  'findings',
  'technique',
]);

/** How far into a report without sections its own procedure is named. */
const REPORT_OPENING = 400;

/**
 * Whether a procedure named at `place` was done at this encounter and is billed by this note: never from
 * a discharge summary, the history, the plan or the indication (but an office procedure the plan tells as
 * done, `toldDone`, however its words lie in that sentence); a title or a procedure list always, and
 * the opening of a report without sections; an office procedure (`encounter` scope) in a procedure
 * section, or in a sentence that says it was done, unless the note is an operative report that lists
 * its procedures (a splint applied after the operation is part of it) — never a `listed` service named
 * only in the narrative (a Foley catheter placed during the operation, an EKG read at a visit). Outside a title or
 * list the trigger's words must stand together (`tight`). With `narrative`, asked for when an operative or
 * procedure report neither lists nor titles a procedure, a `listed` service its procedure section says was
 * done is billed too.
 */
export function billedHere(
  place: TriggerPlace,
  scope: ProcedureScope,
  kind: ProcedureNoteKind,
  hasList: boolean,
  tight = true,
  narrative = false,
): boolean {
  const { section } = place;
  // A vaccine under "IMMUNIZATIONS:" is the record of earlier doses.
  if (section !== undefined && IMMUNIZATION_RECORD.test(section.heading.trim())) {
    return false;
  }
  if (scope === 'visit') {
    return (
      kind === 'encounter' &&
      place.historical !== true &&
      !(section !== undefined && OTHER_VISIT_SECTIONS.has(section.name))
    );
  }
  // Told as done: under the plan, or where the visit tells what it did, never in an exam or a result
  // ("a drained abscess" is what the examiner saw). An office procedure told as done under the plan
  // ("PLAN: Ten nails debrided.") was done at the visit.
  const told =
    place.toldDone === true && !(section !== undefined && SEEN_SECTIONS.has(section.name));
  const donePlan = scope === 'encounter' && section?.name === 'plan' && told;
  if (
    kind === 'summary' ||
    (section !== undefined && NOT_HERE_SECTIONS.has(section.name) && !donePlan)
  ) {
    return false;
  }
  if (place.title || listedAt(place.text, section, place.offset)) {
    return true;
  }
  if ((!tight && !donePlan) || place.historical === true) {
    return false;
  }
  if (
    kind === 'report' &&
    (place.offset < REPORT_OPENING ||
      (section !== undefined && REPORT_OWN_SECTIONS.has(section.name)))
  ) {
    return true;
  }
  if (scope === 'listed') {
    // Asked for (`narrative`) when an operative or procedure report lists and titles nothing: a
    // procedure its procedure section says was done is billed there.
    return narrative && section?.name === 'procedure' && place.performedWords;
  }
  // An operative report that lists its procedures bills what it lists: a splint applied or a wound
  // closed on the way is part of the operation (the surgical package), not a service of its own.
  if (kind === 'operative' && hasList) {
    return false;
  }
  return section?.name === 'procedure' || place.performedWords || told;
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

/** Relatives whose age a note gives beside the patient's ("lives with her 23-year-old mother"). */
const RELATIVE =
  /^[- ]+(?:[a-z-]+ )?(?:mother|mom|father|dad|sister|brother|siblings?|grandmother|grandfather|grandma|grandpa|aunt|uncle|spouse|wife|husband|son|daughter|cousin|parents?)\b/i;
/** "a 7-year-old", "14-1/2-year-old", "12-month-old", "5-year 3-month-old", "58 year old". */
const AGE_OLD =
  /\b(\d{1,3})(?:-1\/2| 1\/2|\.5)?[- ](years?|yrs?|months?|weeks?|days?)(?:[- ]+(?:and[- ])?\d{1,2}[- ]?months?)?[- ]old\b/gi;
/** "her 5-year 3-month well-child check": an age in years and months without "old". */
const AGE_COMPOUND = /\b(\d{1,3})[- ](years?|months?)[- ]\d{1,2}[- ]months?\b/gi;

/**
 * The patient's age in years as the note states it first ("a 7-year-old", "14-1/2-year-old" → 14,
 * "18-month-old" → 1, "9-month-old" → 0, "5-year 3-month well-child check" → 5); a relative's age
 * ("lives with her 23-year-old mother") is not the patient's.
 */
export function patientAge(text: string): number | undefined {
  const head = text.slice(0, 4000);
  let best: { at: number; n: number; unit: string } | undefined;
  for (const re of [AGE_OLD, AGE_COMPOUND]) {
    for (const m of head.matchAll(re)) {
      if (best !== undefined && m.index >= best.at) {
        break;
      }
      if (
        m[1] === undefined ||
        m[2] === undefined ||
        RELATIVE.test(head.slice(m.index + m[0].length, m.index + m[0].length + 40))
      ) {
        continue;
      }
      best = { at: m.index, n: Number(m[1]), unit: m[2].toLowerCase() };
      break;
    }
  }
  if (best === undefined) {
    return undefined;
  }
  if (best.unit.startsWith('y')) {
    return best.n;
  }
  return best.unit.startsWith('m') ? Math.floor(best.n / 12) : 0;
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

/**
 * A fracture or dislocation treated at this encounter (reduced, fixed or pinned): its first cast or
 * splint is part of that treatment (CPT's fracture care), never a service of its own.
 */
const FRACTURE_CARE =
  /\b(open|closed) reduction\b|\binternal fixation\b|\borif\b|\bcrpp\b|\bpercutaneous(ly)? pinn|\bexternal fixat|\breduction of (the |a |an )?[a-z\s-]{0,30}(fracture|dislocation)/i;

/**
 * Whether each code fits what a note says of its patient and encounter: its age band (`age`; where the
 * note states no age, the code's `assume-age` is read, else an adult's), whether the patient is new
 * (`patient=new|established`, by the E/M lexicon's firm new-patient cues: "new patient", "first visit to
 * our office"), and a cast or splint (`package=fracture`) only where no fracture is treated.
 * @param entries - the CPT lexicon's entries
 * @param cues - the E/M cues (`em-cues.tsv`)
 */
export function codeFitsNote(
  entries: readonly { code: string; attributes: Readonly<Record<string, string | undefined>> }[],
  cues: readonly EmCue[],
): (text: string) => (code: string) => boolean {
  const attributes = new Map(entries.map((e) => [e.code, e.attributes]));
  const firm = cues.filter((c) => c.kind === 'patient' && c.value === 'new' && c.weight >= 2);
  return (text) => {
    const age = patientAge(text);
    let isNew: boolean | undefined;
    return (code) => {
      const a = attributes.get(code);
      const assumed = a?.['assume-age'];
      if (!ageFits(a?.age, age ?? (assumed === undefined ? undefined : Number(assumed)))) {
        return false;
      }
      if (a?.package === 'fracture' && FRACTURE_CARE.test(text)) {
        return false;
      }
      if (a?.patient === undefined) {
        return true;
      }
      isNew ??= firm.some((c) => [...text.matchAll(c.pattern)].length > 0);
      return (a.patient === 'new') === isNew;
    };
  };
}

/** Words any list item may hold beside a service's own: sides, joins, the anaesthetic. */
const LIST_FILLER = new Set(
  (
    'and with of the a an under anesthesia general local left right bilateral diagnostic flexible ' +
    'rigid exam examination evaluation x1 x2 in to for office surveillance routine sedation topical ' +
    'lidocaine jelly'
  ).split(' '),
);

/**
 * Whether the note's procedure lists name an operation other than a service made of `own` words (word
 * beginnings, such as "cysto" and "biops"): a diagnostic endoscopy listed beside a sling, an ablation or
 * a laparotomy is part of that operation (`package=list`), though its code may be one notecoder does not
 * know. Every word of the note's first procedure list must be one of the service's own or a filler (a
 * side, a join).
 */
export function listNamesOther(
  text: string,
  sections: readonly SectionSpan[],
  own: readonly string[],
): boolean {
  // The first list: a later short "PROCEDURE:" section is the narrative of a short note.
  const list = sections.find(isProcedureList);
  if (list === undefined) {
    return false;
  }
  const at = text.indexOf(list.heading, list.start);
  const body = text.slice(at < 0 ? list.start : at + list.heading.length, list.end).toLowerCase();
  return (body.match(/[a-z][a-z0-9-]*/g) ?? []).some(
    (word) => !LIST_FILLER.has(word) && !own.some((o) => word.startsWith(o)),
  );
}
