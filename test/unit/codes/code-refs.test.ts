import { describe, expect, it } from 'vitest';
import { parseCodeRefs, refCovers } from '../../../src/codes/icd10cm/code-refs.js';

describe('parseCodeRefs', () => {
  it('reads single codes, categories with a dash and ranges', () => {
    expect(parseCodeRefs('traumatic amputation of hip and thigh (S78.-)')).toEqual([
      { from: 'S78', to: 'S78' },
    ]);
    expect(parseCodeRefs('complicating pregnancy (O10-O11, O13-O16)')).toEqual([
      { from: 'O10', to: 'O11' },
      { from: 'O13', to: 'O16' },
    ]);
    expect(parseCodeRefs('vessels of eye (H35.0-)')).toEqual([{ from: 'H350', to: 'H350' }]);
    expect(parseCodeRefs('neonatal hypertension (P29.2)')).toEqual([{ from: 'P292', to: 'P292' }]);
  });

  it('ignores prose in parentheses', () => {
    expect(parseCodeRefs('hypertension (arterial) (benign)')).toEqual([]);
    expect(parseCodeRefs('diabetes (type 2) (E11.9, see text)')).toEqual([]);
  });

  it('decides coverage by prefix and range', () => {
    expect(refCovers({ from: 'E10', to: 'E10' }, 'E10.9')).toBe(true);
    expect(refCovers({ from: 'E10', to: 'E10' }, 'E11.9')).toBe(false);
    expect(refCovers({ from: 'O10', to: 'O11' }, 'O11.3')).toBe(true);
    expect(refCovers({ from: 'O10', to: 'O11' }, 'O12.0')).toBe(false);
    expect(refCovers({ from: 'N181', to: 'N186' }, 'N18.30')).toBe(true);
  });
});
