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
  | 'title';

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
  ['discharge diagnosis', 'assessment'],
  ['discharge diagnoses', 'assessment'],
  ['final diagnosis', 'assessment'],
  ['postoperative diagnosis', 'assessment'],
  ['preoperative diagnosis', 'assessment'],
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
    const colon = line.indexOf(':');
    const candidate = (colon > 0 ? line.slice(0, colon) : line).trim().replace(/\s+/g, ' ');
    const key = candidate.toLowerCase();
    const name = HEADINGS.get(key);
    if (
      name !== undefined &&
      (colon > 0 || (candidate === candidate.toUpperCase() && /[A-Z]/.test(candidate)))
    ) {
      found.push({
        name: key === 'exam' && found.length === 0 ? 'title' : name,
        heading: candidate,
        start: lineStart,
      });
    }
    lineStart = lineEnd + 1;
  }
  return found.map((s, i) => ({ ...s, end: found[i + 1]?.start ?? text.length }));
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
