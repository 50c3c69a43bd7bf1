import type { BoostedTrees } from '../learned/learned-model.js';

/**
 * The US coder's selection, fitted by `notecoder train-selection` on US notes coded by the team
 * (`dictionaries/learned/selection.json`): boosted trees over {@link SELECTION_FEATURES} that re-score
 * each ICD-10-CM suggestion for whether a US professional-fee coder reports it, with the operating
 * threshold per setting (best F1 out of fold).
 */
export interface SelectionModel {
  readonly version: string;
  readonly provenance: Readonly<Record<string, string | number>>;
  /** Feature names in vector order (must equal `SELECTION_FEATURES`). */
  readonly features: readonly string[];
  readonly trees: BoostedTrees;
  readonly thresholds: { readonly outpatient: number; readonly inpatient: number };
}
