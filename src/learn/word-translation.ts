/**
 * Word-translation probabilities learned from sentence pairs (IBM Model 1, Brown et al., 1993):
 * expectation-maximisation over which source word each target word translates, with a NULL source.
 * notecoder learns them from CodiEsp's Spanish originals and their English translations, to carry the
 * Spanish evidence spans of the gold codes over to English words.
 */
export interface WordTranslation {
  /** t(target | source): how likely `target` translates `source` (0 when never seen together). */
  prob(source: string, target: string): number;
}

const NULL = '\u0000';

/**
 * Fits IBM Model 1 on word-list pairs. Deterministic (pairs and words are visited in order).
 * @param pairs - [source words, target words] per sentence pair (already folded and filtered)
 * @param iterations - EM iterations (5 is the usual choice: Model 1 converges quickly)
 */
export function fitWordTranslation(
  pairs: readonly (readonly [readonly string[], readonly string[]])[],
  iterations = 5,
): WordTranslation {
  const sourceIds = new Map<string, number>([[NULL, 0]]);
  const targetIds = new Map<string, number>();
  const id = (map: Map<string, number>, word: string): number => {
    let n = map.get(word);
    if (n === undefined) {
      n = map.size;
      map.set(word, n);
    }
    return n;
  };
  const encoded = pairs.map(
    ([source, target]) =>
      [[0, ...source.map((w) => id(sourceIds, w))], target.map((w) => id(targetIds, w))] as const,
  );
  const width = Math.max(1, targetIds.size);
  const key = (s: number, t: number): number => s * width + t;
  // Uniform start over the target words each source word was seen with.
  let table = new Map<number, number>();
  for (const [source, target] of encoded) {
    for (const s of source) {
      for (const t of target) {
        table.set(key(s, t), 1);
      }
    }
  }
  for (let it = 0; it < iterations; it++) {
    const counts = new Map<number, number>();
    const totals = new Float64Array(sourceIds.size);
    for (const [source, target] of encoded) {
      for (const t of target) {
        let denominator = 0;
        for (const s of source) {
          denominator += table.get(key(s, t)) ?? 0;
        }
        if (denominator <= 0) {
          continue;
        }
        for (const s of source) {
          const share = (table.get(key(s, t)) ?? 0) / denominator;
          counts.set(key(s, t), (counts.get(key(s, t)) ?? 0) + share);
          totals[s] = (totals[s] ?? 0) + share;
        }
      }
    }
    const next = new Map<number, number>();
    for (const [k, c] of counts) {
      const s = Math.floor(k / width);
      next.set(k, c / (totals[s] ?? 1));
    }
    table = next;
  }
  return {
    prob(source, target) {
      const s = sourceIds.get(source);
      const t = targetIds.get(target);
      return s === undefined || t === undefined ? 0 : (table.get(key(s, t)) ?? 0);
    },
  };
}
