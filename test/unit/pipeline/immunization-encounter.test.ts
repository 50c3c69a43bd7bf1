import { describe, expect, it } from 'vitest';
import type { DetectResult, Suggestion } from '../../../src/core/types.js';
import { immunizationEncounter } from '../../../src/pipeline/select/immunization-encounter.js';

const s = (code: string, system: Suggestion['system'], confidence: number): Suggestion => ({
  code,
  system,
  title: code,
  confidence,
  evidence: [],
  assertion: 'present',
  reasons: [],
});
const result = (...suggestions: Suggestion[]): DetectResult => ({
  noteId: 'n',
  suggestions,
  suppressed: [],
  versions: { codeSet: 'test', lexiconOnly: false, detector: 'test' },
});

describe('Z23 beside a vaccine given at the encounter (guideline I.C.21.c.2)', () => {
  it('raises the Z23 candidate to the threshold when an administration code is billed', () => {
    const out = immunizationEncounter(
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
    expect(immunizationEncounter(below, 0.27)).toBe(below);
    const none = result(s('90471', 'CPT', 0.9), s('J02.0', 'ICD-10-CM', 0.6));
    expect(immunizationEncounter(none, 0.27)).toBe(none);
  });
});
