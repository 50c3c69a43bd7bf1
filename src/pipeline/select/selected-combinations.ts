import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';
import type { GuidelineData } from '../knowledge.js';
import { startsWithAny } from '../rules/rule-context.js';
import { billedDiagnosis as billed } from './billed-diagnosis.js';
import { spansOverlap } from './shared-words.js';

type Combination = GuidelineData['combinations'][number];

/** The codes of the billed suggestions and of the Excludes1-dropped candidates. */
function partCodes(
  suggestions: readonly Suggestion[],
  excluded: readonly Suppressed[],
  operating: number,
): string[] {
  const out: string[] = [];
  for (const s of suggestions) {
    if (billed(s, operating)) {
      out.push(s.code);
    }
  }
  for (const s of excluded) {
    out.push(s.code);
  }
  return out;
}

/** Whether every word span of `s` is also evidence of a billed diagnosis. */
function readsBilledWords(
  s: Suggestion,
  suggestions: readonly Suggestion[],
  operating: number,
): boolean {
  return s.evidence.every((e) =>
    suggestions.some((b) => billed(b, operating) && b.evidence.some((o) => spansOverlap(o, e))),
  );
}

/**
 * Combination codes among the codes the selection keeps (guideline I.B.9; the rows of
 * `combination-codes.tsv`). The rules stage combines the parts its first scores find strong; the
 * selection may then keep parts it held weak — "hypertension" and "heart failure" both reported — and a
 * coder still reports the combination (I11.0 with the I50 code, the hypertension code not). Rows apply
 * in table order to the billed codes (a part may also be one the rules dropped for its Excludes1 note,
 * at least one part billed), each once: the combination takes the weakest billed part's confidence
 * (or keeps its own, when higher), and the parts it replaces are suppressed with reason
 * `combination-code`. A combination the code set does not hold as billable is skipped.
 * @param result - the selected result
 * @param rows - the combination table
 * @param codeSet - the code set (the combination's title)
 * @param operating - the note's operating threshold
 */
export function selectedCombinations(
  result: DetectResult,
  rows: readonly Combination[],
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  let suggestions = result.suggestions;
  const dropped: Suppressed[] = [];
  // The codes a part may be: billed, or dropped for an Excludes1 note (most rows name none of them),
  // a condition of its own words: one read from words a billed code already reports ("renal failure",
  // kidney failure N19, not also chronic kidney disease) is another reading of them, not a second part.
  const excluded = result.suppressed.filter(
    (s) =>
      s.reason === 'excludes1-conflict' &&
      s.assertion === 'present' &&
      !readsBilledWords(s, suggestions, operating),
  );
  let codes = partCodes(suggestions, excluded, operating);
  for (const row of rows) {
    if (!row.when.every((group) => codes.some((c) => startsWithAny(c, group)))) {
      continue;
    }
    const parts = row.when.map((group) => {
      const of = (s: Suggestion): boolean => startsWithAny(s.code, group);
      const kept = suggestions.filter((s) => billed(s, operating) && of(s));
      // A part the rules dropped for its Excludes1 note beside another part: the combination is how
      // the classification reports the two together ("cholelithiasis" beside "acute cholecystitis").
      return kept.length > 0 ? kept : excluded.filter(of);
    });
    if (parts.some((p) => p.length === 0) || !codeSet.isBillable(row.add, 'ICD-10-CM')) {
      continue;
    }
    const from = parts.flat();
    const held = from.filter((s) => billed(s, operating) && suggestions.includes(s));
    if (held.length === 0) {
      continue;
    }
    const floor = Math.min(...held.map((s) => s.confidence));
    const existing = suggestions.find((s) => s.system === 'ICD-10-CM' && s.code === row.add);
    const why = `${from.map((s) => s.code).join(' + ')} billed: ${row.note}`;
    const combo: Suggestion =
      existing === undefined
        ? {
            code: row.add,
            system: 'ICD-10-CM',
            title: codeSet.get(row.add, 'ICD-10-CM')?.title ?? row.add,
            confidence: floor,
            evidence: from.flatMap((s) => s.evidence.slice(0, 1)),
            assertion: 'present',
            reasons: [why],
          }
        : {
            ...existing,
            confidence: Math.max(existing.confidence, floor),
            reasons: [...existing.reasons, why],
          };
    const replaced = suggestions.filter(
      (s) =>
        s !== existing &&
        s.system === 'ICD-10-CM' &&
        startsWithAny(s.code, row.suppress) &&
        s.code !== row.add,
    );
    dropped.push(
      ...replaced.map((s) => ({
        ...s,
        reason: 'combination-code' as const,
        reasons: [...s.reasons, `${row.add}: ${row.note}`],
      })),
    );
    suggestions = [...suggestions.filter((s) => s !== existing && !replaced.includes(s)), combo];
    codes = partCodes(suggestions, excluded, operating);
  }
  if (suggestions === result.suggestions) {
    return result;
  }
  return {
    ...result,
    suggestions: [...suggestions].sort((a, b) => b.confidence - a.confidence),
    suppressed: [...result.suppressed, ...dropped].sort((a, b) => b.confidence - a.confidence),
  };
}
