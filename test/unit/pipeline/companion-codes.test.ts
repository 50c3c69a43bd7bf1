import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import { companionCodes } from '../../../src/pipeline/select/companion-codes.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';

const s = (code: string, system: Suggestion['system'], confidence: number): Suggestion =>
  suggestion(code, confidence, { system });
const result = detectResult;

describe('Z23 beside a vaccine given at the encounter (guideline I.C.21.c.2)', () => {
  it('raises the Z23 candidate to the threshold when an administration code is billed', () => {
    const out = companionCodes(
      result(s('90471', 'CPT', 0.9), s('J02.0', 'ICD-10-CM', 0.6), s('Z23', 'ICD-10-CM', 0.05)),
      0.27,
    );
    const z23 = out.suggestions.find((x) => x.code === 'Z23');
    expect(z23?.confidence).toBe(0.27);
    expect(z23?.reasons.at(-1)).toMatch(/90471/);
    expect(out.suggestions.map((x) => x.code)).toEqual(['90471', 'J02.0', 'Z23']);
  });

  it('changes nothing without an administration at the threshold, or without a Z23 candidate', () => {
    const below = result(s('90471', 'CPT', 0.1), s('Z23', 'ICD-10-CM', 0.05));
    expect(companionCodes(below, 0.27)).toBe(below);
    const none = result(s('90471', 'CPT', 0.9), s('J02.0', 'ICD-10-CM', 0.6));
    expect(companionCodes(none, 0.27)).toBe(none);
  });
});

describe('the CKD stage and hypertensive CKD beside diabetic CKD', () => {
  it('raises the strongest N18 stage, then the hypertensive CKD combination', () => {
    const out = companionCodes(
      result(
        s('E11.22', 'ICD-10-CM', 0.46),
        s('I12.9', 'ICD-10-CM', 0.2),
        s('N18.31', 'ICD-10-CM', 0.13),
        s('N18.9', 'ICD-10-CM', 0.04),
      ),
      0.27,
    );
    const at = (code: string): number | undefined =>
      out.suggestions.find((x) => x.code === code)?.confidence;
    expect([at('N18.31'), at('I12.9'), at('N18.9')]).toEqual([0.27, 0.27, 0.04]);
  });

  it('leaves the stage alone when no CKD combination is billed', () => {
    const none = result(s('E11.9', 'ICD-10-CM', 0.8), s('N18.31', 'ICD-10-CM', 0.13));
    expect(companionCodes(none, 0.27)).toBe(none);
  });
});

describe('the outcome of delivery beside a delivery (guideline I.C.15.b.5)', () => {
  it('raises Z37 beside a delivery code or an obstetric diagnosis, never beside a supervision code', () => {
    for (const billed of [s('59514', 'CPT', 0.9), s('O80', 'ICD-10-CM', 0.5)]) {
      const out = companionCodes(result(billed, s('Z37.0', 'ICD-10-CM', 0.08)), 0.27);
      expect(out.suggestions.find((x) => x.code === 'Z37.0')?.confidence).toBe(0.27);
    }
    const prenatal = result(s('O09.523', 'ICD-10-CM', 0.6), s('Z37.0', 'ICD-10-CM', 0.08));
    expect(companionCodes(prenatal, 0.27)).toBe(prenatal);
    const abortion = result(s('59812', 'CPT', 0.9), s('Z37.0', 'ICD-10-CM', 0.08));
    expect(companionCodes(abortion, 0.27)).toBe(abortion);
  });
});

describe('the ulcer site beside a diabetic or atherosclerotic ulcer', () => {
  it('raises the strongest L97 candidate beside E11.621, not beside diabetes without an ulcer', () => {
    const out = companionCodes(
      result(
        s('E11.621', 'ICD-10-CM', 0.7),
        s('L97.529', 'ICD-10-CM', 0.1),
        s('L97.509', 'ICD-10-CM', 0.04),
      ),
      0.27,
    );
    expect(out.suggestions.map((x) => [x.code, x.confidence])).toEqual([
      ['E11.621', 0.7],
      ['L97.529', 0.27],
      ['L97.509', 0.04],
    ]);
    const plain = result(s('E11.9', 'ICD-10-CM', 0.7), s('L97.529', 'ICD-10-CM', 0.1));
    expect(companionCodes(plain, 0.27)).toBe(plain);
  });
});
