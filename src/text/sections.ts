/** A canonical section name. */
export type SectionName =
  | 'chief complaint'
  | 'hpi'
  | 'pmh'
  | 'psh'
  | 'family history'
  | 'social history'
  | 'ros'
  | 'exam'
  | 'findings'
  | 'impression'
  | 'assessment'
  | 'plan'
  | 'indication'
  | 'technique'
  | 'comparison'
  | 'procedure'
  | 'medications'
  | 'allergies'
  | 'preoperative diagnosis'
  | 'postoperative diagnosis'
  | 'admission diagnosis'
  | 'discharge diagnosis'
  | 'hospital course'
  | 'labs'
  | 'title'
  /** A heading the table does not know ("CONDITION ON DISCHARGE:"): it still ends the section before. */
  | 'other';

/** A section of the note: from its heading to the next heading. */
export interface SectionSpan {
  readonly name: SectionName;
  /** The heading text as written. */
  readonly heading: string;
  readonly start: number;
  readonly end: number;
}

/** Heading words → canonical section (lower case, without the colon). */
const HEADINGS: ReadonlyMap<string, SectionName> = new Map<string, SectionName>([
  ['chief complaint', 'chief complaint'],
  ['cc', 'chief complaint'],
  ['reason for visit', 'chief complaint'],
  ['history of present illness', 'hpi'],
  ['hpi', 'hpi'],
  ['history', 'hpi'],
  ['clinical history', 'indication'],
  ['clinical', 'indication'],
  ['clinical indication', 'indication'],
  ['clinical indications', 'indication'],
  ['clinical information', 'indication'],
  ['present illness', 'hpi'],
  ['past medical history', 'pmh'],
  ['pmh', 'pmh'],
  ['medical history', 'pmh'],
  ['past history', 'pmh'],
  ['past surgical history', 'psh'],
  ['psh', 'psh'],
  ['surgical history', 'psh'],
  ['family history', 'family history'],
  ['fh', 'family history'],
  ['fhx', 'family history'],
  ['social history', 'social history'],
  ['sh', 'social history'],
  ['review of systems', 'ros'],
  ['ros', 'ros'],
  ['physical exam', 'exam'],
  ['physical examination', 'exam'],
  ['exam', 'exam'],
  ['examination', 'exam'],
  ['pe', 'exam'],
  ['vital signs', 'exam'],
  ['vitals', 'exam'],
  ['findings', 'findings'],
  ['results', 'findings'],
  ['impression', 'impression'],
  ['conclusion', 'impression'],
  ['conclusions', 'impression'],
  ['assessment', 'assessment'],
  ['assessment and plan', 'assessment'],
  ['a/p', 'assessment'],
  ['diagnosis', 'assessment'],
  ['diagnoses', 'assessment'],
  ['discharge diagnosis', 'discharge diagnosis'],
  ['discharge diagnoses', 'discharge diagnosis'],
  ['final diagnosis', 'discharge diagnosis'],
  ['final diagnoses', 'discharge diagnosis'],
  ['principal diagnosis', 'discharge diagnosis'],
  ['secondary diagnoses', 'discharge diagnosis'],
  ['postoperative diagnosis', 'postoperative diagnosis'],
  ['postoperative diagnoses', 'postoperative diagnosis'],
  ['post-operative diagnosis', 'postoperative diagnosis'],
  ['postop diagnosis', 'postoperative diagnosis'],
  ['postprocedure diagnosis', 'postoperative diagnosis'],
  ['postprocedural diagnosis', 'postoperative diagnosis'],
  ['preoperative diagnosis', 'preoperative diagnosis'],
  ['preoperative diagnoses', 'preoperative diagnosis'],
  ['pre-operative diagnosis', 'preoperative diagnosis'],
  ['preop diagnosis', 'preoperative diagnosis'],
  ['preprocedure diagnosis', 'preoperative diagnosis'],
  ['admitting diagnosis', 'admission diagnosis'],
  ['admitting diagnoses', 'admission diagnosis'],
  ['admission diagnosis', 'admission diagnosis'],
  ['admission diagnoses', 'admission diagnosis'],
  ['diagnosis at admission', 'admission diagnosis'],
  ['pre and postoperative diagnosis', 'postoperative diagnosis'],
  ['preoperative and postoperative diagnosis', 'postoperative diagnosis'],
  ['primary diagnosis', 'assessment'],
  ['current diagnosis', 'assessment'],
  ['problems/diagnosis', 'assessment'],
  ['dsm iv diagnosis', 'assessment'],
  ['dsm-iv diagnosis', 'assessment'],
  ['impression and plan', 'assessment'],
  ['impression/plan', 'assessment'],
  ['assessment/plan', 'assessment'],
  ['assessment & plan', 'assessment'],
  ['clinical impression', 'impression'],
  ['diagnostic impression', 'impression'],
  ['summary', 'impression'],
  ['opinion', 'impression'],
  ['interpretation', 'findings'],
  ['hospital course', 'hospital course'],
  ['course in the hospital', 'hospital course'],
  ['emergency department course', 'hospital course'],
  ['ed course', 'hospital course'],
  ['clinical course', 'hospital course'],
  ['laboratory data', 'labs'],
  ['laboratory', 'labs'],
  ['laboratory studies', 'labs'],
  ['labs', 'labs'],
  ['lab data', 'labs'],
  ['diagnostic data', 'labs'],
  ['data', 'labs'],
  ['reason for consultation', 'chief complaint'],
  ['reason for consult', 'chief complaint'],
  ['reason for referral', 'chief complaint'],
  ['reason for admission', 'chief complaint'],
  ['presenting complaint', 'chief complaint'],
  ['subjective', 'hpi'],
  ['objective', 'exam'],
  ['hx', 'hpi'],
  ['past medical/surgical history', 'pmh'],
  ['past medical and surgical history', 'pmh'],
  ['past psychiatric history', 'pmh'],
  ['review of system', 'ros'],
  ['systems review', 'ros'],
  ['physical findings', 'exam'],
  ['general', 'exam'],
  ['indications for procedure', 'indication'],
  ['indication for procedure', 'indication'],
  ['indications for operation', 'indication'],
  ['reason for examination', 'indication'],
  ['reason for the test', 'indication'],
  ['procedure performed', 'procedure'],
  ['procedures performed', 'procedure'],
  ['operation performed', 'procedure'],
  ['operations performed', 'procedure'],
  ['name of procedure', 'procedure'],
  ['name of operation', 'procedure'],
  ['title of operation', 'procedure'],
  ['title of procedure', 'procedure'],
  ['description of procedure', 'procedure'],
  ['description of operation', 'procedure'],
  ['procedure in detail', 'procedure'],
  ['details of procedure', 'procedure'],
  ['procedure note', 'procedure'],
  ['operative procedure', 'procedure'],
  ['surgical procedure', 'procedure'],
  ['surgery performed', 'procedure'],
  ['surgeries performed', 'procedure'],
  ['surgical intervention', 'procedure'],
  ['operative intervention', 'procedure'],
  ['type of procedure', 'procedure'],
  ['type of operation', 'procedure'],
  ['procedure done', 'procedure'],
  ['procedures planned and performed', 'procedure'],
  ['procedure details', 'procedure'],
  ['procedure detail', 'procedure'],
  ['procedure description', 'procedure'],
  ['operative procedure in detail', 'procedure'],
  ['operation in detail', 'procedure'],
  ['details of operation', 'procedure'],
  ['description of procedure in detail', 'procedure'],
  ['technique of procedure', 'procedure'],
  ['summary of procedure', 'procedure'],
  ['findings and procedure', 'procedure'],
  ['indication for surgery', 'indication'],
  ['indications for surgery', 'indication'],
  ['admission medications', 'medications'],
  ['discharge medications', 'medications'],
  ['medications on discharge', 'medications'],
  ['home medications', 'medications'],
  ['family medical history', 'family history'],
  ['social hx', 'social history'],
  ['family hx', 'family history'],
  ['plan', 'plan'],
  ['recommendations', 'plan'],
  ['disposition', 'plan'],
  ['indication', 'indication'],
  ['indications', 'indication'],
  ['reason for exam', 'indication'],
  ['reason for study', 'indication'],
  ['technique', 'technique'],
  ['procedure', 'procedure'],
  ['procedures', 'procedure'],
  ['procedure performed', 'procedure'],
  ['operation', 'procedure'],
  ['operations', 'procedure'],
  ['surgery performed', 'procedure'],
  ['surgical procedure', 'procedure'],
  ['surgical procedures', 'procedure'],
  ['comparison', 'comparison'],
  ['comparisons', 'comparison'],
  ['medications', 'medications'],
  ['current medications', 'medications'],
  ['meds', 'medications'],
  ['allergies', 'allergies'],
  ['exam performed', 'title'],
  ['study', 'title'],
]);

