import type { GuidelineData } from '../knowledge.js';
import type { RuleState } from './rule-context.js';

/**
 * CPT bundling (after NCCI's column-1/column-2 logic): a service included in another one the note
 * documents is not reported beside it — a diagnostic endoscopy inside a therapeutic one, a component
 * inside a global service (`bundle` rows of `cpt-rules.tsv`, in table order) — and CT or MR angiography
 * includes its image post-processing, so 3D rendering is not reported beside it
 * (`cpt-post-processing.tsv`).
 * @param data - the CPT rules and the post-processing table
 */
export function dropBundledProcedures(
  state: RuleState,
  data: Pick<GuidelineData, 'cptRules' | 'postProcessing'>,
): void {
  // Most notes keep no procedure, or none a rule names: the rules are read against the kept codes.
  const procedures = new Set<string>();
  for (const k of state.kept) {
    if (k.system === 'CPT') {
      procedures.add(k.code);
    }
  }
  if (procedures.size === 0) {
    return;
  }
  for (const rule of data.cptRules) {
    if (rule.rule !== 'bundle' || !procedures.has(rule.code)) {
      continue;
    }
    const into = state.kept.find((k) => k.system === 'CPT' && rule.other.includes(k.code));
    if (into !== undefined) {
      state.kept = state.kept.filter((k) => {
        const bundled = k.system === 'CPT' && k.code === rule.code;
        if (bundled) {
          state.dropped.push({
            candidate: k,
            reason: 'bundled',
            detail: `included in ${into.code}`,
          });
        }
        return !bundled;
      });
    }
  }
  const { angiography, rendering } = data.postProcessing;
  const exam = state.kept.find((k) => k.system === 'CPT' && angiography.has(k.code));
  if (exam !== undefined) {
    state.kept = state.kept.filter((k) => {
      const bundled = k.system === 'CPT' && rendering.has(k.code);
      if (bundled) {
        state.dropped.push({
          candidate: k,
          reason: 'bundled-into-angiography',
          detail: `${exam.code} already includes image post-processing`,
        });
      }
      return !bundled;
    });
  }
}
