import { describe, expect, it } from 'vitest';
import { foldText, termKeys, wordTokens } from '../../../src/core/term-key.js';

describe('term keys', () => {
  it('folds case and diacritics', () => {
    expect(foldText('Ménière’s DISEASE')).toBe('meniere’s disease');
  });

  it('splits words, drops possessives and keeps digits with letters', () => {
    expect(wordTokens("Aarskog's syndrome, type-2 3D T2DM")).toEqual([
      'aarskog',
      'syndrome',
      'type',
      '2',
      '3d',
      't2dm',
    ]);
  });

  it('removes stopwords and stems, the same for index and query', () => {
    expect(termKeys('Fractures of the neck of the femur')).toEqual(['fractur', 'neck', 'femur']);
    expect(termKeys('fracture femoral neck')).toEqual(['fractur', 'femor', 'neck']);
    expect(termKeys('diabetes with kidney disease')).toEqual([
      'diabet',
      'with',
      'kidnei',
      'diseas',
    ]);
  });

  it('stays linear on hostile input', () => {
    const hostile = `${'a'.repeat(50_000)}!${'-'.repeat(50_000)}`;
    const started = performance.now();
    expect(wordTokens(hostile)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
