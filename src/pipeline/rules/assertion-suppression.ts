import type { Assertion, Setting } from '../../core/types.js';
import { candidateAssertion, isLearned, type Candidate } from '../candidate.js';
import type { GuidelineData } from '../knowledge.js';
import type { Dropped } from './dropped.js';
import { historyOutcome } from './history-codes.js';
import type { RuleContext, RuleState } from './rule-context.js';

/** What the assertion rules make of one candidate. */
export type AssertionVerdict =
  /** Coded; `reason` is added to its reasons when given. */
  | { readonly kind: 'keep'; readonly reason?: string }
  /** Not coded: `reason` and `detail` say why. */
  | ({ readonly kind: 'drop' } & Omit<Dropped, 'candidate'>)
  /** History: the history-code rules decide (see `historyOutcome`). */
  | { readonly kind: 'history'; readonly assertion: 'family' | 'historical' };

const mention = (said: string): AssertionVerdict => ({
  kind: 'keep',
  reason: `${said}: suggested as a mention (rules: mentions), not for a claim`,
});

/**
 * The assertion rules: a negated finding is never coded, nor a planned, conditional or ordered one (a
 * procedure not documented as done); an uncertain diagnosis is not coded in an outpatient note
 * (guideline IV.H: code the signs and symptoms) and is coded as if established in an inpatient one
 * (guideline II.H). Under the mentions rules a diagnosis is kept whatever the note asserts, with a reason
 * that says what.
 * @param c - the candidate
 * @param assertion - its assertion (`candidateAssertion`)
 * @param setting - the note's setting
 * @param mentions - the mentions rules are in effect
 */
export function assertionVerdict(
  c: Candidate,
  assertion: Assertion,
  setting: Setting,
  mentions: boolean,
): AssertionVerdict {
  const diagnosis = c.system === 'ICD-10-CM';
  if (mentions && diagnosis && (assertion === 'absent' || assertion === 'hypothetical')) {
    return mention(assertion === 'absent' ? 'the note says it is absent' : 'hypothetical');
  }
  if (assertion === 'absent') {
    return { kind: 'drop', reason: 'negated', detail: 'the note says it is absent' };
  }
  if (assertion === 'hypothetical') {
    return {
      kind: 'drop',
      reason: diagnosis ? 'hypothetical' : 'not-performed',
      detail: 'planned, conditional or ordered, not documented as done or present',
    };
  }
  if (!diagnosis) {
    return { kind: 'keep' };
  }
  if (assertion === 'possible') {
    if (setting === 'outpatient') {
      return mentions
        ? mention('uncertain')
        : {
            kind: 'drop',
            reason: 'uncertain-outpatient',
            detail:
              'uncertain diagnosis in an outpatient note: code the documented signs and symptoms instead (guideline IV.H)',
          };
    }
    return {
      kind: 'keep',
      reason: 'uncertain diagnosis coded as if established: inpatient setting (guideline II.H)',
    };
  }
  if (assertion === 'family' || assertion === 'historical') {
    return { kind: 'history', assertion };
  }
  return { kind: 'keep' };
}

/** History codes of a past episode, not of a neoplasm (whose treatment may go on) or of tobacco use. */
const EPISODE_TARGET = /^(?:Z86\.(?:1|7)|Z87\.(?:0|1|4|5|8[01])|I25\.2)/;

/**
 * Whether a condition that comes and goes (one whose past episode has a personal-history code in
 * `history-codes.tsv`: a urinary tract infection, pneumonia, a pulmonary embolism, a stroke) is named
 * only under the past medical history heading: there it is a past episode ("PAST MEDICAL HISTORY:
 * recurrent urinary tract infections"), coded by its history code, not as a current infection.
 */
function pastEpisodeOnly(c: Candidate, data: Pick<GuidelineData, 'history'>): boolean {
  if (c.system !== 'ICD-10-CM') {
    return false;
  }
  // The dictionary's readings decide (a learned association names no section of its own).
  return (
    c.mentions.some((m) => !isLearned(m.source)) &&
    c.mentions.every((m) => isLearned(m.source) || m.evidence.section === 'pmh') &&
    data.history.some(
      (h) =>
        h.assertion === 'historical' &&
        EPISODE_TARGET.test(h.target) &&
        h.prefixes.some((p) => c.code.startsWith(p)),
    )
  );
}

/**
 * Judges every candidate by its assertion, in order: kept ones go to `state.kept`, dropped ones to
 * `state.dropped`; history mentions are handed to the history-code rules.
 * @returns the history Z codes to add (see `addHistoryCodes`)
 */
export function judgeAssertions(
  candidates: readonly Candidate[],
  state: RuleState,
  context: RuleContext,
  data: Pick<GuidelineData, 'history' | 'chronic'>,
): Candidate[] {
  const added: Candidate[] = [];
  for (const c of candidates) {
    const said = candidateAssertion(c);
    const assertion = said === 'present' && pastEpisodeOnly(c, data) ? 'historical' : said;
    const verdict = assertionVerdict(c, assertion, context.setting, context.mentions);
    if (verdict.kind === 'history') {
      const outcome = historyOutcome(c, verdict.assertion, data, context.make, context.mentions);
      if (outcome.replacement !== undefined) {
        added.push(outcome.replacement);
      }
      if (outcome.drop !== undefined) {
        state.dropped.push({ candidate: c, ...outcome.drop });
      } else {
        c.reasons.push(outcome.keep?.reason ?? '');
        state.kept.push(c);
      }
    } else if (verdict.kind === 'drop') {
      state.dropped.push({ candidate: c, reason: verdict.reason, detail: verdict.detail });
    } else {
      if (verdict.reason !== undefined) {
        c.reasons.push(verdict.reason);
      }
      state.kept.push(c);
    }
  }
  return added;
}
