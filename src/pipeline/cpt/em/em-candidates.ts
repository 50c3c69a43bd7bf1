import type { CptLexicon } from '../../../codes/cpt/cpt-types.js';
import { newCandidate, type Candidate } from '../../candidate.js';
import { emVisit, type EmVisitOptions } from './em-visit.js';
import type { EmKnowledge } from './em-types.js';

/**
 * The E/M candidates of a note (see `emVisit`), each with its fixed confidence, its evidence spans
 * (time statement or MDM words, then the family and patient-type words) and its reasons.
 * @param text - the note
 * @param cpt - the CPT lexicon (titles)
 * @param em - the E/M tables and lexicons
 * @param options - the setting, whether the note is an imaging report, its sections
 */
export function emCandidates(
  text: string,
  cpt: CptLexicon,
  em: EmKnowledge,
  options: EmVisitOptions,
): Candidate[] {
  return emVisit(text, em, options).map((visit) => {
    const entry = cpt.entries.find((e) => e.code === visit.code);
    const c = newCandidate('CPT', visit.code, entry?.description ?? '');
    for (const span of visit.evidence) {
      const words = text.slice(span.start, span.end);
      c.mentions.push({
        first: 0,
        last: 0,
        evidence: { start: span.start, end: span.end, text: words },
        source: 'em-time',
        quality: 1,
        assertion: 'present',
        length: 1,
        term: words,
      });
    }
    c.reasons.push(...visit.reasons);
    if (visit.units > 1) {
      c.reasons.push(`report ${visit.units} units`);
    }
    c.fixedConfidence = visit.confidence;
    c.confidence = visit.confidence;
    return c;
  });
}
