import { describe, expect, it } from 'vitest';
import { stemIdOf } from '../../../src/core/stem-ids.js';
import { stemToken } from '../../../src/core/term-key.js';
import { findAssociations } from '../../../src/pipeline/learned/find-associations.js';
import type { Associations } from '../../../src/pipeline/learned/learned-model.js';
import { tokenize } from '../../../src/text/tokenize.js';

// Words no other test or dictionary numbers, so the first look-up builds the trie and numbers them.
const gram = (words: string): string => words.split(' ').map(stemToken).join(' ');

const associations = (): Associations => ({
  ngrams: { [gram('zyxorian fevers')]: [['R50.9', 0.8, 12]] },
  docNgrams: { [gram('qwelbic')]: [['Z99.89', 0.4, 3]] },
  codeDocs: { 'R50.9': 12, 'Z99.89': 3 },
  documents: 100,
});

describe('findAssociations', () => {
  it('finds sentence and document n-grams in a note tokenized before the stems were numbered', () => {
    const text = tokenize('Zyxorian fevers for a week. No qwelbic history.');
    expect(stemIdOf(stemToken('zyxorian'))).toBe(-1);
    const found = findAssociations(text, associations());
    expect(found.sentence).toEqual([
      { codes: [['R50.9', 0.8, 12]], first: 0, last: 1, ngram: gram('zyxorian fevers'), slot: 0 },
    ]);
    expect(found.document.map((h) => h.codes[0]?.[0])).toEqual(['Z99.89']);
    // A note tokenized afterwards carries the numbers and finds the same.
    const again = findAssociations(tokenize('Zyxorian fevers.'), associations());
    expect(again.sentence.map((h) => h.codes[0]?.[0])).toEqual(['R50.9']);
  });

  it('never joins words across sentences, and skips stopwords', () => {
    const a = associations();
    expect(findAssociations(tokenize('Zyxorian. Fevers.'), a).sentence).toEqual([]);
    expect(findAssociations(tokenize('zyxorian of the fevers'), a).sentence).toHaveLength(1);
  });
});
