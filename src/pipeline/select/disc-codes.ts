import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';
import type { SectionName, SectionSpan } from '../../text/sections.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { excludes1Pair } from './selected-excludes1.js';

/** Where a note states the diagnoses a coder reports. */
export const DIAGNOSIS_SECTIONS: ReadonlySet<SectionName> = new Set([
  'assessment',
  'impression',
  'postoperative diagnosis',
  'discharge diagnosis',
]);

/** A displaced disc in words: herniated, protruding, extruded, sequestered, prolapsed, bulging, displaced. */
const DISPLACED =
  /\b(herniat\w*|hnp|protru\w*|extru\w*|sequest\w*|prolaps\w*|bulg\w*|displace\w*)\b/i;
const DISC = /\b(dis[ck]s?|nucle\w*\s+pulpos\w*|hnp)\b/i;
/** A spinal level: "L5-S1", "L4-5", "C5-C6", "T12-L1". */
const LEVELS = /\b([CTL])(\d{1,2})\s*[-–/]\s*([CTLS])?(\d{1,2})\b/gi;
const NEGATED = /\b(no|without|negative for|rule out|r\/o|versus|vs\.?)\b[^.]{0,40}$/i;
/** A statement that is not a diagnosis yet: it cannot lend its radiculopathy to a disc. */
const UNCERTAIN = /\b(rule out|r\/o|possible|probable|suspect\w*|question\w*|likely)\b/i;
const MYELOPATHY = /myelopath/i;
/** A statement whose myelopathy or radiculopathy has a cause of its own ("spondylosis with myelopathy"). */
const OWN_CAUSE =
  /\b(spondyl\w*|stenos[ie]s|\w*listhesis|facet|arthro\w*|fractur\w*|tumou?r|neoplas\w*|mass|secondary to|due to|from)\b/i;
const RADICULOPATHY = /radiculopath|radicular|sciatica/i;
/** A root or level, or the words, that place a statement in the neck or below it. */
const CERVICAL_WORDS = /\b(cervical|neck|arms?|upper extremit\w*|hands?)\b/i;
const LOWER_WORDS =
  /\b(thoracic|lumbar|lumbosacral|sciatica|legs?|lower extremit\w*|buttocks?|thighs?|foot|feet)\b/i;
const ROOT = /\b([CTLS])\d{1,2}\b/i;

/** Whether the sentence says the finding, not its absence ("without myelopathy or radicular signs"). */
export function stated(sentence: string, finding: RegExp): boolean {
  const m = finding.exec(sentence);
  return (
    m !== null &&
    !/\b(without|no|negative for|denies)\b[^.;]{0,30}$/i.test(sentence.slice(0, m.index))
  );
}

/** The disc category a statement is about: M50 for the neck, M51 below it; undefined when unsaid. */
function discFamily(sentence: string): 'M50' | 'M51' | undefined {
  const root = ROOT.exec(sentence);
  if (root !== null) {
    return (root[1] ?? '').toUpperCase() === 'C' ? 'M50' : 'M51';
  }
  return CERVICAL_WORDS.test(sentence) ? 'M50' : LOWER_WORDS.test(sentence) ? 'M51' : undefined;
}

/** 0 with myelopathy, 1 with radiculopathy, 2 neither: the fourth character of M50 and M51. */
type DiscKind = 0 | 1 | 2;

/**
 * With myelopathy or radiculopathy: stated in the disc's own statement, or in another diagnosis statement
 * of the note about the same part of the spine ("1. Extruded disc, left L5-S1. 2. Left S1
 * radiculopathy.", not "spondylosis with myelopathy"): the disc disorder with radiculopathy is one code
 * (M54.1's Excludes1 sends radiculopathy with a disc disorder to M50.1/M51.1).
 */
function discKind(sentence: string, statements: readonly string[]): DiscKind {
  if (stated(sentence, MYELOPATHY)) {
    return 0;
  }
  if (stated(sentence, RADICULOPATHY)) {
    return 1;
  }
  const family = discFamily(sentence);
  const others = statements.filter((other) => {
    const f = discFamily(other);
    return !UNCERTAIN.test(other) && !OWN_CAUSE.test(other) && (f === undefined || f === family);
  });
  return others.some((o) => stated(o, MYELOPATHY))
    ? 0
    : others.some((o) => stated(o, RADICULOPATHY))
      ? 1
      : 2;
}

/** Region words when a statement names no level: the fifth character of M50 and M51 (0: cervical, unsited). */
const DISC_REGIONS: readonly [RegExp, string][] = [
  [/\bcervicothoracic\b/i, 'M50.?3'],
  [/\bthoracolumbar\b/i, 'M51.?5'],
  [/\blumbosacral\b/i, 'M51.?7'],
  [/\bcervical\b/i, 'M50.?0'],
  [/\bthoracic\b/i, 'M51.?4'],
  [/\blumbar\b/i, 'M51.?6'],
];

/**
 * The level a disc statement is coded at: its first, but of cervical levels the most superior (M50's
 * note since FY2020: "Code to the most superior level of disorder"; "C5-6 and C4-5" is C4-C5).
 */
function topLevel(sentence: string): RegExpExecArray | undefined {
  let top: RegExpExecArray | undefined;
  for (const m of sentence.matchAll(LEVELS)) {
    if (top === undefined) {
      top = m;
    } else if (
      /^c$/i.test(top[1] ?? '') &&
      /^c$/i.test(m[1] ?? '') &&
      Number(m[2]) < Number(top[2])
    ) {
      top = m;
    }
  }
  return top;
}

