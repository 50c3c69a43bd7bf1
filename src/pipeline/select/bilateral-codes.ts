import type { CodeSet } from '../../codes/code-set.js';
import { stemToken } from '../../core/term-key.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';

/** Words that name a side, and the filler around them, left out when two titles are compared. */
const SIDE_WORDS = new Set(
  'right left bilateral unilateral both side sides of the and eye eyes ear ears unspecified primary'.split(
    ' ',
  ),
);
const SIDE = /\b(right|left)\b/i;

/** Titles and categories remembered; beyond it they are worked out each time. */
const REMEMBERED = 100_000;
const sidelessTitles = new Map<string, string>();

/** A title without its side: "Unilateral primary osteoarthritis, right knee" → "osteoarthr knee". */
export function sideless(title: string): string {
  let key = sidelessTitles.get(title);
  if (key === undefined) {
    key = title
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '' && !SIDE_WORDS.has(w))
      .map(stemToken)
      .join(' ');
    if (sidelessTitles.size < REMEMBERED) {
      sidelessTitles.set(title, key);
    }
  }
  return key;
}

/** A billable code and its title. */
export interface BillableCode {
  readonly code: string;
  readonly title: string;
}

const billableByCategory = new WeakMap<CodeSet, Map<string, readonly BillableCode[]>>();

/** Every billable code under a category, with its title (walked once per code set and category). */
export function billableUnder(codeSet: CodeSet, category: string): readonly BillableCode[] {
  let byCategory = billableByCategory.get(codeSet);
  if (byCategory === undefined) {
    byCategory = new Map();
    billableByCategory.set(codeSet, byCategory);
  }
  let out = byCategory.get(category);
  if (out === undefined) {
    const found: BillableCode[] = [];
    const queue = [category];
    for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
      for (const child of codeSet.children(code)) {
        if (child.billable) {
          found.push({ code: child.code, title: child.title });
        }
        queue.push(child.code);
      }
    }
    out = found;
    if (byCategory.size < REMEMBERED) {
      byCategory.set(category, out);
    }
  }
  return out;
}

/**
 * Both sides of one condition billed as two one-sided codes (right carotid stenosis and left carotid
 * stenosis) when the category has a code for both sides: the bilateral code is reported instead, as the
 * Tabular List's laterality convention asks (guideline I.B.13: "when a bilateral code is provided and the
 * condition is bilateral, assign the appropriate bilateral code"). The one-sided codes are listed as
 * suppressed with the reason; a category without a bilateral code keeps both.
 * @param result - the selected billing result
 * @param codeSet - the code set (titles and hierarchy)
 * @param operating - the note's operating threshold
 */
export function bilateralCodes(
  result: DetectResult,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const billed = result.suggestions.filter(
    (s) => s.system === 'ICD-10-CM' && s.confidence >= operating && SIDE.test(s.title),
  );
  if (billed.length < 2) {
    return result;
  }
  const replaced = new Map<Suggestion, string>();
  const added: Suggestion[] = [];
  for (const right of billed) {
    if (!/\bright\b/i.test(right.title) || replaced.has(right)) {
      continue;
    }
    const key = sideless(right.title);
    const left = billed.find(
      (s) =>
        s !== right &&
        !replaced.has(s) &&
        /\bleft\b/i.test(s.title) &&
        s.code.slice(0, 3) === right.code.slice(0, 3) &&
        sideless(s.title) === key,
    );
    if (left === undefined) {
      continue;
    }
    const both = billableUnder(codeSet, right.code.slice(0, 3)).find(
      (c) => /\bbilateral\b/i.test(c.title) && sideless(c.title) === key,
    );
    if (both === undefined || result.suggestions.some((s) => s.code === both.code)) {
      continue;
    }
    replaced.set(right, both.code);
    replaced.set(left, both.code);
    added.push({
      code: both.code,
      system: 'ICD-10-CM',
      title: both.title,
      confidence: Math.max(right.confidence, left.confidence),
      evidence: [...right.evidence, ...left.evidence],
      assertion: 'present',
      reasons: [
        `both sides documented (${right.code} and ${left.code}): the bilateral code is reported (guideline I.B.13)`,
      ],
    });
  }
  if (added.length === 0) {
    return result;
  }
  const suppressed: Suppressed[] = [...replaced].map(([s, code]) => ({
    ...s,
    reason: 'bilateral-code',
    reasons: [...s.reasons, `replaced by the bilateral code ${code}`],
  }));
  return {
    ...result,
    suggestions: [...result.suggestions.filter((s) => !replaced.has(s)), ...added].sort(
      (a, b) => b.confidence - a.confidence,
    ),
    suppressed: [...result.suppressed, ...suppressed],
  };
}
