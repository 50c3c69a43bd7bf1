import type { CodeSet } from '../../codes/code-set.js';
import { termKeys } from '../../core/term-key.js';
import type { Setting, Suggestion } from '../../core/types.js';
import type { SectionName, SectionSpan } from '../../text/sections.js';

/**
 * Where a US coder looks for a reportable diagnosis, as classes of note sections: the diagnosis
 * statements weigh most (assessment, impression, postoperative and discharge diagnoses), the reason
 * for the visit and the indication next; history, review of systems and exam mostly hold what is not
 * reported.
 */
export const SECTION_CLASSES = [
  'dx',
  'preop',
  'admission',
  'complaint',
  'indication',
  'hpi',
  'history',
  'ros',
  'exam',
  'findings',
  'plan',
  'course',
  'family-social',
  'medications',
  'procedure',
  'title',
  'other',
  'none',
] as const;
export type SectionClass = (typeof SECTION_CLASSES)[number];

const CLASS_OF: Readonly<Record<SectionName, SectionClass>> = {
  assessment: 'dx',
  impression: 'dx',
  'postoperative diagnosis': 'dx',
  'discharge diagnosis': 'dx',
  'preoperative diagnosis': 'preop',
  'admission diagnosis': 'admission',
  'chief complaint': 'complaint',
  indication: 'indication',
  hpi: 'hpi',
  pmh: 'history',
  psh: 'history',
  ros: 'ros',
  exam: 'exam',
  findings: 'findings',
  labs: 'findings',
  plan: 'plan',
  'hospital course': 'course',
  'family history': 'family-social',
  'social history': 'family-social',
  medications: 'medications',
  allergies: 'medications',
  procedure: 'procedure',
  technique: 'procedure',
  title: 'title',
  comparison: 'other',
  other: 'other',
};

/** The section class of an evidence span's section name (`none` outside any section). */
export function sectionClass(name: string | undefined): SectionClass {
  if (name === undefined) {
    return 'none';
  }
  return Object.hasOwn(CLASS_OF, name) ? CLASS_OF[name as SectionName] : 'other';
}

/** Names of the selection features, in vector order. */
export const SELECTION_FEATURES = [
  'logit',
  ...SECTION_CLASSES.map((c) => `in:${c}`),
  'firstInDx',
  'noteHasDx',
  'noteHasPostop',
  'noteHasIndication',
  'noteHasImpression',
  'noteHasRos',
  'noteHasExam',
  'symptom',
  'zCode',
  'injury',
  'unspecified',
  'evidenceCount',
  'firstPosition',
  'possible',
  'historical',
  'rank',
  'aboveOperating',
  'inpatient',
  'symptomBesideDxDiagnosis',
  'strongerSibling',
  'evidenceWords',
  'noteLength',
  'dxCover',
  'complaintCover',
  'planCover',
  'topOfCategory',
  'categoryCount',
  'source:suppressed',
  'source:statement',
  'statementScore',
] as const;

/** What the selection features read of a note beside its suggestions. */
export interface SelectionContext {
  readonly text: string;
  readonly sections: readonly SectionSpan[];
  readonly setting: Setting;
  /** The operating threshold the first-stage confidences were judged against. */
  readonly operating: number;
  readonly codeSet: CodeSet;
  /**
   * Per suggestion (same order), where it came from beside the first stage: a candidate the billing
   * rules had dropped for a reason a coder may overrule, or a diagnosis statement read by search (with
   * the search score).
   */
  readonly sources?: readonly { suppressed?: boolean; statement?: number }[];
}

/** Share of a title's words that occur in a set of note words. */
function cover(titleKeys: readonly string[], words: ReadonlySet<string>): number {
  if (titleKeys.length === 0) {
    return 0;
  }
  let n = 0;
  for (const k of titleKeys) {
    if (words.has(k)) {
      n++;
    }
  }
  return n / titleKeys.length;
}

