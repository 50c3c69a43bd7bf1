import type { Evidence, Suggestion } from '../../core/types.js';
import type { ClaimKnowledge } from './claim-input.js';
import { sentencesOf, wordsIn } from './note-words.js';

/** Sections that state a result: a confirmed finding, a diagnosis reached. */
const FINDING = new Set([
  'findings',
  'impression',
  'assessment',
  'postoperative diagnosis',
  'discharge diagnosis',
]);
/** Sections that state why the service was done. */
const REASON = new Set([
  'indication',
  'chief complaint',
  'hpi',
  'preoperative diagnosis',
  'admission diagnosis',
  'title',
]);

/** How a diagnosis relates to the services of a note. */
export interface DiagnosisRole {
  readonly suggestion: Suggestion;
  /** Stated in a findings, impression or assessment section. */
  readonly finding: Evidence | undefined;
  /** Stated as the indication, chief complaint or reason. */
  readonly reason: Evidence | undefined;
  /** A sign or symptom code (chapter 18, R00–R99): never first when a definitive diagnosis is there. */
  readonly symptom: boolean;
}

/** The kind of service a claim line is, for pointers and the first-listed diagnosis. */
export type ServiceKind = 'test' | 'em' | 'procedure';

const TEST_CATEGORIES = new Set(['radiology', 'cardiology', 'vascular', 'laboratory', 'pulmonary']);

/** Test (diagnostic), E/M, or procedure (everything else a provider does to treat or prevent). */
export function serviceKind(code: string, knowledge: ClaimKnowledge): ServiceKind {
  const category = knowledge.cpt.get(code)?.category ?? '';
  if (category === 'evaluation-management') {
    return 'em';
  }
  return TEST_CATEGORIES.has(category) ? 'test' : 'procedure';
}

/** Each diagnosis suggestion the claim may carry (present), with its role. */
export function diagnosisRoles(suggestions: readonly Suggestion[]): DiagnosisRole[] {
  return suggestions
    .filter(
      (s) => s.system === 'ICD-10-CM' && s.assertion !== 'absent' && s.assertion !== 'possible',
    )
    .filter(
      (s) => (s.assertion !== 'hypothetical' && s.assertion !== 'family') || s.code.startsWith('Z'),
    )
    .map((s) => ({
      suggestion: s,
      finding: s.evidence.find((e) => FINDING.has(e.section ?? '')),
      reason: s.evidence.find((e) => REASON.has(e.section ?? '')),
      symptom: s.code.startsWith('R'),
    }));
}

/**
 * The diagnoses documented with a service: evidence in the same sentence as the service's words, or at
 * the same body site (the site words of the service's sentence in the diagnosis's words: "right knee
 * injection" and "osteoarthritis of the right knee").
 */
export function nearService(
  text: string,
  service: readonly Evidence[],
  roles: readonly DiagnosisRole[],
): { role: DiagnosisRole; evidence: Evidence }[] {
  const sentences = sentencesOf(text, service);
  const sites = new Set(siteWords(text, sentences));
  const out: { role: DiagnosisRole; evidence: Evidence }[] = [];
  for (const role of roles) {
    const hit = role.suggestion.evidence.find(
      (e) =>
        sentences.some((w) => e.start >= w.start && e.end <= w.end) ||
        siteWords(text, [e]).some((w) => sites.has(w)),
    );
    if (hit !== undefined) {
      out.push({ role, evidence: hit });
    }
  }
  return out;
}

/** The body-site words of some spans, singular and lower case. */
export function siteWords(text: string, spans: readonly Evidence[]): string[] {
  return wordsIn(text, spans, SITES).map((w) => w.text.toLowerCase().replace(/s$/, ''));
}

/** Body sites a note names for where a service was done or a condition is. */
export const SITES =
  /\b(scalp|face|forehead|cheek|nose|lip|ear|eye|neck|chest|breast|back|shoulder|arm|elbow|forearm|wrist|hand|finger|thumb|abdomen|flank|hip|thigh|knee|leg|shin|calf|ankle|foot|heel|toe|trunk|buttock|groin|nail|cervix|colon)s?\b/gi;
