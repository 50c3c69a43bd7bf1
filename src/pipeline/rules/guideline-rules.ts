import type { Candidate } from '../candidate.js';
import type { GuidelineData } from '../knowledge.js';
import { judgeAssertions } from './assertion-suppression.js';
import { applyCombinationCodes } from './combination-codes.js';
import { dropBundledProcedures } from './cpt-bundling.js';
import type { Dropped } from './dropped.js';
import { dropExcludes1Conflicts } from './excludes1.js';
import { addHistoryCodes } from './history-codes.js';
import { dropIntegralSymptoms } from './integral-symptoms.js';
import { dropLessSpecific } from './less-specific.js';
import { dropLoneLearnedWords } from './lone-learned-word.js';
import type { RuleContext, RuleState } from './rule-context.js';

export type { Dropped } from './dropped.js';

/**
 * The ICD-10-CM and CPT guideline rules over scored candidates, family by family in this order: the
 * assertion rules (negated, hypothetical, uncertain by setting) with history mentions turned into their
 * Z codes; combination codes; specific over unspecified; a diagnosis read from lone learned words;
 * Excludes1 pairs; integral symptoms; CPT bundling. Every drop is returned with its reason.
 *
 * With the mentions rules a diagnosis is kept whatever the note asserts about it (a reason says what), a
 * history mention keeps its Z code too, and Excludes1 pairs and integral symptoms both stay (both are
 * mentioned); combination codes, specificity and procedures follow the billing rules.
 * @param candidates - the note's candidates, scored
 * @param context - setting, rules, code set, code maker and the strong-reading test
 * @param data - the rules' tables (`dictionaries/lexicon/`)
 */
export function applyGuidelines(
  candidates: readonly Candidate[],
  context: RuleContext,
  data: GuidelineData,
): { kept: Candidate[]; dropped: Dropped[] } {
  const state: RuleState = { kept: [], dropped: [] };
  addHistoryCodes(state, judgeAssertions(candidates, state, context, data));
  applyCombinationCodes(state, data.combinations, context);
  dropLessSpecific(state, context);
  if (!context.mentions) {
    dropLoneLearnedWords(state);
    dropExcludes1Conflicts(state, context);
    dropIntegralSymptoms(state, data.integral, context);
  }
  dropBundledProcedures(state, data);
  return state;
}
