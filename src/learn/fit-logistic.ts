import type { ScorerWeights } from '../pipeline/learned/learned-model.js';

/**
 * Fits an L2-regularised logistic regression by full-batch gradient descent on standardised features.
 * Deterministic (no random initialisation); 2-core friendly for tens of thousands of rows.
 * @param x - feature rows
 * @param y - labels (1 = the code is gold)
 * @param features - feature names, stored with the weights
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  features: readonly string[],
  l2 = 1e-3,
  iterations = 3000,
): ScorerWeights {
  const d = features.length;
  const n = x.length;
  const mean = Array.from(
    { length: d },
    (_, j) => x.reduce((s, row) => s + (row[j] ?? 0), 0) / Math.max(1, n),
  );
  const scale = Array.from({ length: d }, (_, j) => {
    const v = x.reduce((s, row) => s + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / Math.max(1, n);
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const z = x.map((row) => row.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1)));
  const w = new Array<number>(d).fill(0);
  const prior = y.reduce((a, b) => a + b, 0) / Math.max(1, n);
  let bias = Math.log((prior + 1e-6) / (1 - prior + 1e-6));
  let rate = 0.5;
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = z[i] ?? [];
      let s = bias;
      for (let j = 0; j < d; j++) {
        s += (w[j] ?? 0) * (row[j] ?? 0);
      }
      const err = 1 / (1 + Math.exp(-s)) - (y[i] ?? 0);
      gb += err;
      for (let j = 0; j < d; j++) {
        grad[j] = (grad[j] ?? 0) + err * (row[j] ?? 0);
      }
    }
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] ?? 0) - rate * ((grad[j] ?? 0) / n + l2 * (w[j] ?? 0));
    }
    bias -= rate * (gb / n);
    if (it === 1500) {
      rate = 0.2;
    }
  }
  return {
    features: [...features],
    weights: w.map((v) => Math.round(v * 1e5) / 1e5),
    bias: Math.round(bias * 1e5) / 1e5,
    mean: mean.map((v) => Math.round(v * 1e6) / 1e6),
    scale: scale.map((v) => Math.round(v * 1e6) / 1e6),
  };
}
