import type { Evidence } from '../../core/types.js';
import type { ClaimInput, DraftLine } from './claim-input.js';
import { SITES } from './diagnosis-roles.js';
import { sentencesOf, wordsIn } from './note-words.js';

const SIDE = /\b(left|right)\b/i;
const SEPARATE_SITE =
  /\b(separate|different|distinct|second|another)\s+(?:\w+\s+)?(site|lesion|area|location|incision|wound|structure|organ)\b/gi;
const SEPARATE_SESSION =
  /\b(separate|different|second|later)\s+(session|encounter|visit)\b|\blater (?:that|the same) day\b|\breturned later\b/gi;
const UNUSUAL = /\b(non-?overlapping|does not overlap|unrelated to|distinct from)\b/gi;

/** The sites (with side) the sentences of a service name: "left forearm". */
function sitesOf(text: string, evidence: readonly Evidence[]): Set<string> {
  const out = new Set<string>();
  for (const sentence of sentencesOf(text, evidence)) {
    const side = SIDE.exec(sentence.text)?.[1]?.toLowerCase() ?? '';
    for (const w of wordsIn(text, [sentence], SITES)) {
      out.add(`${side} ${w.text.toLowerCase().replace(/s$/, '')}`.trim());
    }
  }
  return out;
}

/** How the note sets two services apart, if it does: a separate site, session, or non-overlapping service. */
export function distinctness(
  input: Pick<ClaimInput, 'text'>,
  column1: readonly Evidence[],
  column2: readonly Evidence[],
): { kind: 'XS' | 'XE' | 'XU'; reason: string; evidence: Evidence[] } | undefined {
  const { text } = input;
  const own = sentencesOf(text, column2);
  const session = wordsIn(text, own, SEPARATE_SESSION);
  if (session.length > 0) {
    return { kind: 'XE', reason: 'documented in a separate session', evidence: session };
  }
  const separate = wordsIn(text, own, SEPARATE_SITE);
  const a = sitesOf(text, column1);
  const b = sitesOf(text, column2);
  const part = (s: string): string => s.replace(/^(left|right) /, '');
  const sideOf = (s: string): string => /^(left|right) /.exec(s)?.[1] ?? '';
  // The same body part is the same site unless both name sides and the sides differ.
  const same = (x: string, y: string): boolean =>
    part(x) === part(y) && (sideOf(x) === '' || sideOf(y) === '' || sideOf(x) === sideOf(y));
  const apart =
    a.size > 0 &&
    b.size > 0 &&
    [...b].every((s) => ![...a].some((t) => same(s, t))) &&
    !own.some((o) => /\bsame\b/i.test(o.text));
  const sameSentence = sentencesOf(text, column1).some((s) => own.some((o) => o.start === s.start));
  if (separate.length > 0 || (apart && !sameSentence)) {
    const siteWords = wordsIn(text, own, SITES);
    return {
      kind: 'XS',
      reason: `documented at a separate site (${[...b].join(', ') || 'a separate structure'})`,
      evidence: [...separate, ...siteWords].slice(0, 3),
    };
  }
  const unusual = wordsIn(text, own, UNUSUAL);
  if (unusual.length > 0) {
    return {
      kind: 'XU',
      reason: 'documented as a service that does not overlap the other',
      evidence: unusual,
    };
  }
  return undefined;
}

/**
 * The distinct-service modifier on the column-2 code of a bundled pair the note documents as separate:
 * XS (separate site), XE (separate session), XU (non-overlapping service), or 59 for each where the
 * caller asks for it.
 * @returns true when the modifier was added
 */
export function addDistinctModifier(
  line: DraftLine,
  column1: DraftLine,
  input: ClaimInput,
): boolean {
  const found = distinctness(input, column1.evidence, line.evidence);
  if (found === undefined) {
    return false;
  }
  const code = input.distinct === '59' ? '59' : found.kind;
  line.modifiers.push({
    code,
    reason: `${line.code} is bundled into ${column1.code} unless distinct: ${found.reason}${code === '59' ? ` (59 in place of ${found.kind}, as the payer asks)` : ''}`,
    evidence: found.evidence,
  });
  return true;
}
