import { describe, expect, it } from 'vitest';
import { F1_PLATEAU, bestThreshold } from '../../../src/learn/train-selection.js';

/** Rows of out-of-fold probabilities: `tp` coded rows and `fp` uncoded ones at probability `p`. */
const at = (p: number, tp: number, fp: number): { p: number; y: number }[] => [
  ...Array.from({ length: tp }, () => ({ p, y: 1 })),
  ...Array.from({ length: fp }, () => ({ p, y: 0 })),
];

describe('the operating threshold of the selection', () => {
  it('takes the best micro F1 when a higher threshold costs more than the plateau', () => {
    // 100 required codes. At 0.3: 60 right, 40 wrong (F1 0.6); at 0.6: 30 right, 5 wrong (F1 0.44).
    const rows = [...at(0.3, 30, 35), ...at(0.6, 30, 5)];
    const { threshold, f1 } = bestThreshold(rows, 100);
    expect(threshold).toBe(0.3);
    expect(f1).toBeCloseTo(0.6, 6);
  });

  it('takes the most precise threshold on the F1 plateau', () => {
    // 100 required codes. From 0.5: 58 right, 30 wrong (F1 0.6170, the best); from 0.7: 57 right,
    // 29 wrong (F1 0.6129, within the plateau): one code fewer to strike is worth the 0.004.
    const rows = [...at(0.3, 2, 10), ...at(0.5, 1, 1), ...at(0.7, 57, 29)];
    const best = bestThreshold(rows, 100);
    expect(best.f1).toBeCloseTo(116 / 188, 9);
    expect(best.threshold).toBe(0.7);
    expect(116 / 188 - 114 / 186).toBeLessThan(F1_PLATEAU);
  });
});
