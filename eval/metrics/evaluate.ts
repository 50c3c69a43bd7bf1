import type { CodeSet } from '../../src/codes/code-set.js';
import { coversCode } from '../../src/codes/covers-code.js';
import type { CodeSystem, Suggestion } from '../../src/core/types.js';
import type { Dataset } from '../datasets/dataset-types.js';
import { meanAveragePrecision, type RankedDoc } from './average-precision.js';
import { calibration, type ReliabilityBin } from './calibration.js';
import { prf, type Prf } from './prf.js';
import { scoreSets, type DocSets, type SetScores } from './set-metrics.js';
import { thresholdSweep, type CurvePoint, type ScoredPrediction } from './threshold-sweep.js';

/** Scores of one slice (a code system, the category level). */
export interface SliceScores {
  readonly micro: SetScores['micro'];
  readonly macro: Prf;
  readonly map: number;
  readonly gold: number;
  readonly predicted: number;
  readonly codes: number;
}

/** A frequent error, with one example. */
export interface ErrorRow {
  readonly system: CodeSystem;
  readonly code: string;
  readonly title: string;
  readonly count: number;
  readonly noteId: string;
  /** For false positives: the note words that produced the prediction. */
  readonly evidence?: string;
}

/** Everything `notecoder eval` reports. `--json` prints it; the HTML report draws it. */
export interface EvalSummary {
  readonly dataset: string;
  readonly format: Dataset['format'];
  readonly documents: number;
  readonly detector: string;
  readonly codeSet: string;
  /** CodiEsp MAP over all scored codes. */
  readonly map: number;
  readonly micro: SetScores['micro'];
  readonly macro: Prf;
  readonly bySystem: Partial<Record<CodeSystem, SliceScores>>;
  /** ICD-10-CM at the 3-character category level; null when the data has no ICD-10-CM codes. */
  readonly category: SliceScores | null;
  readonly ece: number;
  readonly reliability: readonly ReliabilityBin[];
  readonly bestThreshold: CurvePoint;
  readonly prCurve: readonly CurvePoint[];
  readonly goldCodesUnknown: {
    readonly count: number;
    readonly distinct: number;
    readonly examples: readonly string[];
  };
  readonly byChapter: readonly {
    chapter: string;
    title: string;
    gold: number;
    predicted: number;
    micro: Prf;
  }[];
  readonly topFalsePositives: readonly ErrorRow[];
  readonly topFalseNegatives: readonly ErrorRow[];
  /** Scores of the suggestions at or above the operating threshold (what a coder sees). */
  readonly operating: {
    readonly threshold: number;
    readonly micro: SetScores['micro'];
    readonly bySystem: Partial<Record<CodeSystem, SetScores['micro']>>;
  };
  /**
   * Optional gold codes (JSONL `"optional": true`): how many there were, and how many were suggested at
   * the operating threshold — those are neither true nor false positives, a missing one is no miss.
   */
  readonly optional: { readonly gold: number; readonly suggested: number };
  /** Scores at the operating threshold per note type (JSONL `specialty`, else `kind`), largest first. */
  readonly byNoteType: readonly NoteTypeScores[];
  /** Number of codes in the --score-only list, null when all codes are scored. */
  readonly scoreOnly: number | null;
  /** Gold codes met by a suggested code below them (`matchDescendants`), null when matching is exact. */
  readonly matchedDescendants: number | null;
  readonly warnings: readonly string[];
  readonly seconds: number;
}

/** Scores of the notes of one type, at the operating threshold. */
export interface NoteTypeScores {
  readonly noteType: string;
  readonly documents: number;
  readonly micro: SetScores['micro'];
  readonly bySystem: Partial<Record<CodeSystem, SetScores['micro']>>;
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  readonly detector: string;
  /** `SYSTEM|CODE` keys: only these are scored, in gold and predictions alike. */
  readonly scoreOnly?: ReadonlySet<string>;
  readonly topErrors?: number;
  readonly seconds?: number;
  /** Operating threshold for `operating` (default 0: every suggestion). */
  readonly threshold?: number;
  /**
   * A gold code that is not billable in the loaded code set — a category, or an older release's code
   * since split ("R51" → R51.0/R51.9) or written without its 7th character ("T14.8", "W19.XXX") — is
   * matched by the best-ranked suggestion below it that no other gold code claims.
   */
  readonly matchDescendants?: boolean;
}

