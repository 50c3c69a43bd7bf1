import type { Candidate } from '../candidate.js';
import type { GuidelineData } from '../knowledge.js';
import type { Dropped } from './dropped.js';
import type { CodeMaker } from './make-code.js';
import { startsWithAny, type RuleState } from './rule-context.js';

/** What becomes of a family- or personal-history mention. */
export interface HistoryOutcome {
  /** The Z code (Z80–Z84 family, Z85–Z87 personal) that replaces it, when a row of the table applies. */
  readonly replacement?: Candidate;
  /** Kept: a chronic condition that continues, or a mention under the mentions rules (with why). */
  readonly keep?: { readonly reason: string };
  /** Dropped under the billing rules. */
  readonly drop?: Omit<Dropped, 'candidate'>;
}

/**
 * History mentions (ICD-10-CM guideline I.C.21.c.4): the family history of a condition is coded as its
 * family-history Z code, the personal history of a resolved one as its personal-history Z code, and the
 * condition itself is not coded — except a chronic condition that continues ("history of hypertension"),
 * which stays. The Z codes and the chronic conditions are data (`history-codes.tsv`,
 * `chronic-conditions.tsv`). Under the mentions rules the condition is kept too, as a mention.
 * @param c - a diagnosis the note mentions as history
 * @param assertion - family or personal (historical) history
 * @param data - the history-code table and the chronic conditions
 * @param make - makes the Z code
 * @param mentions - the mentions rules are in effect
 */
export function historyOutcome(
  c: Candidate,
  assertion: 'family' | 'historical',
  data: Pick<GuidelineData, 'history' | 'chronic'>,
  make: CodeMaker,
  mentions: boolean,
): HistoryOutcome {
  if (assertion === 'historical' && startsWithAny(c.code, data.chronic)) {
    return { keep: { reason: '"history of" a chronic condition that continues: still coded' } };
  }
  const family = assertion === 'family';
  const row = data.history.find(
    (h) => h.assertion === assertion && startsWithAny(c.code, h.prefixes),
  );
  const replacement =
    row === undefined
      ? undefined
      : make(row.target, c, `${family ? 'family' : 'personal'} history of ${c.code} ${c.title}`);
  const made = replacement === undefined ? {} : { replacement };
  if (mentions) {
    return {
      ...made,
      keep: {
        reason: `${family ? 'family history' : 'history'}: suggested as a mention (rules: mentions), not for a claim`,
      },
    };
  }
  return {
    ...made,
    drop: {
      reason: family ? 'family-history' : 'personal-history',
      detail:
        replacement === undefined
          ? 'history only; no history code applies'
          : `coded as ${replacement.code} instead`,
    },
  };
}

/**
 * The history Z codes join the kept codes; one already kept takes the higher confidence of the two.
 * @param added - the Z codes, in the order their mentions were judged
 */
export function addHistoryCodes(state: RuleState, added: readonly Candidate[]): void {
  for (const a of added) {
    const same = state.kept.find((k) => k.code === a.code);
    if (same === undefined) {
      state.kept.push(a);
    } else {
      same.confidence = Math.max(same.confidence, a.confidence);
    }
  }
}
