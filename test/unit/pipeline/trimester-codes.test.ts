import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import {
  noteTrimester,
  statedGestation,
  trimesterCodes,
  trimesterOfWeeks,
  weeksCode,
} from '../../../src/pipeline/select/trimester-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

describe('gestational age and trimester from the note', () => {
  it('reads stated gestational ages, never a duration or an age in years', () => {
    const weeks = (t: string): number | undefined => statedGestation(t)?.weeks;
    expect(weeks('G3P2 at 37 weeks, admitted in active labor.')).toBe(37);
    expect(weeks('Intrauterine pregnancy, 24 weeks gestation by dates.')).toBe(24);
    expect(weeks('She is 33-1/2 weeks pregnant with twins.')).toBe(33);
    expect(weeks('EGA: 19 weeks. Fundal height appropriate.')).toBe(19);
    expect(weeks('A gestational age of 29 weeks by early ultrasound.')).toBe(29);
    expect(weeks('IUP at 11+4 weeks, viable.')).toBe(11);
    expect(weeks('A 31-year-old with knee pain for 6 weeks.')).toBeUndefined();
    expect(weeks('Seen 2 weeks ago for the same complaint.')).toBeUndefined();
    expect(weeks('Follow up in 4 weeks.')).toBeUndefined();
  });

  it('maps weeks to trimesters (before 14, before 28, after) and codes (Z3A)', () => {
    expect([6, 13, 14, 27, 28, 41].map(trimesterOfWeeks)).toEqual([
      'first',
      'first',
      'second',
      'second',
      'third',
      'third',
    ]);
    expect([5, 8, 9, 20, 42, 43].map(weeksCode)).toEqual([
      'Z3A.01',
      'Z3A.08',
      'Z3A.09',
      'Z3A.20',
      'Z3A.42',
      'Z3A.49',
    ]);
  });

  it('takes a named trimester before a stated age', () => {
    expect(noteTrimester('Nausea of pregnancy in the 1st trimester, 15 weeks by LMP.')).toBe(
      'first',
    );
    expect(noteTrimester('Now in her third trimester.')).toBe('third');
    expect(noteTrimester('Pregnant at 16 weeks.')).toBe('second');
    expect(noteTrimester('Pregnant, dates uncertain.')).toBeUndefined();
  });
});

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)(
  'the trimester and weeks of gestation beside a pregnancy condition (guideline I.C.15.a.3)',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);
    const titled = (code: string, confidence: number): Suggestion => ({
      ...suggestion(code, confidence),
      title: codeSet().get(code, 'ICD-10-CM')?.title ?? code,
    });
    const codes = (text: string, ...s: Suggestion[]): string[] =>
      trimesterCodes(detectResult(...s), text, codeSet(), 0.3)
        .suggestions.map((x) => x.code)
        .sort();

    it('replaces an unspecified trimester with the documented one, and adds the weeks', () => {
      expect(
        codes('Primigravida at 35 weeks with mild pre-eclampsia.', titled('O14.00', 0.7)),
      ).toEqual(['O14.03', 'Z3A.35']);
      expect(
        codes('Gestational hypertension noted at her 2nd trimester visit.', titled('O13.9', 0.6)),
      ).toEqual(['O13.2']);
      const out = trimesterCodes(
        detectResult(titled('O14.00', 0.7)),
        'Primigravida at 35 weeks with mild pre-eclampsia.',
        codeSet(),
        0.3,
      );
      expect(out.suggestions.find((x) => x.code === 'O14.03')?.reasons.at(-1)).toMatch(
        /third trimester/,
      );
      expect(out.suggestions.find((x) => x.code === 'Z3A.35')?.evidence[0]?.text).toBe(
        'at 35 weeks',
      );
    });

    it('lets a Z3A code read from another number give way to the stated age', () => {
      const out = trimesterCodes(
        detectResult(titled('O24.410', 0.6), titled('Z3A.30', 0.4)),
        'A 30-year-old at 26 weeks gestation with gestational diabetes, diet controlled.',
        codeSet(),
        0.3,
      );
      expect(out.suggestions.map((x) => x.code).sort()).toEqual(['O24.410', 'Z3A.26']);
      expect(out.suppressed.map((x) => [x.code, x.reason])).toEqual([['Z3A.30', 'less-specific']]);
    });

    it('changes nothing without a billed pregnancy condition or a documented age', () => {
      const none = detectResult(titled('O14.00', 0.7));
      expect(trimesterCodes(none, 'Pre-eclampsia, dates unknown.', codeSet(), 0.3)).toBe(none);
      const weak = detectResult(titled('O14.00', 0.1));
      expect(trimesterCodes(weak, 'Pre-eclampsia at 30 weeks.', codeSet(), 0.3)).toBe(weak);
      const other = detectResult(titled('I10', 0.9));
      expect(trimesterCodes(other, 'At 30 weeks gestation.', codeSet(), 0.3)).toBe(other);
    });
  },
);
