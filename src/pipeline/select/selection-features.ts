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
  'source:excludes1',
  'source:statement',
  'statementScore',
  'learnedOnly',
  'sameWordsAsStronger',
  'codeReliability',
  'categoryReliability',
] as const;

/**
 * Whether only learned associations found a suggestion: `toSuggestion` gives such a one that reason
 * and a dictionary term's none (a suppressed one has the rule's reason before it).
 */
export function learnedOnly(s: Suggestion): boolean {
  return s.reasons.some((r) => r.startsWith('learned from coded notes'));
}

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
   * rules had dropped for a reason a coder may overrule (`excluded`: as the loser of an Excludes1 pair),
   * or a diagnosis statement read by search (with the search score).
   */
  readonly sources?: readonly { suppressed?: boolean; excluded?: boolean; statement?: number }[];
  /**
   * How often a candidate of each code was coded on the training notes: code → [coded, proposed]
   * (the model's table; out of fold while fitting).
   */
  readonly reliability?: Readonly<Record<string, readonly [number, number]>>;
}

/** Smoothed share of coded candidates, as log-odds against a base rate (0 when nothing is known). */
export function usReliability(coded: number, proposed: number, base = 0.2, strength = 4): number {
  const p = (coded + base * strength) / (proposed + strength);
  return Math.log(p / (1 - p)) - Math.log(base / (1 - base));
}

const categoryTables = new WeakMap<object, Map<string, [number, number]>>();

