import type { CodeSet } from '../codes/code-set.js';
import type { CodeSystem, DetectResult, Setting } from '../core/types.js';
import { scoreBoosted } from '../pipeline/scorer/score.js';
import {
  SELECTION_FEATURES,
  selectionFeatures,
  usReliability,
} from '../pipeline/select/selection-features.js';
import type { SelectionModel } from '../pipeline/select/selection-model.js';
import {
  candidateSources,
  selectionCandidates,
  sidedCandidates,
} from '../pipeline/select/select-codes.js';
import {
  createContextAnalyzer,
  type ContextTrigger,
} from '../pipeline/context/context-analyzer.js';
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
  /** Features; the last two (code and category reliability) are filled per fold. */
  readonly x: number[];
  /** 1 required gold, 0 not gold, −1 optional gold (never fitted, never scored). */
  readonly y: 1 | 0 | -1;
}

/** Trees for the selection model: a few hundred notes, a few thousand rows. */
export const SELECTION_BOOST: BoostOptions = { trees: 200, depth: 3, rate: 0.05, minLeaf: 20 };

/** The feature rows of every selection candidate of the notes (see `selectionCandidates`, `sidedCandidates`). */
export function selectionRows(
  notes: readonly SelectionNote[],
  codeSet: CodeSet,
  triggers: readonly ContextTrigger[],
): SelectionRow[] {
  const analyze = createContextAnalyzer(triggers);
  return notes.flatMap((note) => {
    const sections = detectSections(note.text);
    // As the selection weighs them: with the side the note names.
    const { candidates } = sidedCandidates(
      selectionCandidates(note.result, note.text, note.setting, sections, codeSet, analyze),
      note.text,
      codeSet,
    );
    const x = selectionFeatures(
      candidates.map((c) => c.suggestion),
      {
        text: note.text,
        sections,
        setting: note.setting,
        operating: note.operating,
        codeSet,
        sources: candidateSources(candidates),
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

/**
 * How far below the best F1 a threshold may score and still be taken for its precision: the F1 curve is
 * flat around its peak, and on that plateau a coder is better served by fewer codes to strike.
 */
export const F1_PLATEAU = 0.005;

/**
 * The operating threshold: the highest (most precise) threshold on a 0.01 grid whose micro F1 is within
 * {@link F1_PLATEAU} of the best, and the best F1.
 */
export function bestThreshold(
  rows: readonly { p: number; y: number }[],
  gold: number,
): { threshold: number; f1: number } {
  const grid: { threshold: number; f1: number }[] = [];
  for (let k = 5; k <= 95; k++) {
    grid.push({ threshold: k / 100, f1: f1At(rows, gold, k / 100) });
  }
  const best = grid.reduce((a, b) => (b.f1 > a.f1 + 1e-12 ? b : a), { threshold: 0.5, f1: -1 });
  const plateau = grid.filter((g) => g.f1 >= best.f1 - F1_PLATEAU - 1e-12);
  return { threshold: plateau.at(-1)?.threshold ?? best.threshold, f1: best.f1 };
}

/** Required ICD-10-CM gold codes of the notes (recall counts every one, suggested or not). */
function requiredGold(notes: readonly SelectionNote[]): Record<Setting, number> {
  const out: Record<Setting, number> = { outpatient: 0, inpatient: 0 };
  for (const n of notes) {
    out[n.setting] += n.gold.filter((g) => g.system === 'ICD-10-CM' && g.optional !== true).length;
  }
  return out;
}

type Table = Record<string, [number, number]>;

/** Coded and proposed counts per code of the labeled rows. */
function reliabilityTable(rows: readonly SelectionRow[]): Table {
  const table: Table = {};
  for (const r of rows) {
    if (r.y !== -1) {
      const t = (table[r.code] ??= [0, 0]);
      t[0] += r.y;
      t[1] += 1;
    }
  }
  return table;
}

/** Writes the code and category reliability features of `rows` from `table`. */
function fillReliability(rows: readonly SelectionRow[], table: Table): void {
  const categories = new Map<string, [number, number]>();
  for (const [code, [coded, proposed]] of Object.entries(table)) {
    const sum = categories.get(code.slice(0, 3)) ?? [0, 0];
    categories.set(code.slice(0, 3), [sum[0] + coded, sum[1] + proposed]);
  }
  const at = SELECTION_FEATURES.indexOf('codeReliability');
  for (const r of rows) {
    const own = table[r.code];
    const category = categories.get(r.code.slice(0, 3));
    r.x[at] = own === undefined ? 0 : usReliability(own[0], own[1]);
    r.x[at + 1] = category === undefined ? 0 : usReliability(category[0], category[1]);
  }
}

/** The rows grouped by note into `folds` folds (notes by position). */
function foldsOf(rows: readonly SelectionRow[], folds: number): SelectionRow[][] {
  const order = new Map<string, number>();
  for (const r of rows) {
    if (!order.has(r.note)) {
      order.set(r.note, order.size);
    }
  }
  const out: SelectionRow[][] = Array.from({ length: folds }, () => []);
  for (const r of rows) {
    out[(order.get(r.note) ?? 0) % folds]?.push(r);
  }
  return out;
}

/**
 * Fills the reliability features of `rows` out of fold (each fold's from the others' table) and fits
 * boosted trees on them: the trees learn how far a table they did not see can be trusted.
 */
function fitRows(rows: readonly SelectionRow[], folds: number): ReturnType<typeof fitBoosted> {
  const parts = foldsOf(rows, folds);
  parts.forEach((part, k) => {
    fillReliability(part, reliabilityTable(parts.filter((_, j) => j !== k).flat()));
  });
  const fit = rows.filter((r) => r.y !== -1);
  return fitBoosted(
    fit.map((r) => r.x),
    fit.map((r) => r.y),
    SELECTION_BOOST,
  );
}

/**
 * Fits the selection model: boosted trees on every labeled row (reliability features out of fold),
 * thresholds per setting from out-of-fold probabilities (notes in `folds` groups by position), so the
 * threshold is what the model achieves on notes it did not see; the reliability table of all rows.
 */
export function fitSelection(
  notes: readonly SelectionNote[],
  codeSet: CodeSet,
  triggers: readonly ContextTrigger[],
  options: { folds?: number; version: string; provenance: Record<string, string | number> },
): SelectionModel {
  const folds = options.folds ?? 5;
  const rows = selectionRows(notes, codeSet, triggers);
  const parts = foldsOf(rows, folds);
  const oof: { p: number; y: number; setting: Setting }[] = [];
  parts.forEach((held, k) => {
    const others = parts.filter((_, j) => j !== k).flat();
    const trees = fitRows(others, folds);
    fillReliability(held, reliabilityTable(others));
    for (const r of held) {
      oof.push({ p: scoreBoosted(r.x, trees), y: r.y, setting: r.setting });
    }
  });
  const gold = requiredGold(notes);
  const threshold = (setting: Setting): number =>
    bestThreshold(
      oof.filter((r) => r.setting === setting),
      gold[setting],
    ).threshold;
  const trees = fitRows(rows, folds);
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
    trees,
    thresholds: { outpatient: threshold('outpatient'), inpatient: threshold('inpatient') },
    reliability: reliabilityTable(rows),
  };
}
