import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import {
  adultBmiCode,
  bmiCodes,
  pediatricBmiCode,
} from '../../../src/pipeline/select/bmi-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

describe('BMI value to code (Z68, FY2026 bands)', () => {
  it('maps adult values by band and pediatric percentiles by range', () => {
    expect(
      [17.4, 20, 24.9, 29.99, 30, 39.9, 40, 44.9, 45, 49.9, 50, 59, 60, 69.9, 70, 82].map(
        adultBmiCode,
      ),
    ).toEqual([
      'Z68.1',
      'Z68.20',
      'Z68.24',
      'Z68.29',
      'Z68.30',
      'Z68.39',
      'Z68.41',
      'Z68.41',
      'Z68.42',
      'Z68.42',
      'Z68.43',
      'Z68.43',
      'Z68.44',
      'Z68.44',
      'Z68.45',
      'Z68.45',
    ]);
    expect([3, 5, 84, 85, 94, 95, 99].map(pediatricBmiCode)).toEqual([
      'Z68.51',
      'Z68.52',
      'Z68.52',
      'Z68.53',
      'Z68.53',
      'Z68.54',
      'Z68.54',
    ]);
  });
});

const icd10cm = testData('icd10cm');

const s = (code: string, confidence: number, assertion: Suggestion['assertion'] = 'present') =>
  suggestion(code, confidence, { assertion });
const result = detectResult;

describe.skipIf(icd10cm === undefined)(
  'the BMI beside its weight diagnosis (guideline I.B.14)',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);

    const bmiOf = (text: string, ...codes: Suggestion[]): string | undefined =>
      bmiCodes(result(...codes), text, codeSet(), 0.3).suggestions.find((x) =>
        x.code.startsWith('Z68'),
      )?.code;

    it('adds the adult code of the stated value beside obesity, malnutrition or underweight', () => {
      const obese = s('E66.01', 0.8);
      expect(bmiOf('A 52-year-old man. Weight 301 lb, BMI of 44.6. Severe obesity.', obese)).toBe(
        'Z68.41',
      );
      expect(bmiOf('Vitals: body mass index (BMI) is 31.2 kg/m2.', s('E66.9', 0.5))).toBe('Z68.31');
      expect(bmiOf('BMI: 17. Protein-calorie malnutrition.', s('E44.0', 0.5))).toBe('Z68.1');
      const out = bmiCodes(result(obese), 'Her BMI was calculated at 52 today.', codeSet(), 0.3);
      const z68 = out.suggestions.find((x) => x.code === 'Z68.43');
      expect(z68?.confidence).toBe(0.3);
      expect(z68?.evidence[0]?.text).toBe('BMI was calculated at 52');
      expect(z68?.reasons[0]).toMatch(/E66\.01/);
    });

    it('codes a child by percentile for age, never by the value', () => {
      const text = 'This 11-year-old boy has a BMI of 27, at the 97th percentile for age. Obesity.';
      expect(bmiOf(text, s('E66.9', 0.6))).toBe('Z68.54');
      expect(
        bmiOf('This 11-year-old boy has a BMI of 27. Obesity.', s('E66.9', 0.6)),
      ).toBeUndefined();
    });

    it('adds nothing without a billed weight diagnosis, a stated value, or when one is billed', () => {
      expect(bmiOf('BMI 38. Hypertension.', s('I10', 0.9))).toBeUndefined();
      expect(bmiOf('BMI 38. Obesity.', s('E66.9', 0.1))).toBeUndefined();
      expect(bmiOf('BMI 38. No obesity.', s('E66.9', 0.9, 'absent'))).toBeUndefined();
      expect(bmiOf('Obesity; BMI not recorded today.', s('E66.9', 0.9))).toBeUndefined();
      const billed = result(s('E66.9', 0.9), s('Z68.35', 0.5));
      expect(bmiCodes(billed, 'BMI 38.', codeSet(), 0.3)).toBe(billed);
    });
  },
);