const keyOf = (system: string, code: string): string => `${system}|${code}`;
const splitKey = (key: string): [CodeSystem, string] => {
  const at = key.indexOf('|');
  return [key.slice(0, at) as CodeSystem, key.slice(at + 1)];
};

interface DocView {
  readonly id: string;
  readonly group: string | undefined;
  readonly gold: Set<string>;
  /** Optional gold codes that are not also required; never scored. */
  readonly optional: ReadonlySet<string>;
  /** Best confidence of each optional code that was suggested. */
  readonly optionalSuggested: ReadonlyMap<string, number>;
  /** Key → best confidence and its evidence, in rank order. */
  readonly pred: Map<string, { confidence: number; evidence: string }>;
}

function slice(
  docs: readonly DocView[],
  keep: (key: string) => boolean,
  map: (key: string) => string = (k) => k,
): SliceScores {
  const sets: DocSets[] = [];
  const ranked: RankedDoc[] = [];
  for (const doc of docs) {
    const gold = new Set([...doc.gold].filter(keep).map(map));
    const order = [...doc.pred.entries()]
      .filter(([k]) => keep(k))
      .sort((a, b) => b[1].confidence - a[1].confidence);
    const predList = order.map(([k]) => map(k));
    sets.push({ gold, pred: new Set(predList) });
    ranked.push({ ranked: predList, gold });
  }
  const scores = scoreSets(sets);
  return {
    micro: scores.micro,
    macro: scores.macro,
    map: meanAveragePrecision(ranked),
    gold: scores.gold,
    predicted: scores.predicted,
    codes: scores.codes,
  };
}

/** Micro scores of each code system over some documents. */
function bySystemMicro(
  docs: readonly DocView[],
  systems: ReadonlySet<CodeSystem>,
): Partial<Record<CodeSystem, SetScores['micro']>> {
  const out: Partial<Record<CodeSystem, SetScores['micro']>> = {};
  for (const system of [...systems].sort()) {
    out[system] = slice(docs, (k) => k.startsWith(`${system}|`)).micro;
  }
  return out;
}

/**
 * Scores a detector's suggestions against a labeled dataset.
 * @param dataset - the labeled notes
 * @param predictions - suggestions by note id (a note without an entry predicted nothing)
 * @param codeSet - the loaded code set (titles, chapters, unknown-code counting)
 */
