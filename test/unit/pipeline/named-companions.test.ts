import { describe, expect, it } from 'vitest';
import type { DetectResult, Suggestion } from '../../../src/core/types.js';
import { namedCompanions } from '../../../src/pipeline/select/named-companions.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests.
describe.skipIf(icd10cm === undefined)(
  'the code a billed code\'s "use additional code" note names for a symptom',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);
    const text =
      'ASSESSMENT: Enlarged prostate with LUTS; urinary retention needing a catheter. Urinary frequency.';
    const at = (code: string, words: string, confidence: number): Suggestion => ({
      ...suggestion(code, confidence, { start: text.indexOf(words), text: words }),
      title: codeSet().get(code, 'ICD-10-CM')?.title ?? code,
    });
    const result = (...suggestions: Suggestion[]): DetectResult =>
      ({ suggestions, suppressed: [] }) as unknown as DetectResult;

    it('turns the symptom into the code the note names (N40.1 names urinary retention R33.8)', () => {
      const out = namedCompanions(
        result(
          at('N40.1', 'Enlarged prostate with LUTS', 0.8),
          at('R33.9', 'urinary retention', 0.6),
          at('R35.0', 'Urinary frequency', 0.5),
        ),
        codeSet(),
        0.3,
      );
      expect(out.suggestions.map((s) => s.code)).toEqual(['N40.1', 'R33.8', 'R35.0']);
      expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([['R33.9', 'less-specific']]);
      expect(out.suggestions[1]?.reasons.at(-1)).toMatch(/N40\.1 .*names R33\.8/);
    });

    it('leaves the symptom alone when the naming code is not billed, or the words differ', () => {
      const weak = namedCompanions(
        result(
          at('N40.1', 'Enlarged prostate with LUTS', 0.1),
          at('R33.9', 'urinary retention', 0.6),
        ),
        codeSet(),
        0.3,
      );
      expect(weak.suggestions.map((s) => s.code)).toEqual(['N40.1', 'R33.9']);
      const other = namedCompanions(
        result(at('N40.1', 'Enlarged prostate with LUTS', 0.8), at('R33.9', 'catheter', 0.6)),
        codeSet(),
        0.3,
      );
      expect(other.suggestions.map((s) => s.code)).toEqual(['N40.1', 'R33.9']);
    });
  },
);
