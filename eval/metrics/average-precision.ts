/** One document's ranked predictions and gold codes. */
export interface RankedDoc {
  /** Predicted codes, best first (by confidence). */
  readonly ranked: readonly string[];
  readonly gold: ReadonlySet<string>;
}

/**
 * Average precision of one ranked list, as the CodiEsp track defined it (after TREC): the mean, over
 * the gold codes, of the precision at the rank where each was retrieved; a gold code never retrieved
 * contributes 0. Repeated predictions count once, at their best rank.
 */
export function averagePrecision(doc: RankedDoc): number {
  if (doc.gold.size === 0) {
    return 0;
  }
  const seen = new Set<string>();
  let hits = 0;
  let sum = 0;
  for (const code of doc.ranked) {
    if (seen.has(code)) {
      continue;
    }
    seen.add(code);
    if (doc.gold.has(code)) {
      hits++;
      sum += hits / seen.size;
    }
  }
  return sum / doc.gold.size;
}

/**
 * Mean average precision over the documents that have gold codes (CodiEsp-D's main metric; documents
 * without gold codes carry no AP and are left out, documents without predictions score 0).
 */
export function meanAveragePrecision(docs: readonly RankedDoc[]): number {
  const scored = docs.filter((doc) => doc.gold.size > 0);
  if (scored.length === 0) {
    return 0;
  }
  return scored.reduce((sum, doc) => sum + averagePrecision(doc), 0) / scored.length;
}
