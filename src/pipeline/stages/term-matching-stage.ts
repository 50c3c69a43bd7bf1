import type { Knowledge } from '../knowledge.js';
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
function isCovered(m: TermMatch, byStart: ReadonlyMap<number, readonly TermMatch[]>): boolean {
  for (let f = m.first - 8; f <= m.first; f++) {
    for (const o of byStart.get(f) ?? NO_MATCHES) {
      if (
        o !== m &&
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

/**
 * Term matching: the dictionary's terms (titles, inclusion terms, Alphabetic Index, synonyms, CPT
 * triggers) found in the tokens and their aliases. A diagnosis term is dropped when a longer term covers
 * its words ("osteoarthritis" inside "osteoarthritis of the knee": longest match wins; a procedure
 * trigger likewise, "cholecystectomy" inside "laparoscopic cholecystectomy"), when a service
 * word makes it a test or a measure ("stress test"), or when a negation sits between its words ("COPD,
 * no pneumonia"). Building it compiles the dictionary (seconds).
 * @param knowledge - the code set (its terms) and the service words
 */
export function createTermMatchingStage(knowledge: Knowledge): Stage {
  const matcher = createTermMatcher(buildTerms(knowledge.codeSet));
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
    const kept: TermMatch[] = [];
    for (const m of matches) {
      if (m.entry.system === 'CPT' && isCovered(m, byStart)) {
        continue;
      }
      if (
        m.entry.system === 'ICD-10-CM' &&
        (isCovered(m, byStart) ||
          isServicePhrase(tokens, m.last, knowledge.services) ||
          isTestPhase(tokens, m.first, m.last, knowledge.services) ||
          hasServicePhrase(tokens, m.positions, knowledge.services) ||
          doc.context.assertionBetween(m.first, m.last, m.positions))
      ) {
        continue;
      }
      kept.push(m);
    }
    doc.matches = kept;
  };
}