export function evaluate(
  dataset: Dataset,
  predictions: ReadonlyMap<string, readonly Suggestion[]>,
  codeSet: CodeSet,
  options: EvaluateOptions,
): EvalSummary {
  const scored = (key: string): boolean =>
    options.scoreOnly === undefined || options.scoreOnly.has(key);
  const unknown = new Map<string, number>();
  let matchedDescendants = 0;
  const docs: DocView[] = dataset.notes.map((note) => {
    const gold = new Set<string>();
    const optional = new Set<string>();
    for (const g of note.gold) {
      const key = keyOf(g.system, g.code);
      if (!scored(key)) {
        continue;
      }
      (g.optional === true ? optional : gold).add(key);
      if (codeSet.get(g.code, g.system) === undefined) {
        unknown.set(key, (unknown.get(key) ?? 0) + 1);
      }
    }
    for (const key of gold) {
      optional.delete(key);
    }
    const pred = new Map<string, { confidence: number; evidence: string }>();
    const optionalSuggested = new Map<string, number>();
    for (const s of predictions.get(note.id) ?? []) {
      const key = keyOf(s.system, s.code);
      if (optional.has(key)) {
        optionalSuggested.set(key, Math.max(s.confidence, optionalSuggested.get(key) ?? 0));
        continue;
      }
      const previous = pred.get(key);
      if (scored(key) && (previous === undefined || s.confidence > previous.confidence)) {
        pred.set(key, { confidence: s.confidence, evidence: s.evidence[0]?.text ?? '' });
      }
    }
    if (options.matchDescendants === true) {
      matchedDescendants += reconcile(gold, pred, codeSet);
    }
    return { id: note.id, group: note.group, gold, optional, optionalSuggested, pred };
  });

  const all = slice(docs, () => true);
  const systems = new Set<CodeSystem>();
  for (const doc of docs) {
    for (const key of [...doc.gold, ...doc.pred.keys()]) {
      systems.add(splitKey(key)[0]);
    }
  }
  const bySystem: Partial<Record<CodeSystem, SliceScores>> = {};
  for (const system of [...systems].sort()) {
    bySystem[system] = slice(docs, (k) => k.startsWith(`${system}|`));
  }
  const isIcd = (k: string): boolean => k.startsWith('ICD-10-CM|');
  const category = systems.has('ICD-10-CM')
    ? slice(docs, isIcd, (k) => k.slice(0, 'ICD-10-CM|'.length + 3))
    : null;

  const scoredPredictions: ScoredPrediction[] = docs.flatMap((doc) =>
    [...doc.pred].map(([key, p]) => ({ confidence: p.confidence, correct: doc.gold.has(key) })),
  );
  const sweep = thresholdSweep(scoredPredictions, all.gold);
  const calib = calibration(scoredPredictions);

  const chapterOf = new Map<string, { id: string; title: string }>();
  const chapter = (key: string): { id: string; title: string } => {
    const [system, code] = splitKey(key);
    if (system !== 'ICD-10-CM') {
      return { id: system, title: 'all codes' };
    }
    const category3 = code.slice(0, 3);
    let found = chapterOf.get(category3);
    if (found === undefined) {
      const info = codeSet.get(code, 'ICD-10-CM') ?? codeSet.get(category3, 'ICD-10-CM');
      found =
        info?.system === 'ICD-10-CM' && info.chapter
          ? info.chapter
          : { id: '?', title: 'not in the loaded code set' };
      chapterOf.set(category3, found);
    }
    return found;
  };
  const chapters = new Map<
    string,
    { title: string; tp: number; fp: number; fn: number; gold: number; predicted: number }
  >();
  const tally = (
    key: string,
  ): { title: string; tp: number; fp: number; fn: number; gold: number; predicted: number } => {
    const c = chapter(key);
    let row = chapters.get(c.id);
    if (row === undefined) {
      row = { title: c.title, tp: 0, fp: 0, fn: 0, gold: 0, predicted: 0 };
      chapters.set(c.id, row);
    }
    return row;
  };
  const fps = new Map<string, { count: number; noteId: string; evidence: string }>();
  const fns = new Map<string, { count: number; noteId: string }>();
  for (const doc of docs) {
    for (const [key, p] of doc.pred) {
      const row = tally(key);
      row.predicted++;
      if (doc.gold.has(key)) {
        row.tp++;
      } else {
        row.fp++;
        const e = fps.get(key) ?? { count: 0, noteId: doc.id, evidence: p.evidence };
        e.count++;
        fps.set(key, e);
      }
    }
    for (const key of doc.gold) {
      const row = tally(key);
      row.gold++;
      if (!doc.pred.has(key)) {
        row.fn++;
        const e = fns.get(key) ?? { count: 0, noteId: doc.id };
        e.count++;
        fns.set(key, e);
      }
    }
  }
  const title = (system: CodeSystem, code: string): string =>
    codeSet.get(code, system)?.title ?? '(not in the loaded code set)';
  const top = <T extends { count: number; noteId: string }>(map: Map<string, T>): ErrorRow[] =>
    [...map]
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.topErrors ?? 20)
      .map(([key, v]) => {
        const [system, code] = splitKey(key);
        const evidence =
          'evidence' in v && typeof v.evidence === 'string'
            ? { evidence: v.evidence.slice(0, 120) }
            : {};
        return {
          system,
          code,
          title: title(system, code),
          count: v.count,
          noteId: v.noteId,
          ...evidence,
        };
      });
  const threshold = options.threshold ?? 0;
  const above: DocView[] = docs.map((d) => ({
    ...d,
    pred: new Map([...d.pred].filter(([, p]) => p.confidence >= threshold)),
  }));
  const operatingBySystem = bySystemMicro(above, systems);
  const groups = new Map<string, DocView[]>();
  for (const doc of above) {
    if (doc.group !== undefined) {
      groups.set(doc.group, [...(groups.get(doc.group) ?? []), doc]);
    }
  }
  const byNoteType: NoteTypeScores[] = [...groups]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([noteType, group]) => ({
      noteType,
      documents: group.length,
      micro: slice(group, () => true).micro,
      bySystem: bySystemMicro(group, systems),
    }));
  let optionalGold = 0;
  let optionalSuggested = 0;
  for (const doc of docs) {
    optionalGold += doc.optional.size;
    for (const confidence of doc.optionalSuggested.values()) {
      optionalSuggested += confidence >= threshold ? 1 : 0;
    }
  }
  // At most ~100 curve points: enough for a chart, small enough for --json.
  const step = Math.max(1, Math.ceil(sweep.curve.length / 100));
  const prCurve = sweep.curve.filter((_, i) => i % step === 0 || i === sweep.curve.length - 1);
  return {
    dataset: dataset.name,
    format: dataset.format,
    documents: dataset.notes.length,
    detector: options.detector,
    codeSet: codeSet.versions.codeSet,
    map: all.map,
    micro: all.micro,
    macro: all.macro,
    bySystem,
    category,
    ece: calib.ece,
    reliability: calib.table,
    bestThreshold: sweep.best,
    prCurve,
    goldCodesUnknown: {
      count: [...unknown.values()].reduce((a, b) => a + b, 0),
      distinct: unknown.size,
      examples: [...unknown.keys()].slice(0, 20).map((k) => splitKey(k)[1]),
    },
    byChapter: [...chapters]
      .map(([id, c]) => ({
        chapter: id,
        title: c.title,
        gold: c.gold,
        predicted: c.predicted,
        micro: prf(c.tp, c.fp, c.fn),
      }))
      .sort((a, b) => b.gold - a.gold),
    topFalsePositives: top(fps),
    topFalseNegatives: top(fns),
    operating: { threshold, micro: slice(above, () => true).micro, bySystem: operatingBySystem },
    optional: { gold: optionalGold, suggested: optionalSuggested },
    byNoteType,
    scoreOnly: options.scoreOnly?.size ?? null,
    matchedDescendants: options.matchDescendants === true ? matchedDescendants : null,
    warnings: dataset.warnings,
    seconds: options.seconds ?? 0,
  };
}

/**
 * Rewrites each gold code that is not billable in the code set to the best-ranked suggestion of the same
 * system below it (see `matchDescendants`), one suggestion per gold code, so the code a coder of an
 * older release could not be more specific than counts once, as a hit, at the rank it was suggested.
 * @returns how many gold codes were rewritten
 */
function reconcile(
  gold: Set<string>,
  pred: ReadonlyMap<string, { confidence: number }>,
  codeSet: CodeSet,
): number {
  let rewritten = 0;
  const ranked = [...pred].sort((a, b) => b[1].confidence - a[1].confidence).map(([k]) => k);
  const claimed = new Set<string>();
  for (const key of [...gold]) {
    const [system, code] = splitKey(key);
    if (system !== 'ICD-10-CM') {
      continue;
    }
    const hit = ranked.find(
      (k) =>
        k.startsWith('ICD-10-CM|') &&
        !gold.has(k) &&
        !claimed.has(k) &&
        coversCode(codeSet, code, splitKey(k)[1]),
    );
    if (hit !== undefined) {
      claimed.add(hit);
      gold.delete(key);
      gold.add(hit);
      rewritten++;
    }
  }
  return rewritten;
}
