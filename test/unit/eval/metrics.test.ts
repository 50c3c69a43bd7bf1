import { describe, expect, it } from 'vitest';
import { averagePrecision, meanAveragePrecision } from '../../../eval/metrics/average-precision.js';
import { calibration } from '../../../eval/metrics/calibration.js';
import { prf } from '../../../eval/metrics/prf.js';
import { scoreSets } from '../../../eval/metrics/set-metrics.js';
import { thresholdSweep } from '../../../eval/metrics/threshold-sweep.js';

const set = (...codes: string[]): Set<string> => new Set(codes);

describe('prf', () => {
  it('computes P, R, F1 and treats empty denominators as 0', () => {
    expect(prf(2, 2, 6)).toEqual({ p: 0.5, r: 0.25, f1: 1 / 3 });
    expect(prf(0, 0, 3)).toEqual({ p: 0, r: 0, f1: 0 });
  });
});

describe('scoreSets', () => {
  // doc 1: gold {A, B}, pred {A, C}  → A tp, C fp, B fn
  // doc 2: gold {A},    pred {A, B}  → A tp, B fp
  // micro: tp 2, fp 2, fn 1 → P 0.5, R 2/3, F1 4/7
  // per code: A tp 2 → P 1, R 1, F1 1; B tp 0 fp 1 fn 1 → 0, 0, 0; C fp 1 → 0, 0, 0
  // macro: P 1/3, R 1/3, F1 1/3 over the 3 codes seen in gold or predictions
  const scores = scoreSets([
    { gold: set('A', 'B'), pred: set('A', 'C') },
    { gold: set('A'), pred: set('A', 'B') },
  ]);
  it('pools counts for micro scores', () => {
    expect(scores.micro).toMatchObject({ tp: 2, fp: 2, fn: 1, p: 0.5 });
    expect(scores.micro.r).toBeCloseTo(2 / 3);
    expect(scores.micro.f1).toBeCloseTo(4 / 7);
  });
  it('averages per-code F1 for macro scores', () => {
    expect(scores.codes).toBe(3);
    expect(scores.macro.p).toBeCloseTo(1 / 3);
    expect(scores.macro.r).toBeCloseTo(1 / 3);
    expect(scores.macro.f1).toBeCloseTo(1 / 3);
    expect(scores.gold).toBe(3);
    expect(scores.predicted).toBe(4);
  });
});

describe('CodiEsp MAP', () => {
  it('matches a ranked example worked out by hand', () => {
    // gold {A, B, C}; ranked X, A, Y, B (C never retrieved)
    // relevant at rank 2 (P@2 = 1/2) and rank 4 (P@4 = 2/4)
    // AP = (1/2 + 2/4 + 0) / |gold| 3 = 1/3
    expect(
      averagePrecision({ ranked: ['X', 'A', 'Y', 'B'], gold: set('A', 'B', 'C') }),
    ).toBeCloseTo(1 / 3);
    // A perfect ranking scores 1; a repeated prediction counts once.
    expect(averagePrecision({ ranked: ['A', 'A', 'B'], gold: set('A', 'B') })).toBe(1);
  });

  it('averages over documents with gold codes; no predictions score 0', () => {
    // doc1 AP 1/3 (above); doc2 gold {D}, ranked D → 1; doc3 gold {E}, nothing predicted → 0;
    // doc4 has no gold codes and is left out. MAP = (1/3 + 1 + 0) / 3 = 4/9
    const map = meanAveragePrecision([
      { ranked: ['X', 'A', 'Y', 'B'], gold: set('A', 'B', 'C') },
      { ranked: ['D'], gold: set('D') },
      { ranked: [], gold: set('E') },
      { ranked: ['Z'], gold: set() },
    ]);
    expect(map).toBeCloseTo(4 / 9);
  });
});

describe('thresholdSweep', () => {
  it('gives P/R/F1 at each distinct confidence and the best-F1 threshold', () => {
    // 4 gold codes. Sorted: 0.9 ✓, 0.8 ✓, 0.8 ✗, 0.3 ✗
    // t=0.9: tp1 fp0 → P 1, R .25, F1 .4
    // t=0.8: tp2 fp1 → P 2/3, R .5, F1 4/7 ≈ .571
    // t=0.3: tp2 fp2 → P .5, R .5, F1 .5
    const { curve, best } = thresholdSweep(
      [
        { confidence: 0.8, correct: true },
        { confidence: 0.3, correct: false },
        { confidence: 0.9, correct: true },
        { confidence: 0.8, correct: false },
      ],
      4,
    );
    expect(curve.map((c) => [c.threshold, c.predicted])).toEqual([
      [0.9, 1],
      [0.8, 3],
      [0.3, 4],
    ]);
    expect(curve[0]?.f1).toBeCloseTo(0.4);
    expect(best.threshold).toBe(0.8);
    expect(best.f1).toBeCloseTo(4 / 7);
  });
});

describe('calibration', () => {
  it('computes ECE over 10 bins', () => {
    // bin 0.9–1.0: confidences 1.0, 1.0 (one right) → acc .5, conf 1 → gap .5, weight 2/4
    // bin 0.2–0.3: confidences .25, .25 (none right) → acc 0, conf .25 → gap .25, weight 2/4
    // ECE = .5 × .5 + .5 × .25 = .375
    const { ece, table } = calibration([
      { confidence: 1, correct: true },
      { confidence: 1, correct: false },
      { confidence: 0.25, correct: false },
      { confidence: 0.25, correct: false },
    ]);
    expect(ece).toBeCloseTo(0.375);
    expect(table).toHaveLength(10);
    expect(table[9]).toMatchObject({ count: 2, accuracy: 0.5, confidence: 1 });
    expect(table[2]).toMatchObject({ count: 2, accuracy: 0 });
    expect(calibration([]).ece).toBe(0);
  });
});
