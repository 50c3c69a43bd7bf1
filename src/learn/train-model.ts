import type { CodeSet } from '../codes/code-set.js';
import { coversCode } from '../codes/covers-code.js';
import type { Knowledge } from '../pipeline/knowledge.js';
import type { LearnedModel } from '../pipeline/learned/learned-model.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { FEATURES, TAGGER_FEATURES, reliabilityFeature } from '../pipeline/scorer/features.js';
import type { TagResult } from '../pipeline/tagger/tag-result.js';
import { logit, plainScore, scoreBoosted, scoreFeatures } from '../pipeline/scorer/score.js';

/** The pipeline's default floor (candidates below it skip the trees; see createPipeline). */
const FLOOR = 0.02;
import { fitBoosted } from './fit-boosted.js';
import type { EvidencedDoc } from './codiesp-evidence.js';
import { fitLogistic } from './fit-logistic.js';
import { mineAssociations } from './mine-associations.js';

/** Options of {@link trainModel}. */
export interface TrainOptions {
  /** Cross-fitting folds (default 5). */
  readonly folds?: number;
  readonly onProgress?: (step: string) => void;
  /**
   * Out-of-fold tagger output per note id (each note tagged by a tagger trained without it) and the
   * shipped tagger's version: the scorer is then fitted a second time with the tagger's features.
   */
  readonly tagger?: { readonly version: string; readonly tags: ReadonlyMap<string, TagResult> };
  /**
   * Refit only the tagger's stacked scorer on top of this model (its associations, scorer, trees and
   * threshold kept as they are): after retraining the tagger, the dictionary-only results stay put.
   */
  readonly keep?: LearnedModel;
  /**
   * What the notes are, for the model's provenance, and the version's prefix (default: CodiEsp train
   * alone, `codiesp-train`).
   */
  readonly dataset?: { readonly description: string; readonly name: string };
}

const CODIESP = 'CodiEsp train (English MT), CC BY 4.0, Miranda-Escalada et al., CLEF eHealth 2020';

interface FittedScorer {
  readonly scorer: LearnedModel['scorer'];
  /** Absent for the tagger's stacked scorer. */
  readonly boosted?: NonNullable<LearnedModel['boosted']>;
  readonly threshold: number;
  readonly bestF1: number;
  readonly candidates: number;
  readonly positives: number;
  readonly reliability: Record<string, [number, number]>;
}

/**
 * Fits the learned model on labeled, evidenced training notes: term → code associations on all of
 * them, and the scorer on out-of-fold features (associations and priors mined without the note being
 * scored, so the scorer learns how much to trust them on unseen notes) — which also calibrates it.
 * @param docs - training notes (CodiEsp train; never dev or test)
 * @param knowledge - code set and lexicons (any learned model in it is ignored)
 */