/**
 * Labels of body systems and exam parts ("HEENT:", "LUNGS:", "NEUROLOGIC:"): inside the review of
 * systems or the exam they are sub-headings, not sections of their own.
 */
const SUBHEADINGS = new Set([
  'heent',
  'head',
  'eyes',
  'ears',
  'nose',
  'throat',
  'mouth',
  'ent',
  'neck',
  'chest',
  'lungs',
  'lung',
  'heart',
  'cardiac',
  'cardiovascular',
  'cv',
  'respiratory',
  'pulmonary',
  'abdomen',
  'abdominal',
  'gi',
  'gastrointestinal',
  'gu',
  'genitourinary',
  'rectal',
  'pelvic',
  'breasts',
  'back',
  'spine',
  'extremities',
  'musculoskeletal',
  'msk',
  'skin',
  'integumentary',
  'neurologic',
  'neurological',
  'neuro',
  'psychiatric',
  'psych',
  'lymphatic',
  'lymph nodes',
  'hematologic',
  'heme/lymph',
  'endocrine',
  'allergic/immunologic',
  'constitutional',
  'vital signs',
  'vitals',
  'general',
  'mental status',
  'pulses',
  'vascular',
]);

/**
 * Where a line's heading ends: its colon, or — in transcriptions whose line breaks became commas
 * ("OPERATION PERFORMED,1. Appendectomy.") — the comma after a known heading in capitals; -1 if none.
 */