/** The ICD-10-CM code of a displaced disc at a level (else in a region), with myelopathy or radiculopathy. */
function discCode(sentence: string, kind: DiscKind): string | undefined {
  const level = topLevel(sentence);
  if (level === undefined) {
    return DISC_REGIONS.find(([re]) => re.test(sentence))?.[1].replace('?', String(kind));
  }
  const upper = (level[1] ?? '').toUpperCase();
  const from = Number(level[2]);
  const lower = (level[3] ?? upper).toUpperCase();
  if (upper === 'C') {
    // Cervical (M50): high C2–C4, mid C4–C7 by level, cervicothoracic C7–T1.
    if (lower === 'T' || from >= 7) {
      return `M50.${kind}3`;
    }
    if (from <= 3) {
      return `M50.${kind}1`;
    }
    return `M50.${kind}2${String(from - 3)}`;
  }
  if (upper === 'T') {
    return lower === 'L' || from >= 12 ? `M51.${kind}5` : `M51.${kind}4`;
  }
  // Lumbar (M51): lumbosacral at L5–S1, lumbar above it.
  return lower === 'S' || from >= 5 ? `M51.${kind}7` : `M51.${kind}6`;
}

/** The sentences of the note's diagnosis statements, with their offsets. */
function statementSentences(
  text: string,
  sections: readonly SectionSpan[],
): { sentence: string; start: number; section: SectionName }[] {
  const out: { sentence: string; start: number; section: SectionName }[] = [];
  for (const section of sections) {
    if (DIAGNOSIS_SECTIONS.has(section.name)) {
      const body = text.slice(section.start, section.end);
      for (const m of body.matchAll(/[^.\n]+/g)) {
        out.push({ sentence: m[0], start: section.start + m.index, section: section.name });
      }
    }
  }
  return out;
}

/**
 * A displaced intervertebral disc stated at a spinal level or in a region in a diagnosis statement
 * ("herniated nucleus pulposus L5-S1 with left S1 radiculopathy", "C5-C6 disc protrusion", "herniated
 * lumbar disk"): its ICD-10-CM code by region and level, with myelopathy or radiculopathy when the
 * diagnoses state it for that part of the spine (the Alphabetic Index's "Herniation, disc — see
 * Displacement, intervertebral disc", which a word match cannot follow). Added at the threshold with the
 * statement as evidence; never from a negated or uncertain statement, never when the category is
 * already billed. The codes it replaces give way ({@link withDiscs}).
 * @param result - the selected billing result
 * @param text - the note
 * @param sections - its sections
 * @param codeSet - the code set (titles, billable codes)
 * @param operating - the note's operating threshold
 */
export function discCodes(
  result: DetectResult,
  text: string,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  if (!sections.some((s) => DIAGNOSIS_SECTIONS.has(s.name))) {
    return result;
  }
  const statements = statementSentences(text, sections);
  const sentences = statements.map((s) => s.sentence);
  const added: Suggestion[] = [];
  for (const { sentence, start, section } of statements) {
    const displaced = DISPLACED.exec(sentence);
    if (
      displaced === null ||
      !DISC.test(sentence) ||
      NEGATED.test(sentence.slice(0, displaced.index))
    ) {
      continue;
    }
    const code = discCode(sentence, discKind(sentence, sentences));
    const info = code === undefined ? undefined : codeSet.lookup(code)[0];
    if (
      code === undefined ||
      info === undefined ||
      !codeSet.isBillable(code) ||
      [...result.suggestions, ...added].some(
        (s) => s.code.slice(0, 5) === code.slice(0, 5) && s.confidence >= operating,
      )
    ) {
      continue;
    }
    added.push({
      code,
      system: 'ICD-10-CM',
      title: info.title,
      confidence: operating,
      evidence: [{ start, end: start + sentence.length, text: sentence, section }],
      assertion: 'present',
      section,
      reasons: [
        `a displaced disc in a diagnosis statement: "Herniation, disc — see Displacement, intervertebral disc" (Alphabetic Index), by region and level${code[4] === '2' ? '' : `, with the ${code[4] === '0' ? 'myelopathy' : 'radiculopathy'} the diagnoses state`}`,
      ],
    });
  }
  if (added.length === 0) {
    return result;
  }
  return withDiscs(result, added, codeSet, operating);
}

/**
 * The result with the disc codes added. A billed code whose Excludes1 note and a disc code's name each
 * other gives way (radiculopathy, low back pain or neck pain due to the disc: M54.1, M54.5, M54.2), as
 * does the disc's code without the radiculopathy or myelopathy the added code has.
 */
function withDiscs(
  result: DetectResult,
  added: readonly Suggestion[],
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const codes = new Set(added.map((s) => s.code));
  const gone: Suppressed[] = [];
  const kept = result.suggestions.filter((s) => {
    if (codes.has(s.code)) {
      return false;
    }
    if (!billedDiagnosis(s, operating)) {
      return true;
    }
    const plain = added.find(
      (a) => a.code[4] !== '2' && s.code === `${a.code.slice(0, 4)}2${a.code.slice(5)}`,
    );
    const conflict = plain ?? added.find((a) => excludes1Pair(codeSet, a.code, s.code));
    if (conflict === undefined) {
      return true;
    }
    gone.push({
      ...s,
      reason: plain === undefined ? 'excludes1-conflict' : 'less-specific',
      reasons: [
        ...s.reasons,
        plain === undefined
          ? `Excludes1 with ${conflict.code} ${conflict.title}: never reported together`
          : `${conflict.code}: the displaced disc with what the diagnoses state`,
      ],
    });
    return false;
  });
  return {
    ...result,
    suggestions: [...kept, ...added].sort((a, b) => b.confidence - a.confidence),
    suppressed: [...result.suppressed, ...gone].sort((a, b) => b.confidence - a.confidence),
  };
}
