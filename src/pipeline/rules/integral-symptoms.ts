import type { GuidelineData } from '../knowledge.js';
import { startsWithAny, type RuleContext, type RuleState } from './rule-context.js';

/**
 * Integral symptoms (ICD-10-CM guideline I.B.5): a sign or symptom routinely part of a diagnosis the note
 * states clearly is not coded beside it (fever beside pneumonia); rows of `integral-symptoms.tsv`.
 * @param rows - symptom prefix → the diagnoses it is integral to
 */
export function dropIntegralSymptoms(
  state: RuleState,
  rows: GuidelineData['integral'],
  context: RuleContext,
): void {
  // A symptom is an R code, or a finding the table names as part of a diagnosis (a pleural effusion
  // of heart failure). Most notes keep none: then nothing is asked of the diagnoses.
  const findings = rows.filter((r) => !r.symptom.startsWith('R')).map((r) => r.symptom);
  const symptom = (code: string): boolean =>
    code.startsWith('R') || findings.some((f) => code.startsWith(f));
  if (!state.kept.some((k) => k.system === 'ICD-10-CM' && symptom(k.code))) {
    return;
  }
  const diagnoses = state.kept.filter(
    (k) => k.system === 'ICD-10-CM' && !symptom(k.code) && context.strong(k),
  );
  state.kept = state.kept.filter((k) => {
    if (k.system !== 'ICD-10-CM' || !symptom(k.code)) {
      return true;
    }
    // Every row of the symptom counts: "R10" (abdominal pain) and "R10.1" (upper abdominal pain) each
    // have diagnoses of their own.
    let host: (typeof diagnoses)[number] | undefined;
    for (const row of rows) {
      if (k.code.startsWith(row.symptom)) {
        host = diagnoses.find((d) => startsWithAny(d.code, row.diagnoses));
        if (host !== undefined) {
          break;
        }
      }
    }
    if (host !== undefined) {
      state.dropped.push({
        candidate: k,
        reason: 'integral-symptom',
        detail: `a routine sign of ${host.code} ${host.title} (guideline I.B.5)`,
      });
      return false;
    }
    return true;
  });
}