/** The words (term keys) of the note's sections of some classes. */
function sectionWords(context: SelectionContext, classes: ReadonlySet<SectionClass>): Set<string> {
  const words = new Set<string>();
  for (const s of context.sections) {
    if (classes.has(sectionClass(s.name))) {
      for (const k of termKeys(context.text.slice(s.start, s.end))) {
        words.add(k);
      }
    }
  }
  return words;
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

/**
 * The selection feature vector of each ICD-10-CM suggestion of a note (in the order given).
 * @param suggestions - the note's ICD-10-CM suggestions, every one the first stage kept
 */
export function selectionFeatures(
  suggestions: readonly Suggestion[],
  context: SelectionContext,
): number[][] {
  const noteSections = new Set(context.sections.map((s) => sectionClass(s.name)));
  const names = new Set(context.sections.map((s) => s.name));
  const classesOf = suggestions.map((s) => new Set(s.evidence.map((e) => sectionClass(e.section))));
  const ranked = [...suggestions].sort((a, b) => b.confidence - a.confidence);
  const above = suggestions.filter((s) => s.confidence >= context.operating).length;
  const dxDiagnosis = suggestions.some(
    (s, i) => !s.code.startsWith('R') && classesOf[i]?.has('dx') === true,
  );
  const length = Math.max(1, context.text.length);
  const dxWords = sectionWords(context, new Set(['dx']));
  const complaintWords = sectionWords(context, new Set(['complaint', 'indication']));
  const planWords = sectionWords(context, new Set(['plan']));
  const topOfCategory = new Map<string, number>();
  const perCategory = new Map<string, number>();
  for (const s of suggestions) {
    const c = s.code.slice(0, 3);
    topOfCategory.set(c, Math.max(topOfCategory.get(c) ?? 0, s.confidence));
    perCategory.set(c, (perCategory.get(c) ?? 0) + 1);
  }
  return suggestions.map((s, i) => {
    const classes = classesOf[i] ?? new Set<SectionClass>();
    const first = s.evidence[0];
    const title = context.codeSet.get(s.code, 'ICD-10-CM')?.title ?? s.title;
    const titleKeys = termKeys(title).filter((k) => k !== 'unspecifi' && k !== 'other');
    const source = context.sources?.[i];
    const stronger = suggestions.some(
      (o) => o !== s && o.code.slice(0, 3) === s.code.slice(0, 3) && o.confidence > s.confidence,
    );
    const words = s.evidence.reduce((n, e) => Math.max(n, e.text.split(/\s+/).length), 0);
    return [
      logit(s.confidence),
      ...SECTION_CLASSES.map((c) => (classes.has(c) ? 1 : 0)),
      sectionClass(first?.section) === 'dx' ? 1 : 0,
      noteSections.has('dx') ? 1 : 0,
      names.has('postoperative diagnosis') ? 1 : 0,
      noteSections.has('indication') ? 1 : 0,
      names.has('impression') ? 1 : 0,
      noteSections.has('ros') ? 1 : 0,
      noteSections.has('exam') ? 1 : 0,
      s.code.startsWith('R') ? 1 : 0,
      s.code.startsWith('Z') ? 1 : 0,
      s.code.startsWith('S') || s.code.startsWith('T') ? 1 : 0,
      /\bunspecified\b/i.test(title) ? 1 : 0,
      Math.log1p(s.evidence.length),
      first === undefined ? 1 : first.start / length,
      s.assertion === 'possible' ? 1 : 0,
      s.assertion === 'historical' ? 1 : 0,
      Math.log1p(ranked.indexOf(s)),
      Math.log1p(above),
      context.setting === 'inpatient' ? 1 : 0,
      s.code.startsWith('R') && dxDiagnosis ? 1 : 0,
      stronger ? 1 : 0,
      Math.log1p(words),
      Math.log(length) / 10,
      cover(titleKeys, dxWords),
      cover(titleKeys, complaintWords),
      cover(titleKeys, planWords),
      s.confidence >= (topOfCategory.get(s.code.slice(0, 3)) ?? 0) ? 1 : 0,
      Math.log1p(perCategory.get(s.code.slice(0, 3)) ?? 1),
      source?.suppressed === true ? 1 : 0,
      source?.statement === undefined ? 0 : 1,
      source?.statement ?? 0,
    ];
  });
}
