import type { ScoredPrediction } from './threshold-sweep.js';

/** One bin of the reliability table. */
export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Mean confidence of the predictions in the bin (NaN-free: 0 when empty). */
  readonly confidence: number;
  /** Share of the bin's predictions that were right. */
  readonly accuracy: number;
}

/**
 * Expected calibration error over equal-width confidence bins (Naeini et al. 2015; Guo et al. 2017):
 * the count-weighted mean of |accuracy − mean confidence| per bin. Confidence 1.0 falls in the last bin.
 * @param bins - number of bins (default 10)
 */
export function calibration(
  predictions: readonly ScoredPrediction[],
  bins = 10,
): { ece: number; table: ReliabilityBin[] } {
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, correct: 0 }));
  for (const p of predictions) {
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(p.confidence * bins)))];
    if (bin) {
      bin.count++;
      bin.confidence += p.confidence;
      bin.correct += p.correct ? 1 : 0;
    }
  }
  let ece = 0;
  const table = sums.map((s, i) => {
    const confidence = s.count === 0 ? 0 : s.confidence / s.count;
    const accuracy = s.count === 0 ? 0 : s.correct / s.count;
    if (predictions.length > 0) {
      ece += (s.count / predictions.length) * Math.abs(accuracy - confidence);
    }
    return { lo: i / bins, hi: (i + 1) / bins, count: s.count, confidence, accuracy };
  });
  return { ece, table };
}
