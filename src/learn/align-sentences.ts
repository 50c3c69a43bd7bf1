/**
 * Aligns the sentences of a text with those of its translation by length (after Gale & Church, 1993):
 * dynamic programming over 1-1, 1-2, 2-1, 1-3 and 3-1 beads, cost = length mismatch after scaling by the
 * texts' overall length ratio. Returns, for each source sentence, the target sentences it maps to.
 * @param source - source sentence lengths (characters)
 * @param target - target sentence lengths
 */
export function alignSentences(source: readonly number[], target: readonly number[]): number[][] {
  const n = source.length;
  const m = target.length;
  const ratio =
    target.reduce((a, b) => a + b, 0) /
    Math.max(
      1,
      source.reduce((a, b) => a + b, 0),
    );
  const cost: number[][] = Array.from({ length: n + 1 }, () =>
    new Array<number>(m + 1).fill(Infinity),
  );
  const back: [number, number][][] = Array.from({ length: n + 1 }, () =>
    new Array<[number, number]>(m + 1).fill([0, 0]),
  );
  const row0 = cost[0];
  if (row0) {
    row0[0] = 0;
  }
  const beads: readonly [number, number][] = [
    [1, 1],
    [1, 2],
    [2, 1],
    [1, 3],
    [3, 1],
    [2, 2],
  ];
  const sum = (list: readonly number[], from: number, count: number): number => {
    let s = 0;
    for (let k = from; k < from + count; k++) {
      s += list[k] ?? 0;
    }
    return s;
  };
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i]?.[j] ?? Infinity;
      if (here === Infinity) {
        continue;
      }
      for (const [di, dj] of beads) {
        if (i + di > n || j + dj > m) {
          continue;
        }
        const a = sum(source, i, di) * ratio;
        const b = sum(target, j, dj);
        // Mismatch relative to length, plus a small penalty for anything but 1-1.
        const c = here + Math.abs(a - b) / Math.sqrt(a + b + 1) + (di === 1 && dj === 1 ? 0 : 1.5);
        const next = cost[i + di];
        if (next !== undefined && c < (next[j + dj] ?? Infinity)) {
          next[j + dj] = c;
          const backRow = back[i + di];
          if (backRow) {
            backRow[j + dj] = [di, dj];
          }
        }
      }
    }
  }
  const map: number[][] = Array.from({ length: n }, () => []);
  let i = n;
  let j = m;
  if ((cost[n]?.[m] ?? Infinity) === Infinity) {
    // No alignment found (an empty side): fall back to proportional positions.
    return source.map((_, k) => [Math.min(m - 1, Math.floor((k / Math.max(1, n)) * m))]);
  }
  while (i > 0 || j > 0) {
    const [di, dj] = back[i]?.[j] ?? [1, 1];
    for (let a = i - di; a < i; a++) {
      for (let b = j - dj; b < j; b++) {
        map[a]?.push(b);
      }
    }
    i -= di;
    j -= dj;
  }
  return map;
}
