import type { BoostedTrees, TreeNode } from '../pipeline/learned/learned-model.js';

/** Options of {@link fitBoosted}. */
export interface BoostOptions {
  readonly trees?: number;
  readonly depth?: number;
  readonly rate?: number;
  readonly minLeaf?: number;
}

/**
 * Gradient-boosted regression trees on the logistic loss (Friedman 2001), deterministic: splits are
 * tried at a fixed set of quantiles per feature. Small and dependency-free; it learns interactions the
 * logistic scorer cannot (a learned association means more when the dictionary agrees).
 */
export function fitBoosted(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: BoostOptions = {},
): BoostedTrees {
  const trees = options.trees ?? 250;
  const depth = options.depth ?? 4;
  const rate = options.rate ?? 0.08;
  const minLeaf = options.minLeaf ?? 40;
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const prior = y.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const base = Math.log((prior + 1e-6) / (1 - prior + 1e-6));
  const f = new Float64Array(n).fill(base);
  // Candidate thresholds: 16 quantiles of each feature.
  const cuts: number[][] = [];
  for (let j = 0; j < d; j++) {
    const values = x.map((row) => row[j] ?? 0).sort((a, b) => a - b);
    const set = new Set<number>();
    for (let q = 1; q < 16; q++) {
      set.add(values[Math.floor((q / 16) * (values.length - 1))] ?? 0);
    }
    cuts.push([...set].sort((a, b) => a - b));
  }
  // Each row's bin per feature: bin b holds values ≤ cuts[b] (and > cuts[b-1]).
  const bins = cuts.map((edges, j) =>
    Uint8Array.from(x, (row) => {
      const v = row[j] ?? 0;
      let b = 0;
      while (b < edges.length && v > (edges[b] ?? 0)) {
        b++;
      }
      return b;
    }),
  );
  const out: TreeNode[][] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(f[i] ?? 0)));
      g[i] = (y[i] ?? 0) - p;
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const nodes: TreeNode[] = [];
    const grow = (rows: number[], level: number): number => {
      const index = nodes.length;
      let sg = 0;
      let sh = 0;
      for (const i of rows) {
        sg += g[i] ?? 0;
        sh += h[i] ?? 0;
      }
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: (rate * sg) / (sh + 1) });
      if (level >= depth || rows.length < 2 * minLeaf) {
        return index;
      }
      let best = { gain: 0, feature: -1, threshold: 0 };
      const parentScore = (sg * sg) / (sh + 1);
      // Histograms of gradient and hessian per feature bin: one pass over the node's rows.
      for (let j = 0; j < d; j++) {
        const column = bins[j];
        const edges = cuts[j] ?? [];
        if (column === undefined) {
          continue;
        }
        const hg = new Float64Array(edges.length + 1);
        const hh = new Float64Array(edges.length + 1);
        const hn = new Int32Array(edges.length + 1);
        for (const i of rows) {
          const b = column[i] ?? 0;
          hg[b] = (hg[b] ?? 0) + (g[i] ?? 0);
          hh[b] = (hh[b] ?? 0) + (h[i] ?? 0);
          hn[b] = (hn[b] ?? 0) + 1;
        }
        let lg = 0;
        let lh = 0;
        let ln = 0;
        for (let b = 0; b < edges.length; b++) {
          lg += hg[b] ?? 0;
          lh += hh[b] ?? 0;
          ln += hn[b] ?? 0;
          if (ln < minLeaf || rows.length - ln < minLeaf) {
            continue;
          }
          const rg = sg - lg;
          const rh = sh - lh;
          const gain = (lg * lg) / (lh + 1) + (rg * rg) / (rh + 1) - parentScore;
          if (gain > best.gain) {
            best = { gain, feature: j, threshold: edges[b] ?? 0 };
          }
        }
      }
      if (best.feature < 0) {
        return index;
      }
      const left = rows.filter((i) => (x[i]?.[best.feature] ?? 0) <= best.threshold);
      const right = rows.filter((i) => (x[i]?.[best.feature] ?? 0) > best.threshold);
      const node = nodes[index];
      if (node !== undefined) {
        node.feature = best.feature;
        node.threshold = best.threshold;
        node.left = grow(left, level + 1);
        node.right = grow(right, level + 1);
      }
      return index;
    };
    grow(
      Array.from({ length: n }, (_, i) => i),
      0,
    );
    for (let i = 0; i < n; i++) {
      f[i] = (f[i] ?? 0) + evalTree(nodes, x[i] ?? []);
    }
    out.push(nodes.map((node) => ({ ...node, value: Math.round(node.value * 1e5) / 1e5 })));
  }
  return { base: Math.round(base * 1e5) / 1e5, trees: out };
}

/** The value of one tree for a feature vector. */
export function evalTree(nodes: readonly TreeNode[], x: readonly number[]): number {
  let at = 0;
  for (;;) {
    const node = nodes[at];
    if (node === undefined) {
      return 0;
    }
    if (node.feature < 0) {
      return node.value;
    }
    at = (x[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
  }
}
