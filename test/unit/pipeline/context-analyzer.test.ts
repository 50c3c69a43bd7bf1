import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { createContextAnalyzer } from '../../../src/pipeline/context/context-analyzer.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { tokenize } from '../../../src/text/tokenize.js';
import { LEXICON } from '../../helpers/fixtures.js';

// The trigger lexicon does not depend on the code set: an empty stand-in is enough to load it.
const knowledge = loadKnowledge({} as CodeSet, LEXICON);
const analyze = createContextAnalyzer(knowledge.triggers);

/** Assertion of the first occurrence of `words` in `text`. */
function assertionOf(text: string, words: string): string {
  const tokenized = tokenize(text);
  const target = tokenize(words).tokens.map((t) => t.norm);
  const first = tokenized.tokens.findIndex((_, i) =>
    target.every((w, k) => tokenized.tokens[i + k]?.norm === w),
  );
  expect(first, `"${words}" in "${text}"`).toBeGreaterThanOrEqual(0);
  return analyze(tokenized).assess(first, first + target.length - 1).assertion;
}

describe('context analyzer', () => {
  it('negates within scope, and a terminator ends the scope', () => {
    expect(
      assertionOf('No focal consolidation, pneumothorax or pleural effusion.', 'pleural effusion'),
    ).toBe('absent');
    expect(assertionOf('No fever, but productive cough for a week.', 'productive cough')).toBe(
      'present',
    );
    expect(assertionOf('Pneumothorax is not seen.', 'pneumothorax')).toBe('absent');
  });

  it('ignores pseudo-triggers', () => {
    expect(assertionOf('No change in the cardiomegaly.', 'cardiomegaly')).toBe('present');
  });

  it('marks possible, historical, family and hypothetical mentions', () => {
    expect(assertionOf('Findings suspicious for pneumonia.', 'pneumonia')).toBe('possible');
    expect(assertionOf('History of myocardial infarction.', 'myocardial infarction')).toBe(
      'historical',
    );
    expect(assertionOf('Mother with breast cancer.', 'breast cancer')).toBe('family');
    expect(assertionOf('Return if chest pain recurs.', 'chest pain')).toBe('hypothetical');
  });

  it('gives the trigger span as evidence', () => {
    const text = 'There is no evidence of pneumonia.';
    const tokenized = tokenize(text);
    const i = tokenized.tokens.findIndex((t) => t.norm === 'pneumonia');
    const result = analyze(tokenized).assess(i, i);
    expect(result.trigger && text.slice(result.trigger.start, result.trigger.end)).toBe(
      'no evidence of',
    );
  });
});
