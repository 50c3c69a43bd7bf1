import { prf, type Prf } from './prf.js';

/** Gold and predicted code sets of one document. */
export interface DocSets {
  readonly gold: ReadonlySet<string>;
  readonly pred: ReadonlySet<string>;
}

/** Micro and macro scores over a set of documents. */
export interface SetScores {
  readonly micro: Prf & { readonly tp: number; readonly fp: number; readonly fn: number };
  /** Means of per-code P, R and F1 over every code in gold or predictions (Edin et al. 2023). */
  readonly macro: Prf;
  /** Number of codes the macro average runs over. */
  readonly codes: number;
  readonly gold: number;
  readonly predicted: number;
}

/**
 * Micro scores pool true/false positives over all documents; macro scores average each code's own
 * P, R and F1 — F1 per code first, then the mean (not the harmonic mean of macro P and R), over the
 * codes that appear in gold or predictions, as Edin et al. (2023, "Automated medical coding on
 * MIMIC-III and MIMIC-IV: a critical review and replicability study", SIGIR) recommend.
 */
export function scoreSets(docs: readonly DocSets[]): SetScores {
  const perCode = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (code: string): { tp: number; fp: number; fn: number } => {
    let c = perCode.get(code);
    if (c === undefined) {
      c = { tp: 0, fp: 0, fn: 0 };
      perCode.set(code, c);
    }
    return c;
  };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let gold = 0;
  let predicted = 0;
  for (const doc of docs) {
    gold += doc.gold.size;
    predicted += doc.pred.size;
    for (const code of doc.pred) {
      if (doc.gold.has(code)) {
        tp++;
        count(code).tp++;
      } else {
        fp++;
        count(code).fp++;
      }
    }
    for (const code of doc.gold) {
      if (!doc.pred.has(code)) {
        fn++;
        count(code).fn++;
      }
    }
  }
  let sp = 0;
  let sr = 0;
  let sf = 0;
  for (const c of perCode.values()) {
    const s = prf(c.tp, c.fp, c.fn);
    sp += s.p;
    sr += s.r;
    sf += s.f1;
  }
  const n = perCode.size;
  return {
    micro: { ...prf(tp, fp, fn), tp, fp, fn },
    macro: n === 0 ? { p: 0, r: 0, f1: 0 } : { p: sp / n, r: sr / n, f1: sf / n },
    codes: n,
    gold,
    predicted,
  };
}
