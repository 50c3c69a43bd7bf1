import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import { sidedCandidates } from '../../../src/pipeline/select/select-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests.
describe.skipIf(icd10cm === undefined)(
  'the selection weighs the code with the side the note names (guideline I.B.13)',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);
    const at = (code: string, text: string, words: string, confidence = 0.1): Suggestion => {
      const start = text.indexOf(words);
      return {
        ...suggestion(code, confidence, { start, text: words }),
        title: codeSet().get(code, 'ICD-10-CM')?.title ?? code,
      };
    };

    it('turns an unspecified side into the side the evidence sentence names, at any confidence', () => {
      const text =
        'HPI: Aching in both knees for a year.\nASSESSMENT: Degenerative arthritis of the knees. Trigger finger of the left ring finger.';
      const oa = at('M17.9', text, 'Degenerative arthritis of the knees');
      const trigger = at('M65.30', text, 'Trigger finger of the left ring finger', 0.8);
      const { candidates, unsided } = sidedCandidates(
        [{ suggestion: oa }, { suggestion: trigger }],
        text,
        codeSet(),
      );
      expect(candidates.map((c) => c.suggestion.code)).toEqual(['M17.0', 'M65.30']);
      expect(candidates[0]?.suggestion.reasons.at(-1)).toMatch(
        /bilateral.*M17\.0 rather than M17\.9/,
      );
      expect(unsided.map((s) => [s.code, s.reason])).toEqual([['M17.9', 'less-specific']]);
    });

    it('leaves a candidate whose sided sibling is already weighed, or whose sentence names two sides', () => {
      const text = 'ASSESSMENT: Osteoarthritis of the right knee; knee pain left worse than right.';
      const known = sidedCandidates(
        [
          { suggestion: at('M17.9', text, 'Osteoarthritis of the right knee') },
          { suggestion: at('M17.11', text, 'Osteoarthritis of the right knee') },
        ],
        text,
        codeSet(),
      );
      expect(known.candidates.map((c) => c.suggestion.code)).toEqual(['M17.9', 'M17.11']);
      expect(known.unsided).toEqual([]);
      const both = sidedCandidates(
        [{ suggestion: at('M25.569', text, 'knee pain') }],
        text,
        codeSet(),
      );
      expect(both.candidates.map((c) => c.suggestion.code)).toEqual(['M25.569']);
    });

    it('reads "left greater than right" and the right and left vessel as both sides', () => {
      const codes = (text: string, words: string): string[] =>
        sidedCandidates(
          [{ suggestion: at('I65.29', text, words) }],
          text,
          codeSet(),
        ).candidates.map((c) => c.suggestion.code);
      expect(
        codes(
          'IMPRESSION: Internal carotid artery stenosis of 50-69%, left greater than right.',
          'carotid artery stenosis',
        ),
      ).toEqual(['I65.23']);
      expect(codes('IMPRESSION: 70% RICA and 40% LICA stenosis.', 'stenosis')).toEqual(['I65.23']);
      expect(codes('IMPRESSION: Right and left carotid artery stenosis.', 'stenosis')).toEqual([
        'I65.23',
      ]);
    });

    it("gives an injury the one side its report names anywhere, and other conditions only their own sentence's", () => {
      const knee =
        'MRI OF THE LEFT KNEE\nHISTORY: Fell skiing.\nIMPRESSION: Torn anterior cruciate ligament.';
      const acl = sidedCandidates(
        [{ suggestion: at('S83.519A', knee, 'Torn anterior cruciate ligament') }],
        knee,
        codeSet(),
      );
      expect(acl.candidates.map((c) => c.suggestion.code)).toEqual(['S83.512A']);
      const chest = 'CT OF THE CHEST\nHISTORY: Left shoulder pain.\nIMPRESSION: Lung cancer.';
      const lung = sidedCandidates(
        [{ suggestion: at('C34.90', chest, 'Lung cancer') }],
        chest,
        codeSet(),
      );
      expect(lung.candidates.map((c) => c.suggestion.code)).toEqual(['C34.90']);
    });

    it('reads OD, OS and OU as the eyes of an eye condition, and no side where the code set has no right and left', () => {
      const sided = (code: string, text: string, words: string): string[] =>
        sidedCandidates([{ suggestion: at(code, text, words) }], text, codeSet()).candidates.map(
          (c) => c.suggestion.code,
        );
      const eyes = 'IMPRESSION: Age-related nuclear cataract OU. Cortical cataract OS.';
      expect(sided('H25.10', eyes, 'Age-related nuclear cataract')).toEqual(['H25.13']);
      expect(sided('H25.019', eyes, 'Cortical cataract')).toEqual(['H25.012']);
      // "OD" is no side of a condition outside the eye.
      expect(
        sided('M17.9', 'ASSESSMENT: Osteoarthritis of the knee, OD dosing.', 'Osteoarthritis'),
      ).toEqual(['M17.9']);
      // "Right heart failure" is a kind of heart failure (no left one beside it), not a side.
      expect(
        sided('I50.9', 'ASSESSMENT: Heart failure; right atrium enlarged.', 'Heart failure'),
      ).toEqual(['I50.9']);
      // "Unspecified traumatic cataract, right eye" is a traumatic cataract, not a sided "Unspecified cataract".
      expect(sided('H26.9', 'ASSESSMENT: Cataract of the right eye.', 'Cataract')).toEqual([
        'H26.9',
      ]);
    });
  },
);