function headingEnd(line: string): number {
  const colon = line.indexOf(':');
  const comma = line.indexOf(',');
  // A colon first is the heading's ("HPI: pain, fever"); a comma first may end a capital heading
  // whose list goes on to hold a colon ("OPERATIVE PROCEDURE,1. CPT code 63075: Discectomy").
  if (comma <= 0 || (colon >= 0 && colon < comma)) {
    return colon;
  }
  const before = line.slice(0, comma).trim().replace(/\s+/g, ' ');
  return before !== '' &&
    before === before.toUpperCase() &&
    knownHeading(before.toLowerCase()) !== undefined
    ? comma
    : colon;
}

/**
 * A heading in the table's spelling: without a plural marker in brackets ("DIAGNOSIS (ES)"), with
 * "pre-op", "post op" and "post-procedure" written as one word, "diagnoses" as "diagnosis", without
 * its number ("PROCEDURE #2").
 */
function canonicalHeading(key: string): string {
  return (
    key
      .replace(/\s*\((?:e?s)\)$/, '')
      // A numbered heading ("PROCEDURE #2", "OPERATION NO. 1") names its section.
      .replace(/\s*(?:#\s*\d+|no\.?\s*\d+|number\s+\d+|\d+)$/, '')
      .replace(
        /\b(pre|post)[\s-]?(op|operative|procedure|procedural)\b/g,
        (_, when: string, what: string) => `${when}${what === 'op' ? 'operative' : what}`,
      )
      .replace(/\bdiagnoses\b/g, 'diagnosis')
  );
}

/** The section a heading names, in the singular or the plural ("OPERATIVE PROCEDURES", "ADMITTING DIAGNOSES"). */
function knownHeading(key: string): SectionName | undefined {
  const name =
    HEADINGS.get(key) ?? (key.endsWith('s') ? HEADINGS.get(key.slice(0, -1)) : undefined);
  if (name !== undefined) {
    return name;
  }
  // "DESCRIPTION OF THE PROCEDURE", "INDICATIONS FOR THE OPERATION", "DETAILS OF THE OPERATION".
  if (key.includes(' the ')) {
    return knownHeading(key.replace(/ the /g, ' '));
  }
  const canonical = canonicalHeading(key);
  return canonical === key ? undefined : knownHeading(canonical);
}

/** Whether `line[from, to)` holds a lower-case ASCII letter. */
function hasLower(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      return true;
    }
  }
  return false;
}

