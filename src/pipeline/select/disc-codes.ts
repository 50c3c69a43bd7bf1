import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion } from '../../core/types.js';
import type { SectionName, SectionSpan } from '../../text/sections.js';

/** Where a note states the diagnoses a coder reports. */
export const DIAGNOSIS_SECTIONS: ReadonlySet<SectionName> = new Set([
  'assessment',
  'impression',
  'postoperative diagnosis',
  'discharge diagnosis',
]);

/** A displaced disc in words: herniated, protruding, extruded, bulging, displaced. */
const DISPLACED = /\b(herniat\w*|hnp|protru\w*|extru\w*|bulg\w*|displace\w*)\b/i;
const DISC = /\b(dis[ck]s?|nucleus pulposus|hnp)\b/i;
/** A spinal level: "L5-S1", "L4-5", "C5-C6", "T12-L1". */
const LEVEL = /\b([CTL])(\d{1,2})\s*[-–/]\s*([CTLS])?(\d{1,2})\b/i;
const NEGATED = /\b(no|without|negative for|rule out|r\/o|versus|vs\.?)\b[^.]{0,40}$/i;

/** Whether the sentence says the finding, not its absence ("without myelopathy or radicular signs"). */
export function stated(sentence: string, finding: RegExp): boolean {
  const m = finding.exec(sentence);
  return (
    m !== null &&
    !/\b(without|no|negative for|denies)\b[^.;]{0,30}$/i.test(sentence.slice(0, m.index))
  );
}

/** The ICD-10-CM stem of a displaced disc at a level, with myelopathy or radiculopathy. */
function discCode(level: RegExpExecArray, sentence: string): string | undefined {
  const upper = (level[1] ?? '').toUpperCase();
  const from = Number(level[2]);
  const lower = (level[3] ?? upper).toUpperCase();
  const kind = stated(sentence, /myelopath/i)
    ? 0
    : stated(sentence, /radiculopath|radicular|sciatica/i)
      ? 1
      : 2;
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

/**
 * A displaced intervertebral disc stated at a spinal level in a diagnosis statement ("herniated nucleus
 * pulposus L5-S1 with left S1 radiculopathy", "C5-C6 disc protrusion"): its ICD-10-CM code by region and
 * level, with myelopathy or radiculopathy when the statement says so (the Alphabetic Index's "Herniation,
 * disc — see Displacement, intervertebral disc", which a word match cannot follow). Added at the
 * threshold with the statement as evidence; never from a negated or uncertain statement, never when the
 * category is already billed.
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
  const added: Suggestion[] = [];
  for (const section of sections) {
    if (!DIAGNOSIS_SECTIONS.has(section.name)) {
      continue;
    }
    const body = text.slice(section.start, section.end);
    for (const m of body.matchAll(/[^.\n]+/g)) {
      const sentence = m[0];
      const displaced = DISPLACED.exec(sentence);
      const level = LEVEL.exec(sentence);
      if (
        displaced === null ||
        level === null ||
        !DISC.test(sentence) ||
        NEGATED.test(sentence.slice(0, displaced.index))
      ) {
        continue;
      }
      const code = discCode(level, sentence);
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
      const start = section.start + m.index;
      added.push({
        code,
        system: 'ICD-10-CM',
        title: info.title,
        confidence: operating,
        evidence: [{ start, end: start + sentence.length, text: sentence, section: section.name }],
        assertion: 'present',
        section: section.name,
        reasons: [
          `a displaced disc at ${level[0]} in a diagnosis statement: "Herniation, disc — see Displacement, intervertebral disc" (Alphabetic Index), by region and level`,
        ],
      });
    }
  }
  if (added.length === 0) {
    return result;
  }
  const codes = new Set(added.map((s) => s.code));
  return {
    ...result,
    suggestions: [...result.suggestions.filter((s) => !codes.has(s.code)), ...added].sort(
      (a, b) => b.confidence - a.confidence,
    ),
  };
}
