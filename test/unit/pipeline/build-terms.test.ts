import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { matchStem } from '../../../src/core/term-key.js';
import { buildTerms } from '../../../src/pipeline/matcher/build-terms.js';

/** Just what buildTerms reads of a code set: an index path, a title and no CPT entries. */
const codeSet = {
  synonyms: () => [],
  indexEntries: () => [
    { kind: 'index', code: 'R94.01', path: ['Abnormal', 'electroencephalogram [EEG]'] },
  ],
  terms: () => [
    {
      system: 'ICD-10-CM',
      code: 'J14',
      kind: 'title',
      text: 'Pneumonia due to Hemophilus influenzae [H. influenzae]',
    },
  ],
  cpt: { entries: [] },
} as unknown as CodeSet;

const stems = (words: string): string[] => words.split(' ').map(matchStem);

describe('dictionary terms from the code set', () => {
  it('reads square brackets as an alternative wording: optional words, like a nonessential modifier', () => {
    const terms = buildTerms(codeSet);
    const eeg = terms.find((t) => t.code === 'R94.01');
    expect(eeg?.required).toEqual(stems('abnormal electroencephalogram'));
    expect(eeg?.optional).toEqual(stems('eeg'));
    const flu = terms.find((t) => t.code === 'J14');
    expect(flu?.required).toEqual(stems('pneumonia hemophilus influenzae'));
    expect(flu?.optional).toContain(matchStem('h'));
  });
});