export function trainModel(
  docs: readonly EvidencedDoc[],
  knowledge: Knowledge,
  options: TrainOptions = {},
): LearnedModel {
  const folds = options.folds ?? 5;
  // Fitting starts from the dictionary and rules alone: any shipped model is left out.
  const base: Knowledge = {
    codeSet: knowledge.codeSet,
    triggers: knowledge.triggers,
    abbreviations: knowledge.abbreviations,
    variants: knowledge.variants,
    guidelines: knowledge.guidelines,
    services: knowledge.services,
  };
  const pipeline = createPipeline(base);
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : 1));
  /** The tagger's scorer, stacked on `plain` (fitted on the same out-of-fold candidates). */
  const fitTagged = (
    tagger: NonNullable<TrainOptions['tagger']>,
    plain: FittedScorer,
  ): FittedScorer =>
    fitScorer(
      pipeline,
      knowledge.codeSet,
      sorted,
      folds,
      tagger.tags,
      (step) => options.onProgress?.(`with tagger: ${step}`),
      plain,
    );
  if (options.keep !== undefined) {
    return refitTagged(options.keep, options.tagger, fitTagged);
  }
  const plain = fitScorer(
    pipeline,
    knowledge.codeSet,
    sorted,
    folds,
    undefined,
    options.onProgress,
  );
  const tagged = options.tagger === undefined ? undefined : fitTagged(options.tagger, plain);
  return {
    version: `${options.dataset?.name ?? 'codiesp-train'}-${sorted.length}`,
    provenance: {
      dataset: options.dataset?.description ?? CODIESP,
      documents: sorted.length,
      folds,
      candidates: plain.candidates,
      positives: plain.positives,
      trainF1AtThreshold: Math.round(plain.bestF1 * 1000) / 1000,
      ...(tagged === undefined
        ? {}
        : { taggedTrainF1AtThreshold: Math.round(tagged.bestF1 * 1000) / 1000 }),
    },
    associations: { ...mineAssociations(sorted), reliability: plain.reliability },
    scorer: plain.scorer,
    ...(plain.boosted === undefined ? {} : { boosted: plain.boosted }),
    threshold: plain.threshold,
    ...(tagged === undefined || options.tagger === undefined
      ? {}
      : {
          tagged: {
            tagger: options.tagger.version,
            scorer: tagged.scorer,
            threshold: tagged.threshold,
          },
        }),
  };
}

/** {@link trainModel} with `keep`: only the tagged scorer is fitted, stacked on the kept one. */
function refitTagged(
  keep: LearnedModel,
  tagger: TrainOptions['tagger'],
  fitTagged: (tagger: NonNullable<TrainOptions['tagger']>, plain: FittedScorer) => FittedScorer,
): LearnedModel {
  if (tagger === undefined) {
    throw new Error('refitting the tagged scorer alone needs the tagger’s out-of-fold output');
  }
  const tagged = fitTagged(tagger, {
    scorer: keep.scorer,
    ...(keep.boosted === undefined ? {} : { boosted: keep.boosted }),
    threshold: keep.threshold,
    bestF1: Number(keep.provenance.trainF1AtThreshold ?? 0),
    candidates: 0,
    positives: 0,
    reliability: {}, // unused: the kept model keeps its own table
  });
  return {
    ...keep,
    provenance: {
      ...keep.provenance,
      taggedTrainF1AtThreshold: Math.round(tagged.bestF1 * 1000) / 1000,
    },
    tagged: { tagger: tagger.version, scorer: tagged.scorer, threshold: tagged.threshold },
  };
}

/**
 * Out-of-fold candidate features of every training note, then the logistic scorer, boosted trees and
 * operating threshold fitted on them — or, with the tagger, a logistic model stacked on the plain scorer.
 * @param tags - tagger output per note: the tagger's features are appended (and its mentions added)
 * @param stackOn - the plain scorer the tagger's scorer is stacked on (with `tags`)
 */
