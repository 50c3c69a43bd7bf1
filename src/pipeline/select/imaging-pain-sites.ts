import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion } from '../../core/types.js';
import { sectionAt, type SectionSpan } from '../../text/sections.js';
import { billedDiagnosis } from './billed-diagnosis.js';

/** A site of pain and its ICD-10-CM codes: right, left, unspecified side (one code when sideless). */
interface PainSite {
  readonly words: RegExp;
  readonly codes: readonly [string, string, string] | string;
}

/**
 * Pain by site, most specific words first. The joint codes (M25.5-) for the joints, the limb codes
 * (M79.6-) for the segments between them, the dorsalgia codes (M54.-) for the spine's regions.
 */
const PAIN_SITES: readonly PainSite[] = [
  { words: /\blow(er)?[\s-]*back\b|\blumbar\b|\blumbosacral\b|\bl-?spine\b/, codes: 'M54.50' },
  { words: /\bthoracic\b|\bmid[\s-]*back\b|\bt-?spine\b/, codes: 'M54.6' },
  { words: /\bneck\b|\bcervical\b|\bc-?spine\b/, codes: 'M54.2' },
  { words: /\bshoulders?\b/, codes: ['M25.511', 'M25.512', 'M25.519'] },
  { words: /\belbows?\b/, codes: ['M25.521', 'M25.522', 'M25.529'] },
  { words: /\bwrists?\b/, codes: ['M25.531', 'M25.532', 'M25.539'] },
  { words: /\bfingers?\b|\bthumbs?\b/, codes: ['M79.644', 'M79.645', 'M79.646'] },
  { words: /\bhands?\b/, codes: ['M79.641', 'M79.642', 'M79.643'] },
  { words: /\bforearms?\b/, codes: ['M79.631', 'M79.632', 'M79.639'] },
  { words: /\bupper arms?\b|\bhumerus\b/, codes: ['M79.621', 'M79.622', 'M79.629'] },
  { words: /\bhips?\b/, codes: ['M25.551', 'M25.552', 'M25.559'] },
  { words: /\bthighs?\b|\bfemur\b/, codes: ['M79.651', 'M79.652', 'M79.659'] },
  { words: /\bknees?\b/, codes: ['M25.561', 'M25.562', 'M25.569'] },
  {
    words: /\bcal(f|ves)\b|\blower legs?\b|\bshins?\b|\btibia\b|\bfibula\b/,
    codes: ['M79.661', 'M79.662', 'M79.669'],
  },
  { words: /\bankles?\b/, codes: ['M25.571', 'M25.572', 'M25.579'] },
  { words: /\btoes?\b/, codes: ['M79.674', 'M79.675', 'M79.676'] },
  { words: /\bfoot\b|\bfeet\b|\bheels?\b|\bcalcane/, codes: ['M79.671', 'M79.672', 'M79.673'] },
];

/** The words of pain, not its denial ("no pain", "pain-free"). */
const PAIN = /\b(pain|painful|aching|ache|arthralgia)\b(?!-free)/;
const DENIED = /\b(no|denies|denied|without|free of|resolved)\b[^.;]{0,25}$/;
/** Sections that give the reason for a study. */
const REASON_SECTIONS: ReadonlySet<string> = new Set(['indication', 'hpi', 'chief complaint']);
/** An interpretation's first statement that the study is normal or shows nothing acute. */
const NORMAL_STUDY = /^no\b|\b(negative|normal|unremarkable|within normal limits)\b/;
/** Imaging (70010–79999) and noninvasive vascular studies (93880–93998), billed as interpretations. */
const IMAGING = /^7\d{4}$|^939\d\d$|^938[89]\d$/;
/** Pain codes a site-specific code replaces: pain unspecified, limb or joint without a site, dorsalgia. */
const UNSPECIFIED_PAIN = /^(R52|M25\.50|M79\.60\d?|M79\.609|M54\.9|M79\.1\d?)$/;
/** Billed codes that explain the pain or already give its site. */
const EXPLAINED = /^[MS]|^G89|^R10|^R07/;

function sideOf(text: string): 0 | 1 | 2 {
  const right = /\bright\b|\brt\b/.test(text);
  const left = /\bleft\b|\blt\b/.test(text);
  return right && !left ? 0 : left && !right ? 1 : 2;
}

function siteCode(site: PainSite, side: 0 | 1 | 2): string {
  return typeof site.codes === 'string' ? site.codes : site.codes[side];
}

/**
 * An imaging report whose interpretation leads with a normal or negative result is coded from its
 * reason: its signs and symptoms (guideline IV.K). Pain is coded by site, and when the reason says only "pain" or "back
 * pain", the study names the site ("MRI of the right ankle" + "Indication: pain" → pain in the right
 * ankle, M25.571; "lumbar spine CT" + "back pain" → low back pain, M54.50). Added at the threshold on the
 * pain words' evidence, in place of an unspecified pain code; not when a billed musculoskeletal, injury
 * or pain diagnosis already explains or places it, nor when the pain is denied.
 * @param result - the selected billing result
 * @param text - the note
 * @param sections - its sections
 * @param codeSet - the code set (a code it does not hold as billable is not added)
 * @param operating - the note's operating threshold
 */
