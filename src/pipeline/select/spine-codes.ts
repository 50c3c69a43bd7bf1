import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';
import type { SectionSpan } from '../../text/sections.js';
import { DIAGNOSIS_SECTIONS, stated } from './disc-codes.js';

/**
 * The spinal region of a level, as the fifth character of M43.1, M47 and M48.0 counts them:
 * 1 occipito-atlanto-axial, 2 cervical, 3 cervicothoracic, 4 thoracic, 5 thoracolumbar, 6 lumbar,
 * 7 lumbosacral, 8 sacral.
 */
function levelRegion(upper: string, from: number, lower: string): number {
  if (upper === 'C') {
    return lower === 'T' || from >= 7 ? 3 : from <= 1 ? 1 : 2;
  }
  if (upper === 'T') {
    return lower === 'L' || from >= 12 ? 5 : 4;
  }
  if (upper === 'L') {
    return lower === 'S' || from >= 5 ? 7 : 6;
  }
  return 8;
}

/** A level ("L4-5", "C5-C6", "L5-S1", "L4 on L5", "at C3"), one per match. */
const LEVELS = /\b([CTLS])(\d{1,2})(?:\s*(?:[-–/]|to|through|on)\s*([CTLS])?(\d{1,2}))?\b/g;
/** Region words, most specific first. */
const REGION_WORDS: readonly [RegExp, number][] = [
  [/\bcervicothoracic\b/i, 3],
  [/\bthoracolumbar\b/i, 5],
  [/\blumbosacral\b/i, 7],
  [/\bcervical\b/i, 2],
  [/\bthoracic\b/i, 4],
  [/\blumbar\b/i, 6],
];

/** The regions a sentence names: each level's, else the region words'. */
function regionsOf(sentence: string): number[] {
  const out = new Set<number>();
  for (const m of sentence.matchAll(LEVELS)) {
    const upper = (m[1] ?? '').toUpperCase();
    const from = Number(m[2]);
    // A bare "S1" or "L5" beside a radiculopathy names a nerve root, not a level of the finding.
    if (m[4] === undefined && /radicul|root|nerve/i.test(sentence)) {
      continue;
    }
    if (from < 1 || from > (upper === 'C' ? 8 : upper === 'T' ? 12 : 5)) {
      continue;
    }
    // One vertebra ("L5", "anterolisthesis of L4 on L5") is in its own region; a level between two
    // vertebrae may cross into the next one ("L5-S1", "C7-T1").
    out.add(
      m[4] === undefined
        ? levelRegion(upper, Math.min(from, upper === 'L' ? 4 : upper === 'T' ? 11 : from), upper)
        : levelRegion(upper, from, (m[3] ?? upper).toUpperCase()),
    );
  }
  if (out.size === 0) {
    const word = REGION_WORDS.find(([re]) => re.test(sentence));
    if (word !== undefined) {
      out.add(word[1]);
    }
  }
  return [...out];
}

/** Not the spine: a stenosis or spondylosis word about a vessel, valve or hollow organ. */
const NOT_SPINE =
  /\b(carotid|aort\w*|valv\w*|arter\w*|pylor\w*|renal|trache\w*|bronch\w*|mitral|urethr\w*|esophag\w*|vessel|vein|venous|stent|graft|ureter\w*|biliary|bowel)\b/i;
const NEGATED = /\b(no|without|negative for|rule out|r\/o|versus|vs\.?|resolved)\b[^.]{0,40}$/i;

interface SpineFinding {
  /** The words of the finding. */
  readonly words: RegExp;
  /** The code family, for what gives way to the code. */
  readonly family: string;
  /** The code at a region, given the sentence (myelopathy, radiculopathy, claudication). */
  readonly code: (region: number, sentence: string) => string;
  /** The family's code for no stated site. */
  readonly unspecified: readonly string[];
  readonly index: string;
}

const FINDINGS: readonly SpineFinding[] = [
  {
    words:
      /\b(?:(?:spinal|canal|central|foramin\w*|neuro-?foramin\w*|lateral recess|subarticular)\s+(?:\w+\s+)?stenos[ie]s|stenos[ie]s\b(?=[^.]{0,40}\b(?:[CTL]\d|cervical|thoracic|lumbar|lumbosacral|spin\w*|canal|level)))/i,
    family: 'M48.0',
    code: (r, s) =>
      r === 6 ? (stated(s, /neurogenic claudication/i) ? 'M48.062' : 'M48.061') : `M48.0${r}`,
    unspecified: ['M48.00'],
    index: 'Stenosis, spinal M48.0- (by region)',
  },
  {
    words: /\b(?:spondylolisthesis|retrolisthesis|anterolisthesis|laterolisthesis)\b/i,
    family: 'M43.1',
    code: (r) => `M43.1${r}`,
    unspecified: ['M43.10', 'M43.19'],
    index: 'Spondylolisthesis (acquired) (degenerative) M43.1- (by region)',
  },
  {
    words: /\bfacet(?:\s+joint)?\s+syndrome\b/i,
    family: 'M47.',
    code: (r) => `M47.89${r}`,
    unspecified: ['M47.899', 'M47.819', 'M47.9'],
    index: 'Syndrome, facet M47.89- (by region)',
  },
  {
    words:
      /\b(?:spondylo(?:sis|tic)|facet(?:\s+joint)?\s+(?:arthropathy|arthrosis|arthritis|hypertrophy|degeneration|disease)|uncovertebral\s+(?:joint\s+)?(?:arthrosis|arthropathy|hypertrophy|spurring|disease))\b/i,
    family: 'M47.',
    code: (r, s) =>
      stated(s, /myelopath/i)
        ? `M47.1${r}`
        : stated(s, /radiculopath|radicular/i)
          ? `M47.2${r}`
          : `M47.81${r}`,
    unspecified: ['M47.10', 'M47.20', 'M47.819', 'M47.899', 'M47.9'],
    index:
      'Spondylosis M47.81- (with myelopathy M47.1-, with radiculopathy M47.2-; facet arthropathy is spondylosis), by region',
  },
];