/** The reliability table summed by category (first three characters), made once per table. */
function byCategory(
  table: Readonly<Record<string, readonly [number, number]>>,
): Map<string, [number, number]> {
  let sums = categoryTables.get(table);
  if (sums === undefined) {
    sums = new Map();
    for (const [code, [coded, proposed]] of Object.entries(table)) {
      const sum = sums.get(code.slice(0, 3)) ?? [0, 0];
      sums.set(code.slice(0, 3), [sum[0] + coded, sum[1] + proposed]);
    }
    categoryTables.set(table, sums);
  }
  return sums;
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

/** A title's words as the cover features read them, and whether it says "unspecified". */
interface TitleFacts {
  readonly keys: readonly string[];
  readonly unspecified: boolean;
}
const titleFacts = new Map<string, TitleFacts>();
/** Titles remembered; beyond it a title is read each time. */
const TITLE_FACTS_LIMIT = 100_000;

function factsOfTitle(title: string): TitleFacts {
  let facts = titleFacts.get(title);
  if (facts === undefined) {
    facts = {
      keys: termKeys(title).filter((k) => k !== 'unspecifi' && k !== 'other'),
      unspecified: /\bunspecified\b/i.test(title),
    };
    if (titleFacts.size < TITLE_FACTS_LIMIT) {
      titleFacts.set(title, facts);
    }
  }
  return facts;
}

const codeTitleFacts = new WeakMap<CodeSet, Map<string, TitleFacts>>();

/**
 * The facts of a suggestion's title as the code set has it (the suggestion's own title for a code the
 * code set lacks), remembered per code set and code: one small map instead of the code set's index and
 * the title table, every suggestion of every note.
 */
function factsOfCode(codeSet: CodeSet, code: string, ownTitle: string): TitleFacts {
  let byCode = codeTitleFacts.get(codeSet);
  if (byCode === undefined) {
    byCode = new Map();
    codeTitleFacts.set(codeSet, byCode);
  }
  const known = byCode.get(code);
  if (known !== undefined) {
    return known;
  }
  const info = codeSet.get(code, 'ICD-10-CM');
  if (info === undefined) {
    return factsOfTitle(ownTitle);
  }
  const facts = factsOfTitle(info.title);
  if (byCode.size < TITLE_FACTS_LIMIT) {
    byCode.set(code, facts);
  }
  return facts;
}

/** The highest value per key (NaN ignored, as `>` ignores it). */
function raiseMax(max: Map<string, number>, key: string, value: number): void {
  if (value > (max.get(key) ?? -Infinity)) {
    max.set(key, value);
  }
}

/**
 * What the features compare a suggestion with, worked out once per note instead of once per pair of
 * suggestions: each one's rank by confidence, the highest confidence per category and per evidence span.
 */
function rivals(
  suggestions: readonly Suggestion[],
  ranked: readonly Suggestion[],
): {
  rank: Map<Suggestion, number>;
  categoryMax: Map<string, number>;
  spanMax: Map<string, number>;
} {
  const rank = new Map<Suggestion, number>();
  ranked.forEach((s, i) => {
    if (!rank.has(s)) {
      rank.set(s, i);
    }
  });
  const categoryMax = new Map<string, number>();
  const spanMax = new Map<string, number>();
  for (const o of suggestions) {
    raiseMax(categoryMax, o.code.slice(0, 3), o.confidence);
    for (const e of o.evidence) {
      raiseMax(spanMax, `${e.start},${e.end}`, o.confidence);
    }
  }
  return { rank, categoryMax, spanMax };
}

/** Whitespace as `\s` reads it, per ASCII code (other characters are asked of the pattern itself). */
const ASCII_SPACE = Uint8Array.from({ length: 128 }, (_, c) =>
  /\s/.test(String.fromCharCode(c)) ? 1 : 0,
);

/** `text.split(/\s+/).length` without the array: one more than the runs of whitespace. */
function pieces(text: string): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c < 128 ? ASCII_SPACE[c] === 1 : /\s/.test(text.charAt(i));
    if (space && !inSpace) {
      n++;
    }
    inSpace = space;
  }
  return n;
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
  const { rank, categoryMax, spanMax } = rivals(suggestions, ranked);
  return suggestions.map((s, i) => {
    const classes = classesOf[i] ?? new Set<SectionClass>();
    const first = s.evidence[0];
    const { keys: titleKeys, unspecified } = factsOfCode(context.codeSet, s.code, s.title);
    const source = context.sources?.[i];
    // Another suggestion of the category is more confident (only another can be: s is not above itself).
    const stronger = (categoryMax.get(s.code.slice(0, 3)) ?? -Infinity) > s.confidence;
    const words = s.evidence.reduce((n, e) => Math.max(n, pieces(e.text)), 0);
    const reliability = reliabilityOf(s.code, context.reliability);
    // One array, pushed to: no spread (the iterator protocol) and no arrays joined.
    const row = [logit(s.confidence)];
    for (const c of SECTION_CLASSES) {
      row.push(classes.has(c) ? 1 : 0);
    }
    row.push(
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
      unspecified ? 1 : 0,
      Math.log1p(s.evidence.length),
      first === undefined ? 1 : first.start / length,
      s.assertion === 'possible' ? 1 : 0,
      s.assertion === 'historical' ? 1 : 0,
      Math.log1p(rank.get(s) ?? -1),
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
      source?.excluded === true ? 1 : 0,
      source?.statement === undefined ? 0 : 1,
      source?.statement ?? 0,
      // Found only by learned associations, and kept by the rules (a softly suppressed one reads 0).
      source?.suppressed !== true && learnedOnly(s) ? 1 : 0,
      // A more confident suggestion holds the same words as evidence.
      first !== undefined &&
        (spanMax.get(`${first.start},${first.end}`) ?? -Infinity) > s.confidence
        ? 1
        : 0,
      reliability[0],
      reliability[1],
    );
    return row;
  });
}

const NO_RELIABILITY: readonly [number, number] = [0, 0];
const reliabilityTables = new WeakMap<object, Map<string, readonly [number, number]>>();
/** Codes whose reliability features are remembered per table; beyond it they are worked out each time. */
const RELIABILITY_LIMIT = 100_000;

/** The code's and its category's reliability features (remembered per table and code). */
function reliabilityOf(
  code: string,
  table: SelectionContext['reliability'],
): readonly [number, number] {
  if (table === undefined) {
    return NO_RELIABILITY;
  }
  let byCode = reliabilityTables.get(table);
  if (byCode === undefined) {
    byCode = new Map();
    reliabilityTables.set(table, byCode);
  }
  let made = byCode.get(code);
  if (made === undefined) {
    const own = table[code];
    const category = byCategory(table).get(code.slice(0, 3));
    made = [
      own === undefined ? 0 : usReliability(own[0], own[1]),
      category === undefined ? 0 : usReliability(category[0], category[1]),
    ];
    if (byCode.size < RELIABILITY_LIMIT) {
      byCode.set(code, made);
    }
  }
  return made;
}
