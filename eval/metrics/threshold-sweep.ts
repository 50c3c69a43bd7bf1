import { prf, type Prf } from './prf.js';

/** A scored prediction: its confidence and whether it was right. */
export interface ScoredPrediction {
  readonly confidence: number;
  readonly correct: boolean;
}

/** One point of the precision-recall curve. */
export interface CurvePoint extends Prf {
  /** Keep predictions with confidence ≥ threshold. */
  readonly threshold: number;
  readonly predicted: number;
}

/**
 * Micro P/R/F1 at every distinct confidence threshold (predictions ≥ threshold kept), and the
 * threshold with the best F1 (the highest threshold among ties).
 * @param predictions - every prediction of the run
 * @param goldTotal - number of gold codes (recall's denominator)
 */
export function thresholdSweep(
  predictions: readonly ScoredPrediction[],
  goldTotal: number,
): { curve: CurvePoint[]; best: CurvePoint } {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  const curve: CurvePoint[] = [];
  let tp = 0;
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const prediction = sorted[i];
    if (prediction === undefined) {
      continue;
    }
    kept++;
    if (prediction.correct) {
      tp++;
    }
    // A threshold is a point only once every prediction at that confidence is in.
    if (sorted[i + 1]?.confidence !== prediction.confidence) {
      curve.push({
        threshold: prediction.confidence,
        predicted: kept,
        ...prf(tp, kept - tp, goldTotal - tp),
      });
    }
  }
  const empty: CurvePoint = { threshold: 1, predicted: 0, p: 0, r: 0, f1: 0 };
  const best = curve.reduce((a, b) => (b.f1 > a.f1 ? b : a), curve[0] ?? empty);
  return { curve, best };
}
