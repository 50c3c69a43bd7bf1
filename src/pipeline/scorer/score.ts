import type { BoostedTrees, ScorerWeights, TreeNode } from '../learned/learned-model.js';
import { FEATURES } from './features.js';

/**
 * Hand-set weights used when no fitted model is loaded (tests, a fresh checkout before
 * `notecoder train`): dictionary quality dominates, guesses and subsumed readings lose.
 */
export const DEFAULT_WEIGHTS: ScorerWeights = {
  features: [...FEATURES],
  weights: [
    3.0, 0.4, 0.2, 0.5, 0.3, 0.4, -1.5, 2.0, 1.0, 0.3, 0.2, 0.5, -0.6, -0.2, -1.0, 0.2, 0.5, 0.3,
    -1.0, 0.5, 0.3,
  ],
  bias: -2.0,
  mean: FEATURES.map(() => 0),
  scale: FEATURES.map(() => 1),
};

/** Calibrated probability from a feature vector: logistic regression over standardised features. */
export function scoreFeatures(x: readonly number[], w: ScorerWeights): number {
  let z = w.bias;
  for (let i = 0; i < x.length; i++) {
    z += (w.weights[i] ?? 0) * (((x[i] ?? 0) - (w.mean[i] ?? 0)) / (w.scale[i] ?? 1));
  }
  return 1 / (1 + Math.exp(-z));
}

function treeValue(nodes: readonly TreeNode[], x: readonly number[]): number {
  let at = 0;
  for (let guard = 0; guard < 64; guard++) {
    const node = nodes[at];
    if (node === undefined) {
      return 0;
    }
    if (node.feature < 0) {
      return node.value;
    }
    at = (x[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
  }
  return 0;
}

/** Probability from boosted trees: σ(base + Σ trees). */
export function scoreBoosted(x: readonly number[], model: BoostedTrees): number {
  let z = model.base;
  for (const tree of model.trees) {
    z += treeValue(tree, x);
  }
  return 1 / (1 + Math.exp(-z));
}
