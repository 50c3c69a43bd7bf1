import type { CodeSet } from '../codes/code-set.js';
import type { CodeSystem, DetectResult, Setting } from '../core/types.js';
import { scoreBoosted } from '../pipeline/scorer/score.js';
import { SELECTION_FEATURES, selectionFeatures } from '../pipeline/select/selection-features.js';
import type { SelectionModel } from '../pipeline/select/selection-model.js';
import { selectionCandidates } from '../pipeline/select/select-codes.js';
import type { ContextTrigger } from '../pipeline/context/context-analyzer.js';
import { detectSections } from '../text/sections.js';
import { fitBoosted, type BoostOptions } from './fit-boosted.js';

/** A team-coded note with the pipeline's result before selection. */
export interface SelectionNote {
  readonly id: string;
  readonly text: string;
  readonly setting: Setting;
  readonly gold: readonly { system: CodeSystem; code: string; optional?: boolean }[];
  /** `detect` with the billing rules and `select: false`. */
  readonly result: DetectResult;
  /** The operating threshold the result was coded at. */
  readonly operating: number;
}

/** One ICD-10-CM suggestion as a training row: label 1 required, 0 not coded (optional codes are left out). */
export interface SelectionRow {
  readonly note: string;
  readonly setting: Setting;
  readonly code: string;
  readonly x: readonly number[];
  /** 1 required gold, 0 not gold, −1 optional gold (never fitted, never scored). */
  readonly y: 1 | 0 | -1;
}

/** Trees for the selection model: a few hundred notes, a few thousand rows. */
export const SELECTION_BOOST: BoostOptions = { trees: 200, depth: 3, rate: 0.05, minLeaf: 20 };

/** The feature rows of every selection candidate of the notes (see `selectionCandidates`). */
export function selectionRows(
  notes: readonly SelectionNote[],
  codeSet: CodeSet,
  triggers: readonly ContextTrigger[],
): SelectionRow[] {
  return notes.flatMap((note) => {
    const sections = detectSections(note.text);
    const candidates = selectionCandidates(
      note.result,
      note.text,
      note.setting,
      sections,
      codeSet,
      triggers,
    );
    const x = selectionFeatures(
      candidates.map((c) => c.suggestion),
      {
        text: note.text,
        sections,
        setting: note.setting,
        operating: note.operating,
        codeSet,
        sources: candidates.map((c) => ({
          suppressed: c.suppressed !== undefined,
          ...(c.statement === undefined ? {} : { statement: c.statement }),
        })),
      },
    );
    const gold = note.gold.filter((g) => g.system === 'ICD-10-CM');
    const required = new Set(gold.filter((g) => g.optional !== true).map((g) => g.code));
    const optional = new Set(gold.filter((g) => g.optional === true).map((g) => g.code));
    return candidates.map((c, i) => ({
      note: note.id,
      setting: note.setting,
      code: c.suggestion.code,
      x: x[i] ?? [],
      y: required.has(c.suggestion.code) ? 1 : optional.has(c.suggestion.code) ? -1 : 0,
    }));
  });
}

/** Micro F1 of the rows kept at `threshold`, recall over every required gold code of the notes. */
function f1At(rows: readonly { p: number; y: number }[], gold: number, threshold: number): number {
  let tp = 0;
  let fp = 0;
  for (const r of rows) {
    if (r.y !== -1 && r.p >= threshold) {
      if (r.y === 1) {
        tp++;
      } else {
        fp++;
      }
    }
  }
  return gold + tp + fp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (gold - tp));
}

/** The threshold with the best micro F1 (on a 0.01 grid), and that F1. */
export function bestThreshold(
  rows: readonly { p: number; y: number }[],
  gold: number,
): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 };
  for (let t = 0.05; t < 0.951; t += 0.01) {
    const f1 = f1At(rows, gold, t);
    if (f1 > best.f1 + 1e-12) {
      best = { threshold: Math.round(t * 100) / 100, f1 };
    }
  }
  return best;
}

/** Required ICD-10-CM gold codes of the notes (recall counts every one, suggested or not). */
function requiredGold(notes: readonly SelectionNote[]): Record<Setting, number> {
  const out: Record<Setting, number> = { outpatient: 0, inpatient: 0 };
  for (const n of notes) {
    out[n.setting] += n.gold.filter((g) => g.system === 'ICD-10-CM' && g.optional !== true).length;
  }
  return out;
}

/**
 * Fits the selection model: boosted trees on every labeled row, thresholds per setting from
 * out-of-fold probabilities (notes in `folds` groups by position), so the threshold is what the model
 * achieves on notes it did not see.
 */
export function fitSelection(
  notes: readonly SelectionNote[],
  codeSet: CodeSet,
  triggers: readonly ContextTrigger[],
  options: { folds?: number; version: string; provenance: Record<string, string | number> },
): SelectionModel {
  const folds = options.folds ?? 5;
  const rows = selectionRows(notes, codeSet, triggers);
  const foldOf = new Map(notes.map((n, i) => [n.id, i % folds]));
  const oof: { p: number; y: number; setting: Setting }[] = [];
  for (let k = 0; k < folds; k++) {
    const fit = rows.filter((r) => r.y !== -1 && foldOf.get(r.note) !== k);
    const trees = fitBoosted(
      fit.map((r) => r.x),
      fit.map((r) => r.y),
      SELECTION_BOOST,
    );
    for (const r of rows) {
      if (foldOf.get(r.note) === k) {
        oof.push({ p: scoreBoosted(r.x, trees), y: r.y, setting: r.setting });
      }
    }
  }
  const gold = requiredGold(notes);
  const threshold = (setting: Setting): number =>
    bestThreshold(
      oof.filter((r) => r.setting === setting),
      gold[setting],
    ).threshold;
  const fit = rows.filter((r) => r.y !== -1);
  return {
    version: options.version,
    provenance: {
      ...options.provenance,
      notes: notes.length,
      rows: fit.length,
      positives: fit.filter((r) => r.y === 1).length,
      folds,
      oofF1: Math.round(bestThreshold(oof, gold.outpatient + gold.inpatient).f1 * 1000) / 1000,
    },
    features: [...SELECTION_FEATURES],
    trees: fitBoosted(
      fit.map((r) => r.x),
      fit.map((r) => r.y),
      SELECTION_BOOST,
    ),
    thresholds: { outpatient: threshold('outpatient'), inpatient: threshold('inpatient') },
  };
}
