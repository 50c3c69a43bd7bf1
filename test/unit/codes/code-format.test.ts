import { describe, expect, it } from 'vitest';
import { candidateSystems, canonicalCode, canonicalIcd } from '../../../src/codes/code-format.js';

describe('code formats', () => {
  it('canonicalises ICD-10-CM codes however they are typed', () => {
    expect(canonicalIcd('e119')).toBe('E11.9');
    expect(canonicalIcd(' e11.9 ')).toBe('E11.9');
    expect(canonicalIcd('S72001A')).toBe('S72.001A');
    expect(canonicalIcd('i10')).toBe('I10');
    expect(canonicalIcd('QA0010')).toBe('QA0.010');
    expect(canonicalIcd('99213')).toBeUndefined();
    expect(canonicalIcd('ABC')).toBeUndefined();
  });

  it('tells which systems a code text may belong to', () => {
    expect(candidateSystems('J1100')).toEqual(['ICD-10-CM', 'HCPCS']);
    expect(candidateSystems('J11.00')).toEqual(['ICD-10-CM']);
    expect(candidateSystems('76376')).toEqual(['CPT']);
    expect(candidateSystems('0001F')).toEqual(['CPT']);
  });

  it('throws a catalogued error for a malformed code', () => {
    expect(() => canonicalCode('hello', 'CPT')).toThrow(/not a well-formed CPT code/);
  });
});
