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

describe('the type of heart failure beside hypertensive heart disease with heart failure', () => {
  it('raises the I50 code read from the words the combination was read from', () => {
    const chf = suggestion('I50.9', 0.15, { start: 30, text: 'congestive heart failure' });
    const combo: Suggestion = {
      ...suggestion('I11.0', 0.6, { start: 3, text: 'hypertension' }),
      evidence: [
        { start: 3, end: 15, text: 'hypertension' },
        { start: 30, end: 54, text: 'congestive heart failure' },
      ],
    };
    const noise = suggestion('I50.89', 0.2, { start: 80, text: 'heart' });
    const out = companionCodes(result(combo, chf, noise), 0.27);
    const at = (code: string): number | undefined =>
      out.suggestions.find((x) => x.code === code)?.confidence;
    expect([at('I50.9'), at('I50.89')]).toEqual([0.27, 0.2]);
    expect(out.suggestions.find((x) => x.code === 'I50.9')?.reasons.at(-1)).toMatch(/I11\.0/);
  });

  it('raises nothing from other words, or beside hypertensive heart disease without failure', () => {
    const apart = result(
      suggestion('I13.0', 0.6, { start: 3, text: 'hypertensive heart and kidney disease' }),
      suggestion('I50.9', 0.15, { start: 90, text: 'heart' }),
    );
    expect(companionCodes(apart, 0.27)).toBe(apart);
    const without = result(
      suggestion('I11.9', 0.6, { start: 3, text: 'hypertensive heart disease' }),
      suggestion('I50.9', 0.15, { start: 3, text: 'hypertensive heart disease' }),
    );
    expect(companionCodes(without, 0.27)).toBe(without);
  });
});

describe('the systemic infection beside severe sepsis or septic shock (guideline I.C.1.d.4)', () => {
  it('raises the sepsis candidate to the threshold when septic shock is billed', () => {
    const out = companionCodes(
      result(
        s('R65.21', 'ICD-10-CM', 0.8),
        s('A41.9', 'ICD-10-CM', 0.2),
        s('J18.9', 'ICD-10-CM', 0.6),
      ),
      0.27,
    );
    expect(out.suggestions.find((x) => x.code === 'A41.9')?.confidence).toBe(0.27);
  });

  it('changes nothing for sepsis without organ dysfunction billed alone', () => {
    const alone = result(s('A41.9', 'ICD-10-CM', 0.6), s('R65.20', 'ICD-10-CM', 0.1));
    expect(companionCodes(alone, 0.27)).toBe(alone);
  });
});
