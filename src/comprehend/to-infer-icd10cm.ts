import type { DetectResult, Evidence, Suggestion } from '../core/types.js';
import type {
  Icd10cmConcept,
  Icd10cmEntity,
  Icd10cmTrait,
  InferIcd10cmResponse,
} from './infer-icd10cm-types.js';

const MAX_CONCEPTS = 5;
/** Words a patient reports (symptoms), as opposed to what a clinician observes (signs). */
const REPORTED =
  /\b(pain|ache|aching|nausea|dizz\w*|fatigue|tired\w*|cough\w*|itch\w*|short(ness)? of breath|dyspnea|headache|malaise|weak\w*|numb\w*|tingl\w*|anxi\w*|insomnia|vomit\w*|diarrh\w*|constipat\w*|palpitation\w*)\b/i;
const OBSERVED = new Set(['exam', 'findings', 'impression', 'labs']);

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The traits of a condition: what the note asserts about it, and its kind (diagnosis, sign, symptom). */
function traits(s: Suggestion, span: Evidence): Icd10cmTrait[] {
  const score = round(s.confidence);
  const out: Icd10cmTrait[] = [];
  if (s.code.startsWith('R')) {
    const observed = OBSERVED.has(span.section ?? '') && !REPORTED.test(span.text);
    out.push({ Name: observed ? 'SIGN' : 'SYMPTOM', Score: score });
  } else if (s.assertion === 'present' || s.assertion === 'historical') {
    out.push({ Name: 'DIAGNOSIS', Score: score });
  }
  const asserted: Partial<Record<Suggestion['assertion'], Icd10cmTrait['Name']>> = {
    absent: 'NEGATION',
    family: 'PERTAINS_TO_FAMILY',
    hypothetical: 'HYPOTHETICAL',
    possible: 'LOW_CONFIDENCE',
  };
  const name = asserted[s.assertion];
  if (name !== undefined) {
    out.push({ Name: name, Score: score });
  }
  return out;
}

/**
 * A result read under the mentions rules as an InferICD10CM answer: one entity per evidence span that
 * names a condition (the span of each ICD-10-CM suggestion's first evidence), its concepts the codes
 * that span supports, best first, at most five; traits from the assertion (NEGATION,
 * PERTAINS_TO_FAMILY, HYPOTHETICAL, LOW_CONFIDENCE) and the code's kind (DIAGNOSIS, SIGN, SYMPTOM).
 * @param result - a result under `rules: mentions` (every condition mentioned, with its assertion)
 */
export function toInferIcd10cm(result: DetectResult): InferIcd10cmResponse {
  const bySpan = new Map<string, { span: Evidence; codes: Suggestion[] }>();
  for (const s of result.suggestions) {
    const span = s.evidence[0];
    if (s.system !== 'ICD-10-CM' || span === undefined) {
      continue;
    }
    const key = `${String(span.start)}:${String(span.end)}`;
    const entry = bySpan.get(key) ?? { span, codes: [] };
    entry.codes.push(s);
    bySpan.set(key, entry);
  }
  const entities: Icd10cmEntity[] = [...bySpan.values()]
    .sort((a, b) => a.span.start - b.span.start)
    .map(({ span, codes }, id) => {
      const ranked = [...codes].sort((a, b) => b.confidence - a.confidence);
      const top = ranked[0] as Suggestion;
      const concepts: Icd10cmConcept[] = ranked.slice(0, MAX_CONCEPTS).map((s) => ({
        Description: s.title,
        Code: s.code,
        Score: round(s.confidence),
      }));
      return {
        Id: id,
        Text: span.text,
        Category: 'MEDICAL_CONDITION',
        Type: 'DX_NAME',
        Score: round(top.confidence),
        BeginOffset: span.start,
        EndOffset: span.end,
        Traits: traits(top, span),
        ICD10CMConcepts: concepts,
      };
    });
  const { detector, tagger } = result.versions;
  return {
    Entities: entities,
    ModelVersion: `notecoder ${detector}${tagger === undefined ? '' : ` ${tagger}`}`,
  };
}
