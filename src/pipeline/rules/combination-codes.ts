import type { Candidate } from '../candidate.js';
import type { GuidelineData } from '../knowledge.js';
import { startsWithAny, type RuleContext, type RuleState } from './rule-context.js';

type Combination = GuidelineData['combinations'][number];

/** The parts a combination code replaces go, with the rule as the reason. */
function dropParts(state: RuleState, rule: Combination, combo: Candidate): void {
  state.kept = state.kept.filter((k) => {
    const drop = k !== combo && k.system === 'ICD-10-CM' && startsWithAny(k.code, rule.suppress);
    if (drop) {
      state.dropped.push({
        candidate: k,
        reason: 'combination-code',
        detail: `${rule.add}: ${rule.note}`,
      });
    }
    return !drop;
  });
}

/**
 * Whether every group has a prefix some kept ICD-10-CM code starts with (loops, no closures: this
 * runs for every row of the table on every note).
 */
function everyGroupNamed(
  kept: readonly Candidate[],
  groups: readonly (readonly string[])[],
): boolean {
  for (const group of groups) {
    let named = false;
    for (const k of kept) {
      if (k.system === 'ICD-10-CM' && startsWithAny(k.code, group)) {
        named = true;
        break;
      }
    }
    if (!named) {
      return false;
    }
  }
  return true;
}

/** One row: when a strong code of every `when` group is kept, its combination code replaces the parts. */
function combine(state: RuleState, rule: Combination, context: RuleContext): void {
  // Most rows name a code no candidate has: told without a list per group.
  if (!everyGroupNamed(state.kept, rule.when)) {
    return;
  }
  const groups = rule.when.map((group) =>
    // The code's prefix first: most candidates match no rule, and `strong` is the dearer test.
    state.kept.filter(
      (k) =>
        k.system === 'ICD-10-CM' && group.some((p) => k.code.startsWith(p)) && context.strong(k),
    ),
  );
  if (groups.some((g) => g.length === 0)) {
    return;
  }
  const from = groups.flat();
  const base = from[0];
  const existing = state.kept.find((k) => k.system === 'ICD-10-CM' && k.code === rule.add);
  const combo =
    existing ?? (base === undefined ? undefined : context.make(rule.add, base, rule.note));
  if (combo === undefined) {
    return;
  }
  if (existing === undefined) {
    combo.confidence = Math.min(...from.map((f) => f.confidence));
    combo.mentions.push(...from.flatMap((f) => f.mentions.slice(0, 1)));
  } else {
    combo.confidence = Math.max(combo.confidence, Math.min(...from.map((f) => f.confidence)));
    combo.reasons.push(rule.note);
    // The parts' words are the combination's evidence too: "benign prostatic hypertrophy" stated in
    // the diagnoses, beside an "history of BPH" the combination was first read from.
    for (const f of from) {
      const m = f.mentions[0];
      if (f !== combo && m !== undefined && !combo.mentions.includes(m)) {
        combo.mentions.push(m);
      }
    }
  }
  dropParts(state, rule, combo);
  if (existing === undefined) {
    state.kept.push(combo);
  }
}

/**
 * Combination codes (ICD-10-CM guideline I.B.9): when the note documents every part of a combination
 * ("type 2 diabetes" + "chronic kidney disease" → E11.22), the combination code is reported and the parts
 * it replaces are not; rows of `combination-codes.tsv`, in table order (a row marked billing only
 * applies under the billing rules only; one marked `selected` waits for the selection's codes). A
 * combination code found
 * directly ("hypertensive chronic kidney disease") also replaces its parts.
 * @param rules - the combination table
 */
export function applyCombinationCodes(
  state: RuleState,
  rules: GuidelineData['combinations'],
  context: RuleContext,
): void {
  // Rows for the selection's codes only wait for them (select/selected-combinations.ts).
  const before = rules.filter((rule) => rule.afterSelection !== true);
  for (const rule of before) {
    if (!(rule.billingOnly && context.mentions)) {
      combine(state, rule, context);
    }
  }
  // The codes kept now: a combination code not among them is not kept below either (parts only go).
  const keptCodes = new Set<string>();
  for (const k of state.kept) {
    keptCodes.add(k.code);
  }
  for (const rule of before) {
    if ((rule.billingOnly && context.mentions) || !keptCodes.has(rule.add)) {
      continue;
    }
    // Found, not guessed: an unspecified child proposed for a header names no combination.
    const combo = state.kept.find(
      (k) => k.system === 'ICD-10-CM' && k.code === rule.add && !k.guessed && context.strong(k),
    );
    if (combo !== undefined) {
      dropParts(state, rule, combo);
    }
  }
}
