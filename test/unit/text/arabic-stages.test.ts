import { describe, expect, it } from 'vitest';
import { arabicStages } from '../../../src/text/number-words.js';

describe('Roman numerals of stages, grades, classes and types', () => {
  it.each([
    ['Chronic kidney disease, stage IIIa', 'Chronic kidney disease, stage 3a'],
    ['CKD stage IV with anemia', 'CKD stage 4 with anemia'],
    ['Type II diabetes mellitus', 'Type 2 diabetes mellitus'],
    ['NYHA class iii heart failure', 'NYHA class 3 heart failure'],
    ['Grade I esophagitis', 'Grade 1 esophagitis'],
  ])('%s → %s', (text, expected) => {
    expect(arabicStages(text)).toBe(expected);
  });

  it('leaves numerals that are not a stage alone, and words that only start like one', () => {
    for (const text of ['I saw her today; IV fluids given', 'stage vivid', 'type ivy']) {
      expect(arabicStages(text)).toBe(text);
    }
  });
});