function fitScorer(
  pipeline: ReturnType<typeof createPipeline>,
  codeSet: CodeSet,
  sorted: readonly EvidencedDoc[],
  folds: number,
  tags: ReadonlyMap<string, TagResult> | undefined,
  onProgress: ((step: string) => void) | undefined,
  stackOn?: FittedScorer,
): FittedScorer {
  const x: number[][] = [];
  const y: number[] = [];
  const rowFold: number[] = [];
  const rowCode: string[] = [];
  for (let k = 0; k < folds; k++) {
    onProgress?.(`fold ${k + 1}/${folds}`);
    const held = sorted.filter((_, i) => i % folds === k);
    const associations = mineAssociations(sorted.filter((_, i) => i % folds !== k));
    for (const doc of held) {
      const gold = new Set(doc.gold);
      // A label the FY2026 code set cannot bill (CodiEsp's 2018 "R51", "T14.8") is right for the
      // codes below it: the scorer must not learn that R51.9 is wrong where a coder wrote R51.
      const right = (code: string): boolean =>
        gold.has(code) || doc.gold.some((g) => coversCode(codeSet, g, code));
      const docTags = tags?.get(doc.id);
      for (const c of pipeline.features(
        { id: doc.id, text: doc.text, setting: 'inpatient' },
        { associations, ...(docTags === undefined ? {} : { tags: docTags }) },
      )) {
        x.push([...c.features]);
        y.push(right(c.code) ? 1 : 0);
        rowFold.push(k);
        rowCode.push(c.code);
      }
    }
  }
  // Per-code reliability, itself out of fold: a row's value comes from the other folds' rows.
  const tally = (keep: (i: number) => boolean): Record<string, [number, number]> => {
    const table: Record<string, [number, number]> = {};
    rowCode.forEach((code, i) => {
      if (keep(i)) {
        const t = (table[code] ??= [0, 0]);
        t[0] += y[i] ?? 0;
        t[1] += 1;
      }
    });
    return table;
  };
  const codeColumn = FEATURES.indexOf('codeReliability');
  const categoryColumn = FEATURES.indexOf('categoryReliability');
  for (let k = 0; k < folds; k++) {
    const table = tally((i) => rowFold[i] !== k);
    const byCategory = new Map<string, [number, number]>();
    for (const [code, [right, proposed]] of Object.entries(table)) {
      const sum = byCategory.get(code.slice(0, 3)) ?? [0, 0];
      byCategory.set(code.slice(0, 3), [sum[0] + right, sum[1] + proposed]);
    }
    rowCode.forEach((code, i) => {
      const row = x[i];
      if (rowFold[i] === k && row !== undefined) {
        const own = table[code];
        const category = byCategory.get(code.slice(0, 3));
        row[codeColumn] = own === undefined ? 0 : reliabilityFeature(own[0], own[1]);
        row[categoryColumn] =
          category === undefined ? 0 : reliabilityFeature(category[0], category[1]);
      }
    });
  }
  let scorer: LearnedModel['scorer'];
  let boosted: LearnedModel['boosted'];
  let probabilities: number[];
  if (stackOn !== undefined) {
    // The tagger adjusts the plain scorer's calibrated log-odds (as the pipeline computes them).
    const stacked = x.map((row) => [
      logit(plainScore(row.slice(0, FEATURES.length), stackOn.scorer, stackOn.boosted, FLOOR)),
      ...row.slice(FEATURES.length),
    ]);
    onProgress?.(`fitting the stacked scorer on ${x.length} candidates`);
    scorer = fitLogistic(stacked, y, ['plainLogit', ...TAGGER_FEATURES]);
    const fitted = scorer;
    probabilities = stacked.map((row) => scoreFeatures(row, fitted));
  } else {
    onProgress?.(`fitting the scorer on ${x.length} candidates`);
    scorer = fitLogistic(x, y, FEATURES);
    onProgress?.('fitting boosted trees');
    const trees = fitBoosted(x, y);
    boosted = trees;
    probabilities = x.map((row) => scoreBoosted(row, trees));
  }
  // Operating threshold: best micro-F1 of the out-of-fold candidates (recall over all gold codes).
  const goldTotal = sorted.reduce((a, d) => a + d.gold.length, 0);
  const scored = probabilities.map((p, i) => [p, y[i] ?? 0] as const).sort((a, b) => b[0] - a[0]);
  let tp = 0;
  let bestF1 = 0;
  let threshold = 0.5;
  scored.forEach(([p, label], i) => {
    tp += label;
    const f1 = (2 * tp) / (i + 1 + goldTotal);
    if (f1 > bestF1 && scored[i + 1]?.[0] !== p) {
      bestF1 = f1;
      threshold = Math.round(p * 1000) / 1000;
    }
  });
  return {
    scorer,
    ...(boosted === undefined ? {} : { boosted }),
    threshold,
    bestF1,
    candidates: x.length,
    positives: y.reduce((a, b) => a + b, 0),
    reliability: tally(() => true),
  };
}