/**
 * A line that cannot be a heading, told cheaply: no colon, and lower case both in the line (so it is
 * no heading alone in capitals) and before its first comma (so it is no capital heading ended by a
 * comma, see {@link headingEnd}). Most lines of a narrative note are such lines.
 */
function isProse(line: string): boolean {
  if (line.includes(':')) {
    return false;
  }
  const comma = line.indexOf(',');
  return comma > 0 ? hasLower(line, 0, comma) : hasLower(line, 0, line.length);
}

/**
 * Finds section headings: a line that starts with a known heading followed by a colon
 * ("HPI:", "Past Medical History: ..."), or a known heading alone on an all-caps line ("IMPRESSION").
 * The first line of a radiology report ("EXAM: CT HEAD") is the title. Linear in the note length.
 */
export function detectSections(text: string): SectionSpan[] {
  const found: { name: SectionName; heading: string; start: number }[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 80));
    if (isProse(line)) {
      lineStart = lineEnd + 1;
      continue;
    }
    const colon = headingEnd(line);
    const candidate = (colon > 0 ? line.slice(0, colon) : line).trim().replace(/\s+/g, ' ');
    const key = candidate.toLowerCase();
    const current = found.at(-1)?.name;
    const known = knownHeading(key);
    const upper = candidate === candidate.toUpperCase() && /[A-Z]/.test(candidate);
    // A body-system label inside the review of systems or the exam continues it.
    const sub = SUBHEADINGS.has(key) && (current === 'ros' || current === 'exam');
    const name =
      known ??
      // An unknown heading in capitals before a colon ("CONDITION ON DISCHARGE:") ends the section.
      (colon > 0 && upper && /^[A-Z][A-Z /&,'-]{2,40}$/.test(candidate) && !SUBHEADINGS.has(key)
        ? 'other'
        : undefined);
    if (!sub && name !== undefined && (colon > 0 || upper)) {
      found.push({
        name: key === 'exam' && found.length === 0 ? 'title' : name,
        heading: candidate,
        start: lineStart,
      });
    }
    lineStart = lineEnd + 1;
  }
  const spans = found.map((s, i) => ({ ...s, end: found[i + 1]?.start ?? text.length }));
  return sameAsPreoperative(spans, text);
}

/** A postoperative diagnosis that only says "Same" ("Same as above", "Unchanged"). */
const SAME =
  /^[\s:.-]*(?:same|unchanged)(?:\s+as\s+(?:above|(?:the\s+)?pre-?op(?:erative)?(?:\s+diagnos[ie]s)?))?[\s.]*$/i;

/**
 * "POSTOPERATIVE DIAGNOSIS: Same.": the preoperative diagnosis is the postoperative one, and is read as
 * such (a coder codes the postoperative diagnosis).
 */
function sameAsPreoperative(spans: SectionSpan[], text: string): SectionSpan[] {
  const same = spans.findIndex(
    (s) =>
      s.name === 'postoperative diagnosis' &&
      SAME.test(text.slice(s.start + s.heading.length, s.end)),
  );
  if (same < 0) {
    return spans;
  }
  return spans.map((s, i) =>
    i < same && s.name === 'preoperative diagnosis' ? { ...s, name: 'postoperative diagnosis' } : s,
  );
}

/** The section containing an offset, if any. */
export function sectionAt(
  sections: readonly SectionSpan[],
  offset: number,
): SectionSpan | undefined {
  for (const s of sections) {
    if (offset >= s.start && offset < s.end) {
      return s;
    }
  }
  return undefined;
}
