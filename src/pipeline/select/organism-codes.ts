import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';

/**
 * Site infections whose Tabular entry says "use additional code (B95–B97) to identify the infectious
 * agent": urinary tract, bladder and kidney infections, cellulitis and abscess of the skin, otitis media,
 * sinusitis and pharyngitis, infection after a procedure.
 */
const SITE_INFECTION =
  /^(N39\.0|N30\.|N10|N34\.|N41\.|L0[23]\.|H66\.|J0[1-3]\.|T81\.4|K65\.|K81\.|M00\.|M86\.)/;

/** Organism words → the B95–B97 code for that agent "as the cause of diseases classified elsewhere". */
const ORGANISMS: readonly [RegExp, string][] = [
  [/\bmrsa\b|methicillin[- ]resistant (staph|s\.? ?aureus)/i, 'B95.62'],
  [/\bmssa\b|methicillin[- ]susceptible|\bstaph(ylococcus)? aureus\b|\bs\.? ?aureus\b/i, 'B95.61'],
  [/\bgroup a strep|\bstreptococcus pyogenes|\bgas\b pharyngitis/i, 'B95.0'],
  [/\bgroup b strep|\bgbs\b|streptococcus agalactiae/i, 'B95.1'],
  [/\benterococc/i, 'B95.2'],
  [/\b(streptococcus|strep\.?) pneumoniae|\bpneumococc/i, 'B95.3'],
  [/\bpseudomonas\b/i, 'B96.5'],
  [/\be\.? ?coli\b|\bescherichia\b/i, 'B96.20'],
  [/\bklebsiella\b/i, 'B96.1'],
  [/\bproteus\b/i, 'B96.4'],
  [/\b(h\.?|haemophilus|hemophilus) influenzae\b/i, 'B96.3'],
  [/\bmycoplasma pneumoniae\b/i, 'B96.0'],
];

/**
 * The sentence around a span, semicolons included: "cellulitis of the forearm; wound culture grew MRSA"
 * names the site and its organism in one sentence (the E/M reader's `sentenceAround` ends at ";").
 */
function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const from = Math.max(text.lastIndexOf('.', start - 1), text.lastIndexOf('\n', start - 1)) + 1;
  const stops = [text.indexOf('. ', end), text.indexOf('\n', end)].filter((i) => i >= 0);
  return { start: from, end: stops.length === 0 ? text.length : Math.min(...stops) };
}

/**
 * The infectious agent beside a site infection (Tabular "use additional code (B95–B97)"): when a billed
 * site infection's sentence names the organism ("Pseudomonas urinary tract infection", "cellulitis due to
 * MRSA"), its B95–B97 code is reported at the threshold with the organism's words as evidence, and an
 * infection of unspecified site (A49) read from the same words is suppressed (A49 Excludes1 the agents of
 * diseases classified elsewhere).
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function organismCodes(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const added: Suggestion[] = [];
  for (const site of result.suggestions) {
    const ev = site.evidence[0];
    if (
      site.system !== 'ICD-10-CM' ||
      site.confidence < operating ||
      ev === undefined ||
      !SITE_INFECTION.test(site.code)
    ) {
      continue;
    }
    const around = sentenceAround(text, ev.start, ev.end);
    const sentence = text.slice(around.start, around.end);
    const from = around.start;
    for (const [re, code] of ORGANISMS) {
      const m = re.exec(sentence);
      const info = m === null ? undefined : codeSet.lookup(code)[0];
      if (
        m === null ||
        info === undefined ||
        [...result.suggestions, ...added].some((s) => s.code === code && s.confidence >= operating)
      ) {
        continue;
      }
      const start = from + m.index;
      added.push({
        code,
        system: 'ICD-10-CM',
        title: info.title,
        confidence: operating,
        evidence: [{ start, end: start + m[0].length, text: m[0] }],
        assertion: 'present',
        reasons: [
          `the organism of ${site.code}: "use additional code (B95–B97) to identify the infectious agent" (Tabular List)`,
        ],
      });
      break;
    }
  }
  if (added.length === 0) {
    return result;
  }
  const codes = new Set(added.map((s) => s.code));
  const unspecifiedSite = (s: Suggestion): boolean =>
    s.system === 'ICD-10-CM' && /^A49\./.test(s.code) && s.confidence >= operating;
  const suppressed: Suppressed[] = result.suggestions.filter(unspecifiedSite).map((s) => ({
    ...s,
    reason: 'excludes1-conflict',
    reasons: [
      ...s.reasons,
      `the agent is coded as the cause of the site infection (${[...codes].join(', ')})`,
    ],
  }));
  return {
    ...result,
    suggestions: [
      ...result.suggestions.filter((s) => !codes.has(s.code) && !unspecifiedSite(s)),
      ...added,
    ].sort((a, b) => b.confidence - a.confidence),
    suppressed: [...result.suppressed, ...suppressed],
  };
}
