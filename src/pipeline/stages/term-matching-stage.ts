import type { Knowledge } from '../knowledge.js';
import { prefixedAway, qualifiedAway } from '../aliases.js';
import { buildTerms } from '../matcher/build-terms.js';
import { hasServicePhrase, isServicePhrase, isTestPhase } from '../matcher/service-phrase.js';
import type { TermMatch } from '../matcher/term-entry.js';
import { createTermMatcher } from '../matcher/term-matcher.js';
import type { Stage } from './stage.js';

const NO_MATCHES: readonly TermMatch[] = [];

/** Whether `outer` holds every one of `inner`'s token positions. */
function holdsPositions(outer: readonly number[], inner: readonly number[]): boolean {
  for (const p of inner) {
    if (!outer.includes(p)) {
      return false;
    }
  }
  return true;
}

/**
 * Whether a longer term of the same system (ICD-10-CM, or CPT of another code), matched from at most 8
 * tokens earlier, holds all of `m`'s words.
 */
function isCovered(
  m: TermMatch,
  byStart: ReadonlyMap<number, readonly TermMatch[]>,
  split: ReadonlySet<TermMatch>,
): boolean {
  for (let f = m.first - 8; f <= m.first; f++) {
    for (const o of byStart.get(f) ?? NO_MATCHES) {
      if (
        o !== m &&
        !split.has(o) &&
        o.entry.system === m.entry.system &&
        (m.entry.system === 'ICD-10-CM' || o.entry.code !== m.entry.code) &&
        o.entry.required.length > m.entry.required.length &&
        holdsPositions(o.positions, m.positions)
      ) {
        return true;
      }
    }
  }
  return false;
}

/** Words that join two conditions: a term read across one names neither. */
const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or', '&', 'nor']);
/** A term whose own words link two conditions ("nausea with vomiting") may be read across "and". */
const LINKING = /\b(with|and)\b/i;