/**
 * What a statement's own region replaces: the family's unsited code, and the family's codes read from
 * this statement at another region.
 */
function replacedBy(
  suggestions: readonly Suggestion[],
  finding: SpineFinding,
  codes: readonly string[],
  start: number,
  end: number,
): Suggestion[] {
  return suggestions.filter(
    (s) =>
      s.system === 'ICD-10-CM' &&
      s.code.startsWith(finding.family) &&
      !codes.includes(s.code) &&
      (finding.unspecified.includes(s.code) ||
        s.evidence.some((e) => e.start >= start && e.start < end)),
  );
}

/**
 * Spinal stenosis, spondylolisthesis and spondylosis stated with a level or region in a diagnosis
 * statement ("stenosis at L4-5 and L5-S1", "cervical spondylosis with myelopathy", "facet arthropathy
 * L5-S1"): the code of each region the statement names (the Alphabetic Index sends each to a
 * subcategory by region; lumbar stenosis by neurogenic claudication, spondylosis by myelopathy or
 * radiculopathy), added at the threshold with the statement as evidence. The family's code for no stated
 * site, and its codes read from that same statement at another region, give way as less specific. Never
 * from a negated statement or one about a vessel, valve or hollow organ.
 * @param result - the selected billing result
 * @param text - the note
 * @param sections - its sections
 * @param codeSet - the code set (titles, billable codes)
 * @param operating - the note's operating threshold
 */
export function spineCodes(
  result: DetectResult,
  text: string,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const added: Suggestion[] = [];
  const replaced = new Map<Suggestion, string>();
  for (const section of sections) {
    if (!DIAGNOSIS_SECTIONS.has(section.name)) {
      continue;
    }
    const body = text.slice(section.start, section.end);
    for (const m of body.matchAll(/[^.\n\s][^.\n]*/g)) {
      const sentence = m[0].trimEnd();
      if (
        !/stenos|listhesis|spondylo|facet|uncovertebral/i.test(sentence) ||
        NOT_SPINE.test(sentence)
      ) {
        continue;
      }
      const start = section.start + m.index;
      const end = start + sentence.length;
      for (const finding of FINDINGS) {
        const w = finding.words.exec(sentence);
        if (w === null || NEGATED.test(sentence.slice(0, w.index))) {
          continue;
        }
        const codes = regionsOf(sentence)
          .map((r) => finding.code(r, sentence))
          .filter((c) => codeSet.isBillable(c, 'ICD-10-CM'));
        for (const code of codes) {
          const billed = [...result.suggestions, ...added].some(
            (s) => s.code === code && s.confidence >= operating,
          );
          if (!billed) {
            added.push({
              code,
              system: 'ICD-10-CM',
              title: codeSet.get(code, 'ICD-10-CM')?.title ?? code,
              confidence: operating,
              evidence: [{ start, end, text: sentence, section: section.name }],
              assertion: 'present',
              section: section.name,
              reasons: [
                `${w[0]} at a stated level or region in a diagnosis statement: ${finding.index}`,
              ],
            });
          }
        }
        if (codes.length === 0) {
          continue;
        }
        for (const s of replacedBy(result.suggestions, finding, codes, start, end)) {
          replaced.set(s, `${codes.join(', ')}: the region the statement names (${finding.index})`);
        }
        break;
      }
    }
  }
  if (added.length === 0 && replaced.size === 0) {
    return result;
  }
  const codes = new Set(added.map((s) => s.code));
  const gone: Suppressed[] = [...replaced].map(([s, why]) => ({
    ...s,
    reason: 'less-specific',
    reasons: [...s.reasons, why],
  }));
  return {
    ...result,
    suggestions: [
      ...result.suggestions.filter((s) => !codes.has(s.code) && !replaced.has(s)),
      ...added,
    ].sort((a, b) => b.confidence - a.confidence),
    suppressed: [...result.suppressed, ...gone].sort((a, b) => b.confidence - a.confidence),
  };
}
