import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoostedTrees } from '../../../src/pipeline/learned/learned-model.js';
import { FEATURES } from '../../../src/pipeline/scorer/features.js';
import {
  compileTrees,
  scoreBoosted,
  scoreBoostedWalked,
} from '../../../src/pipeline/scorer/score.js';
import { ROOT } from '../../helpers/fixtures.js';

// Two hand-made trees: x0 <= 0.5 ? (x1 <= 2 ? 1 : 2) : -1, and a single leaf 0.25.
const HAND: BoostedTrees = {
  base: -0.5,
  trees: [
    [
      { feature: 0, threshold: 0.5, left: 1, right: 2, value: 0 },
      { feature: 1, threshold: 2, left: 3, right: 4, value: 0 },
      { feature: -1, threshold: 0, left: 0, right: 0, value: -1 },
      { feature: -1, threshold: 0, left: 0, right: 0, value: 1 },
      { feature: -1, threshold: 0, left: 0, right: 0, value: 2 },
    ],
    [{ feature: -1, threshold: 0, left: 0, right: 0, value: 0.25 }],
  ],
};

/** A seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describe('boosted tree scorer', () => {
  it('adds the leaves a feature vector reaches', () => {
    const sum = compileTrees(HAND);
    expect(sum([0.5, 2], 0)).toBe(1.25);
    expect(sum([0, 3], 0)).toBe(2.25);
    expect(sum([0.6, 0], 1)).toBe(0.25);
    // A missing feature reads as 0, as when the trees are walked.
    expect(sum([], 0)).toBe(1.25);
    expect(scoreBoosted([0.6, 0], HAND)).toBeCloseTo(1 / (1 + Math.exp(1.25)), 12);
  });

  it('compiled and walked trees give the same probabilities, bit for bit, on the shipped model', () => {
    const model = JSON.parse(
      readFileSync(join(ROOT, 'dictionaries', 'learned', 'model.json'), 'utf8'),
    ) as { boosted: BoostedTrees };
    const next = random(7);
    // Values around the thresholds the trees use: zeros, ones, fractions and small counts.
    const value = (): number => {
      const r = next();
      return r < 0.3 ? 0 : r < 0.5 ? 1 : r < 0.8 ? next() : Math.floor(next() * 20);
    };
    for (let i = 0; i < 2_000; i++) {
      const x = FEATURES.map(value);
      expect(scoreBoosted(x, model.boosted)).toBe(scoreBoostedWalked(x, model.boosted));
    }
  });

  it('walks a model that is not plain numbers instead of compiling it', () => {
    const hostile = {
      base: 0,
      trees: [
        [
          {
            feature: '0]; globalThis.hacked = true; x[0' as unknown as number,
            threshold: 0,
            left: 1,
            right: 1,
            value: 0,
          },
          { feature: -1, threshold: 0, left: 0, right: 0, value: 3 },
        ],
      ],
    } satisfies BoostedTrees;
    expect(scoreBoosted([1], hostile)).toBe(scoreBoostedWalked([1], hostile));
    expect((globalThis as { hacked?: boolean }).hacked).toBeUndefined();
  });
});