/** Whether a diagnosis match holds every one of `part`'s positions, and only positions of `side`. */
function sideCovered(
  part: readonly number[],
  side: (p: number) => boolean,
  at: ReadonlyMap<number, readonly TermMatch[]>,
  self: TermMatch,
): boolean {
  const p0 = part[0];
  if (p0 === undefined) {
    return false;
  }
  for (const o of at.get(p0) ?? NO_MATCHES) {
    if (o !== self && o.positions.every(side) && holdsPositions(o.positions, part)) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a diagnosis match takes its words from both sides of an "and"/"or" whose sides each name a
 * condition of their own ("anxiety and depression" is no "anxiety depression"; "COPD and hypertension"
 * no pulmonary hypertension): two conditions, not one. A shared modifier ("acute and chronic
 * adenoiditis", "cervical and lumbar sprain") names no condition on its side, and a term whose own
 * words link two conditions ("nausea with vomiting") stays, as does a combination code of the
 * guidelines ("hypertension and chronic kidney disease": I12, the classification's own link) and a
 * neoplasm table reading (site × behaviour: "bone and bladder metastatic disease").
 */
function acrossConjunction(
  m: TermMatch,
  tokens: readonly { norm: string }[],
  at: () => ReadonlyMap<number, readonly TermMatch[]>,
  combined: ReadonlySet<string>,
): boolean {
  if (m.last - m.first < 2) {
    return false;
  }
  for (let c = m.first + 1; c < m.last; c++) {
    if (!CONJUNCTIONS.has(tokens[c]?.norm ?? '')) {
      continue;
    }
    // Asked only of the few matches that span a conjunction.
    if (
      m.entry.source === 'neoplasm' ||
      combined.has(m.entry.code.slice(0, 3)) ||
      LINKING.test(m.entry.text)
    ) {
      return false;
    }
    const left = m.positions.filter((p) => p < c);
    const right = m.positions.filter((p) => p > c);
    if (left.length === 0 || right.length === 0) {
      continue;
    }
    const index = at();
    if (sideCovered(left, (p) => p < c, index, m) && sideCovered(right, (p) => p > c, index, m)) {
      return true;
    }
  }
  return false;
}

/**
 * The diagnosis matches read across "and" as one condition ({@link acrossConjunction}); diagnosis
 * matches by token position are indexed only when one spans a conjunction.
 */
function splitMatches(
  matches: readonly TermMatch[],
  tokens: readonly { norm: string }[],
  combined: ReadonlySet<string>,
): Set<TermMatch> {
  let byPosition: Map<number, TermMatch[]> | undefined;
  const at = (): ReadonlyMap<number, readonly TermMatch[]> => {
    if (byPosition === undefined) {
      byPosition = new Map();
      for (const m of matches) {
        if (m.entry.system !== 'ICD-10-CM') {
          continue;
        }
        for (const p of m.positions) {
          const list = byPosition.get(p);
          if (list === undefined) {
            byPosition.set(p, [m]);
          } else if (!list.includes(m)) {
            list.push(m);
          }
        }
      }
    }
    return byPosition;
  };
  const split = new Set<TermMatch>();
  for (const m of matches) {
    if (m.entry.system === 'ICD-10-CM' && acrossConjunction(m, tokens, at, combined)) {
      split.add(m);
    }
  }
  return split;
}

/**
 * The words the note names a test by ("stress" of "stress test", "during stress"): the same word alone
 * elsewhere in the note is that test ("the patient was stressed per the Bruce protocol"), not the
 * condition. A word the note also names a condition with, in a tight match of several words ("HIV
 * infection" beside "HIV test"), keeps its reading. Undefined when the note names no test.
 */
function testWords(
  matches: readonly TermMatch[],
  tokens: Parameters<typeof isServicePhrase>[0],
  services: Knowledge['services'],
): Set<string> | undefined {
  let tests: Set<string> | undefined;
  for (const m of matches) {
    if (
      m.entry.system === 'ICD-10-CM' &&
      m.first === m.last &&
      (isServicePhrase(tokens, m.last, services) || isTestPhase(tokens, m.first, m.last, services))
    ) {
      (tests ??= new Set()).add(tokens[m.first]?.stem ?? '');
    }
  }
  if (tests !== undefined) {
    for (const m of matches) {
      if (m.entry.system === 'ICD-10-CM' && m.first !== m.last && m.quality >= 0.9) {
        for (const p of m.positions) {
          tests.delete(tokens[p]?.stem ?? '');
        }
      }
    }
  }
  return tests;
}

/**
 * Term matching: the dictionary's terms (titles, inclusion terms, Alphabetic Index, synonyms, CPT
 * triggers) found in the tokens and their aliases. A diagnosis term is dropped when a longer term covers
 * its words ("osteoarthritis" inside "osteoarthritis of the knee": longest match wins; a procedure
 * trigger likewise, "cholecystectomy" inside "laparoscopic cholecystectomy"), when a service
 * word makes it a test or a measure ("stress test"), as does the same word alone in a note that names a
 * test by it ("stressed per the Bruce protocol" in a stress-test report), or when a negation sits
 * between its words ("COPD, no pneumonia"). Building it compiles the dictionary (seconds).
 * @param knowledge - the code set (its terms) and the service words
 */
export function createTermMatchingStage(knowledge: Knowledge): Stage {
  const matcher = createTermMatcher(buildTerms(knowledge.codeSet));
  const combined = new Set(knowledge.guidelines.combinations.map((c) => c.add.slice(0, 3)));
  return (doc) => {
    const { tokens } = doc;
    const matches = matcher.match(tokens, doc.aliases);
    // Compared only with matches starting at the same or a nearby token (bounded, so linear).
    const byStart = new Map<number, TermMatch[]>();
    for (const m of matches) {
      const list = byStart.get(m.first);
      if (list === undefined) {
        byStart.set(m.first, [m]);
      } else {
        list.push(m);
      }
    }
    // Read across "and" as one condition, or across a negation or an uncertainty ("diarrhea,
    // suspected irritable bowel" is no irritable bowel with diarrhea): neither kept nor covering the
    // words on either side, each read on its own.
    const split = splitMatches(matches, tokens, combined);
    for (const m of matches) {
      if (
        m.entry.system === 'ICD-10-CM' &&
        m.first !== m.last &&
        doc.context.assertionBetween(m.first, m.last, m.positions)
      ) {
        split.add(m);
      }
    }
    const tests = testWords(matches, tokens, knowledge.services);
    const kept: TermMatch[] = [];
    for (const m of matches) {
      if (split.has(m)) {
        continue;
      }
      if (
        tests !== undefined &&
        m.entry.system === 'ICD-10-CM' &&
        m.first === m.last &&
        tests.has(tokens[m.first]?.stem ?? '')
      ) {
        continue;
      }
      if (m.entry.system === 'CPT' && isCovered(m, byStart, split)) {
        continue;
      }
      if (
        m.entry.system === 'ICD-10-CM' &&
        (isCovered(m, byStart, split) ||
          m.positions.some((p) => prefixedAway(doc.words, p, m.entry.required)) ||
          qualifiedAway(doc.words, m.first, m.last, doc.text) ||
          isServicePhrase(tokens, m.last, knowledge.services) ||
          isTestPhase(tokens, m.first, m.last, knowledge.services) ||
          hasServicePhrase(tokens, m.positions, knowledge.services))
      ) {
        continue;
      }
      kept.push(m);
    }
    doc.matches = kept;
  };
}
