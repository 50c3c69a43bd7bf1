import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import { lateralCodes } from '../../../src/pipeline/select/lateral-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests.
describe.skipIf(icd10cm === undefined)(
  'the sides a billed code is reported for (guideline I.B.13)',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);
    const at = (code: string, text: string, words: string): Suggestion => ({
      ...suggestion(code, 0.6, { start: text.indexOf(words), text: words }),
      title: codeSet().get(code, 'ICD-10-CM')?.title ?? code,
    });
    const codes = (code: string, text: string, words: string): string[] =>
      lateralCodes(detectResult(at(code, text, words)), text, codeSet(), 0.3)
        .suggestions.map((s) => s.code)
        .sort();

    it('codes each side of a bilateral condition whose category has no bilateral code', () => {
      const text = 'ASSESSMENT: Bilateral hallux valgus, worse on the left.';
      expect(codes('M20.10', 'ASSESSMENT: Bilateral hallux valgus.', 'hallux valgus')).toEqual([
        'M20.11',
        'M20.12',
      ]);
      expect(codes('M20.40', 'ASSESSMENT: Hammer toes of both feet.', 'Hammer toes')).toEqual([
        'M20.41',
        'M20.42',
      ]);
      // "Worse on the left" names a side as well: the sentence is not read as bilateral alone.
      expect(codes('M20.10', text, 'hallux valgus')).toEqual(['M20.10']);
    });

    it('keeps the bilateral code where the category has one, and one side where one is named', () => {
      expect(
        codes(
          'M17.10',
          'ASSESSMENT: Bilateral knee osteoarthritis, primary.',
          'knee osteoarthritis',
        ),
      ).toEqual(['M17.0']);
      expect(codes('M20.40', 'ASSESSMENT: Hammertoe, right second toe.', 'Hammertoe')).toEqual([
        'M20.41',
      ]);
    });
  },
);
