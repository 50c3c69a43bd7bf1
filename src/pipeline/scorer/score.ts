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

/** Boosted trees flattened into typed arrays: one contiguous walk per tree. */
interface PackedTrees {
  readonly base: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

const packedCache = new WeakMap<BoostedTrees, PackedTrees>();

function pack(model: BoostedTrees): PackedTrees {
  let packed = packedCache.get(model);
  if (packed === undefined) {
    const nodes: TreeNode[] = [];
    const roots: number[] = [];
    for (const tree of model.trees) {
      const offset = nodes.length;
      roots.push(offset);
      for (const node of tree) {
        nodes.push({ ...node, left: node.left + offset, right: node.right + offset });
      }
    }
    packed = {
      base: model.base,
      roots: Int32Array.from(roots),
      feature: Int32Array.from(nodes, (n) => n.feature),
      threshold: Float64Array.from(nodes, (n) => n.threshold),
      left: Int32Array.from(nodes, (n) => n.left),
      right: Int32Array.from(nodes, (n) => n.right),
      value: Float64Array.from(nodes, (n) => n.value),
    };
    packedCache.set(model, packed);
  }
  return packed;
}

/**
 * The scorer's probability for a feature vector: the logistic score first; candidates it puts far below
 * the floor are not worth the trees.
 */
export function plainScore(
  x: readonly number[],
  weights: ScorerWeights,
  boosted: BoostedTrees | undefined,
  floor: number,
): number {
  const linear = scoreFeatures(x, weights);
  return boosted === undefined || linear < floor / 4 ? linear : scoreBoosted(x, boosted);
}

/** Log-odds of a probability, clipped to ±12 (the input of the tagger's stacked scorer). */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Probability from boosted trees: σ(base + Σ trees). */
export function scoreBoosted(x: readonly number[], model: BoostedTrees): number {
  const t = pack(model);
  let z = t.base;
  for (let r = 0; r < t.roots.length; r++) {
    let at = t.roots[r] ?? 0;
    let f = t.feature[at] ?? -1;
    while (f >= 0) {
      at = (x[f] ?? 0) <= (t.threshold[at] ?? 0) ? (t.left[at] ?? 0) : (t.right[at] ?? 0);
      f = t.feature[at] ?? -1;
    }
    z += t.value[at] ?? 0;
  }
  return 1 / (1 + Math.exp(-z));
}
