import type { CodeSet } from '../../codes/code-set.js';
import { refCovers } from '../../codes/icd10cm/code-refs.js';
import { isLearned, type Candidate } from '../candidate.js';
import type { RuleContext, RuleState } from './rule-context.js';

/**
 * The words of the longest dictionary term behind a candidate: of two readings of the same words, the one
 * that took more of them is the more specific ("hypertensive heart disease with heart failure" over
 * "heart disease").
 */
function termLength(c: Candidate): number {
  return c.mentions.reduce(
    (n, m) => (!isLearned(m.source) && m.assertion === 'present' ? Math.max(n, m.length) : n),
    0,
  );
}

/**
 * The ICD-10-CM candidates, the one to keep first: a definitive diagnosis over a symptom (guideline
 * I.B.4–5), then a dictionary reading over a learned association, then a strong or long reading, then the
 * longer term, then the more confident. Rank and term length are worked out once per candidate.
 */
function keepOrder(kept: readonly Candidate[], strong: RuleContext['strong']): Candidate[] {
  const rank = (c: Candidate, length: number): number =>
    (c.code.startsWith('R') ? 0 : 4) +
    (c.mentions.some((m) => !isLearned(m.source)) ? 2 : 0) +
    (strong(c) || length >= 3 ? 1 : 0);
  return kept
    .filter((k) => k.system === 'ICD-10-CM')
    .map((c) => {
      const length = termLength(c);
      return { c, length, rank: rank(c, length) };
    })
    .sort((a, b) => b.rank - a.rank || b.length - a.length || b.c.confidence - a.c.confidence)
    .map((d) => d.c);
}

/**
 * The Excludes1 conflicts among candidates, both ways. Each code's Excludes1 references name the codes
 * it conflicts with: the pairs are collected reference by reference (a binary search in the candidates
 * sorted by compact code: the codes a reference covers lie next to each other from the first code not
 * below its start), instead of testing every pair of candidates.
 */
function conflicts(icd: readonly Candidate[], codeSet: CodeSet): Map<Candidate, Candidate[]> {
  const found = new Map<Candidate, Candidate[]>();
  const connect = (x: Candidate, y: Candidate): void => {
    const list = found.get(x);
    if (list === undefined) {
      found.set(x, [y]);
    } else if (!list.includes(y)) {
      list.push(y);
    }
  };
  const sorted = icd
    .map((c) => ({ c, compact: c.code.replace('.', '') }))
    .sort((x, y) => (x.compact < y.compact ? -1 : x.compact > y.compact ? 1 : 0));
  for (const a of icd) {
    for (const ref of codeSet.excludes1Refs(a.code)) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid]?.compact ?? '') < ref.from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (let i = lo; i < sorted.length; i++) {
        const b = sorted[i];
        if (b === undefined || !refCovers(ref, b.compact)) {
          break;
        }
        if (b.c !== a) {
          connect(a, b.c);
          connect(b.c, a);
        }
      }
    }
  }
  return found;
}

/**
 * Excludes1 (ICD-10-CM guideline I.A.12.a): two codes whose Excludes1 notes name each other are never
 * reported together. Of a pair, the one first in {@link keepOrder} stays and the other is dropped, naming
 * it, when the first is a strong reading or at least as confident: a weak reading drops nothing.
 */
export function dropExcludes1Conflicts(state: RuleState, context: RuleContext): void {
  const icd = keepOrder(state.kept, context.strong);
  const order = new Map(icd.map((c, i) => [c, i]));
  const pairs = conflicts(icd, context.codeSet);
  const gone = new Set<Candidate>();
  for (const a of icd) {
    if (gone.has(a)) {
      continue;
    }
    for (const b of pairs.get(a) ?? []) {
      // Only a reading that may be reported makes another go: a strong one, or one at least as
      // confident ("diarrhea" at 0.97 stays beside an "acute abdomen" guessed at 0.02). Pairs the
      // selection then reports both of are settled after it (`selectedExcludes1`).
      if (
        !gone.has(b) &&
        (order.get(b) ?? 0) > (order.get(a) ?? 0) &&
        (context.strong(a) || a.confidence >= b.confidence)
      ) {
        gone.add(b);
        state.dropped.push({
          candidate: b,
          reason: 'excludes1-conflict',
          detail: `Excludes1 with ${a.code}: never reported together`,
        });
      }
    }
  }
  state.kept = state.kept.filter((k) => !gone.has(k));
}