export function imagingPainSites(
  result: DetectResult,
  text: string,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  // Most notes are no imaging report: that is asked first, before the reason or the impression is read.
  const exam = interpretedStudy(result, operating);
  if (exam === undefined) {
    return result;
  }
  const billed = result.suggestions.filter((s) => billedDiagnosis(s, operating));
  const found = reasonPain(text, sections);
  if (
    found === undefined ||
    !normalStudy(text, sections) ||
    billed.some((s) => EXPLAINED.test(s.code) && !UNSPECIFIED_PAIN.test(s.code))
  ) {
    return result;
  }
  const { reason, said, pain } = found;
  const title = exam.evidence
    .filter((e) => sectionAt(sections, e.start)?.name !== 'findings')
    .map((e) => e.text.toLowerCase())
    .join(' ');
  // The reason's own site first ("left calf pain"), else the study's ("MRI of the right ankle").
  const phrase = painPhrase(said, pain.index, pain[0].length);
  const named = PAIN_SITES.find((p) => p.words.test(phrase));
  const studied = PAIN_SITES.find((p) => p.words.test(title));
  const site = named ?? studied;
  if (site === undefined) {
    return result;
  }
  // A bare "back" is placed by the study (lumbar or thoracic spine); elsewhere it has no site code.
  const code = siteCode(site, sideOf(named === undefined ? title : `${phrase} ${title}`));
  if (!codeSet.isBillable(code, 'ICD-10-CM') || billed.some((s) => s.code === code)) {
    return result;
  }
  // The unspecified pain codes billed give way; the same code read below the threshold is raised.
  const replaced = result.suggestions.filter(
    (s) => s.system === 'ICD-10-CM' && UNSPECIFIED_PAIN.test(s.code),
  );
  const read = result.suggestions.filter((s) => s.code === code);
  const start = reason.start + pain.index;
  const added: Suggestion = {
    code,
    system: 'ICD-10-CM',
    title: codeSet.get(code, 'ICD-10-CM')?.title ?? code,
    confidence: Math.max(
      operating,
      ...replaced.filter((s) => billed.includes(s)).map((s) => s.confidence),
    ),
    evidence: [
      { start, end: start + pain[0].length, text: text.slice(start, start + pain[0].length) },
      ...exam.evidence.slice(0, 1),
      ...read.flatMap((s) => s.evidence),
    ].filter((e, i, all) => all.findIndex((o) => o.start === e.start) === i),
    assertion: 'present',
    section: reason.name,
    reasons: [
      `the reason for a study whose interpretation concludes no diagnosis: pain${named === undefined ? ` at the site the study names (${exam.code})` : ''} (guideline IV.K)`,
    ],
  };
  return {
    ...result,
    suggestions: [
      ...result.suggestions.filter((s) => !replaced.includes(s) && !read.includes(s)),
      added,
    ].sort((a, b) => b.confidence - a.confidence),
    suppressed: [
      ...result.suppressed,
      ...replaced.map((s) => ({
        ...s,
        reason: 'less-specific',
        reasons: [...s.reasons, `the study names the site of the pain: ${code}`],
      })),
    ].sort((a, b) => b.confidence - a.confidence),
  };
}

/** The imaging study the note bills as its interpretation (modifier 26), if any. */
function interpretedStudy(result: DetectResult, operating: number): Suggestion | undefined {
  return result.suggestions.find(
    (s) =>
      s.system === 'CPT' &&
      s.confidence >= operating &&
      IMAGING.test(s.code) &&
      s.modifiers?.includes('26') === true,
  );
}

/**
 * Whether the interpretation leads with a normal or negative study ("Negative right ankle", "1. No acute
 * fracture"): what it concludes first is that nothing explains the reason for the study.
 */
function normalStudy(text: string, sections: readonly SectionSpan[]): boolean {
  const impression = sections.find((s) => s.name === 'impression');
  if (impression === undefined) {
    return false;
  }
  const said = lower(text, impression)
    .replace(impression.heading.toLowerCase(), '')
    .replace(/^[\s:,]*(\d+[.)]\s*)?/, '');
  return NORMAL_STUDY.test(/^[^.\n]*/.exec(said)?.[0] ?? '');
}

/** The reason's section and its first pain word, when the reason gives pain and does not deny it. */
function reasonPain(
  text: string,
  sections: readonly SectionSpan[],
): { reason: SectionSpan; said: string; pain: RegExpExecArray } | undefined {
  for (const reason of sections) {
    const said = REASON_SECTIONS.has(reason.name) ? lower(text, reason) : '';
    const pain = PAIN.exec(said);
    if (pain !== null) {
      return DENIED.test(said.slice(0, pain.index)) ? undefined : { reason, said, pain };
    }
  }
  return undefined;
}

/**
 * The words that place the pain: those just before it ("left knee pain") and its own "in the …" or
 * "of the …" phrase ("pain in the back of the knee"), not the rest of the reason ("pain after a fall on
 * an outstretched hand").
 */
function painPhrase(said: string, at: number, length: number): string {
  const before =
    said
      .slice(Math.max(0, at - 30), at)
      .split(/[,.;:]/)
      .at(-1) ?? '';
  const after = /^\s+(in|of|at|over|around|involving)\s+[^,.;]{0,30}/.exec(said.slice(at + length));
  return `${before} ${said.slice(at, at + length)}${after?.[0] ?? ''}`;
}

function lower(text: string, s: SectionSpan): string {
  return text.slice(s.start, Math.min(s.end, s.start + 400)).toLowerCase();
}
