import type { BoostedTrees, TreeNode } from '../learned/learned-model.js';
import { plainNumbers, treeSource, walkTrees } from './score.js';

/**
 * Adds each row's leaf values, tree by tree in order, to `z[j]`; row j's features are
 * `x[j * width .. (j + 1) * width)`.
 */
type RowsSum = (x: Float64Array, z: Float64Array, rows: number) => void;

/** A model's trees as functions over rows of `width` features. */
interface CompiledRows {
  readonly width: number;
  readonly parts: readonly RowsSum[];
}

const compiledCache = new WeakMap<BoostedTrees, CompiledRows | null>();

/** A feature read into its local (`x0`, `x1`, …). */
const fromLocal = (feature: number): string => `x${feature}`;

/** The features the trees read. */
function featuresOf(trees: readonly (readonly TreeNode[])[]): number[] {
  const used = new Set<number>();
  for (const tree of trees) {
    for (const node of tree) {
      if (node.feature >= 0) {
        used.add(node.feature);
      }
    }
  }
  return [...used].sort((a, b) => a - b);
}

/**
 * A row that reaches each leaf of each tree (the features its path tests set to satisfy every test on
 * the way, the others 0): running the generated code over them once leaves type feedback at every
 * comparison, so the optimising compiler never meets a test it has not seen run (each such test, met
 * on some later note, threw the function's machine code away and ran it interpreted until it was
 * compiled again).
 */
function coverageRows(trees: readonly (readonly TreeNode[])[], width: number): Float64Array {
  const rows: number[][] = [];
  const visit = (tree: readonly TreeNode[], at: number, lo: number[], hi: number[]): void => {
    const node = tree[at];
    if (node === undefined) {
      return;
    }
    if (node.feature < 0) {
      const row = new Array<number>(width).fill(0);
      for (let f = 0; f < width; f++) {
        const a = lo[f] ?? -Infinity;
        const b = hi[f] ?? Infinity;
        if (!(a < b)) {
          return;
        }
        row[f] = b < Infinity ? b : a > -Infinity ? a + Math.max(1, Math.abs(a)) : 0;
      }
      rows.push(row);
      return;
    }
    const f = node.feature;
    const left = [...hi];
    left[f] = Math.min(hi[f] ?? Infinity, node.threshold);
    visit(tree, node.left, lo, left);
    const right = [...lo];
    right[f] = Math.max(lo[f] ?? -Infinity, node.threshold);
    visit(tree, node.right, right, hi);
  };
  for (const tree of trees) {
    visit(tree, 0, [], []);
  }
  return Float64Array.from(rows.flat());
}

/**
 * Trees per generated row function: 32 depth-4 trees still get optimised, and a note's rows pass through
 * half as many functions as with 16 (about 8 % less time in the trees on CodiEsp dev's rows). How the
 * trees are split does not change the sum: each function adds its trees to z[j] left to right.
 */
const ROW_TREES_PER_FUNCTION = 32;

/** The trees compiled, 32 to a function, each function warmed on rows that reach every leaf. */
function compileRows(model: BoostedTrees): CompiledRows | null {
  if (!plainNumbers(model)) {
    return null;
  }
  const width = Math.max(1, ...featuresOf(model.trees).map((f) => f + 1));
  const parts: RowsSum[] = [];
  for (let i = 0; i < model.trees.length; i += ROW_TREES_PER_FUNCTION) {
    const trees = model.trees.slice(i, i + ROW_TREES_PER_FUNCTION);
    const locals = featuresOf(trees)
      .map((f) => `x${f} = x[o + ${f}]`)
      .join(', ');
    const body = trees.map((tree) => treeSource(tree, 0, 0, fromLocal)).join(' +\n');
    // Left to right from z[j]: the same additions in the same order as walking the trees.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- numbers only, checked above
    const part = new Function(
      'x',
      'z',
      'rows',
      `'use strict'; for (let j = 0, o = 0; j < rows; j++, o += ${width}) { ${locals === '' ? '' : `const ${locals};`} z[j] = z[j] + ${body}; }`,
    ) as RowsSum;
    const warm = coverageRows(trees, width);
    part(warm, new Float64Array(warm.length / width), warm.length / width);
    parts.push(part);
  }
  return { width, parts };
}

/**
 * The probability of each feature vector from boosted trees, σ(base + Σ trees), in their order: the
 * same numbers as `scoreBoosted` one by one. A note's rows are scored together, each generated
 * function running its trees over every row before the next function runs (the trees' code
 * stays in the instruction cache and their branches in the predictor), over the rows copied into one
 * Float64Array (a missing feature reads 0, as `scoreBoosted` reads it): the generated code reads one
 * kind of array, whatever arrays the rows were.
 */
export function scoreBoostedAll(xs: readonly (readonly number[])[], model: BoostedTrees): number[] {
  let compiled = compiledCache.get(model);
  if (compiled === undefined) {
    compiled = compileRows(model);
    compiledCache.set(model, compiled);
  }
  const z = new Float64Array(xs.length).fill(model.base);
  if (compiled === null) {
    const walk = walkTrees(model);
    xs.forEach((x, j) => {
      z[j] = walk(x, model.base);
    });
  } else {
    const { width, parts } = compiled;
    const x = new Float64Array(xs.length * width);
    xs.forEach((row, j) => {
      for (let f = 0; f < width; f++) {
        x[j * width + f] = row[f] ?? 0;
      }
    });
    for (const part of parts) {
      part(x, z, xs.length);
    }
  }
  return Array.from(z, (v) => 1 / (1 + Math.exp(-v)));
}

/** Compiles (and warms) a model's trees now, at pipeline build, instead of on the first note. */
export function prepareBoostedRows(model: BoostedTrees): void {
  scoreBoostedAll([], model);
}
