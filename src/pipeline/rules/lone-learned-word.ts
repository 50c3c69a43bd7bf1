import { isLearned, type Candidate } from '../candidate.js';
import type { RuleState } from './rule-context.js';

/** Whether every reading of a diagnosis is one word that learned associations know ("atrial", "renal"). */
function onlyLoneLearnedWords(c: Candidate): boolean {
  return (
    c.system === 'ICD-10-CM' &&
    c.mentions.length > 0 &&
    c.mentions.every((m) => isLearned(m.source) && !m.term.includes(' '))
  );
}

/**
 * Billing rules: a diagnosis read from nothing but single words that co-occurred with it in coded notes
 * ("Atrial and ventricular septum are intact" → atrial fibrillation) is no statement of the diagnosis; a
 * coder reports what the note says. Dropped, reason `learned-word-only`; a dictionary term, the tagger or
 * a learned phrase of two or more words keeps a code.
 */
export function dropLoneLearnedWords(state: RuleState): void {
  if (!state.kept.some(onlyLoneLearnedWords)) {
    return;
  }
  state.kept = state.kept.filter((k) => {
    if (!onlyLoneLearnedWords(k)) {
      return true;
    }
    state.dropped.push({
      candidate: k,
      reason: 'learned-word-only',
      detail: `only the word "${k.mentions[0]?.term ?? ''}", which co-occurred with it in coded notes`,
    });
    return false;
  });
}
