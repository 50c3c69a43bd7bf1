import { PHI_TYPES, type PhiSpan, type PhiType } from '../../src/core/redaction-types.js';
import type { Prf } from '../metrics/prf.js';

/**
 * P/R/F1 of one type (or of all), with the counts behind them: recall = found / gold, precision =
 * right / predicted.
 */
export interface PhiScore extends Prf {
  /** Gold units (tokens or spans) of this type. */
  readonly gold: number;
  /** Gold units found. */
  readonly found: number;
  /** Predicted units of this type. */
  readonly predicted: number;
  /** Predicted units that are right. */
  readonly right: number;
}

/** A gold span not wholly found, or a predicted span outside every gold span: positions only. */
export interface PhiError {
  readonly noteId: string;
  readonly type: PhiType;
  readonly start: number;
  readonly end: number;
  /** Tokens of the span that were missed (misses) or that lie outside gold PHI (false positives). */
  readonly tokens: number;
}

/** Everything `notecoder eval --task phi` reports. */
export interface PhiSummary {
  readonly dataset: string;
  readonly documents: number;
  readonly goldSpans: number;
  readonly predictedSpans: number;
  /**
   * Token level (what redaction is for): a gold token is found when a predicted span of any type
   * covers it; a predicted token is right when a gold span covers it. Per type: recall by the gold
   * token's type, precision by the predicted span's type.
   */
  readonly token: { readonly overall: PhiScore; readonly byType: Record<PhiType, PhiScore> };
  /** The same, but a gold token counts as found only under a predicted span of its own type. */
  readonly tokenTyped: { readonly overall: PhiScore; readonly byType: Record<PhiType, PhiScore> };
  /** Span level, exact: same start, end and type. */
  readonly span: { readonly overall: PhiScore; readonly byType: Record<PhiType, PhiScore> };
  readonly misses: readonly PhiError[];
  readonly falsePositives: readonly PhiError[];
  readonly seconds: number;
}

/** Words and numbers: "(555) 123-4567" is three tokens, "Ruiz's" one. */
const TOKEN = /[A-Za-z0-9]+/g;

function tokens(text: string): [number, number][] {
  const out: [number, number][] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** For each token, the type of the span that wholly covers it (or undefined). */
function coverage(
  toks: readonly [number, number][],
  spans: readonly PhiSpan[],
): (PhiType | undefined)[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: (PhiType | undefined)[] = new Array<PhiType | undefined>(toks.length).fill(undefined);
  let k = 0;
  toks.forEach(([s, e], i) => {
    while (k < sorted.length && (sorted[k]?.end ?? 0) <= s) {
      k++;
    }
    for (let j = k; j < sorted.length && (sorted[j]?.start ?? 0) <= s; j++) {
      const span = sorted[j];
      if (span !== undefined && span.start <= s && span.end >= e) {
        out[i] = span.type;
        break;
      }
    }
  });
  return out;
}

interface Count {
  gold: number;
  found: number;
  predicted: number;
  right: number;
}
type Counts = Record<PhiType | 'ALL', Count>;
const emptyCounts = (): Counts =>
  Object.fromEntries(
    [...PHI_TYPES, 'ALL'].map((t) => [t, { gold: 0, found: 0, predicted: 0, right: 0 }]),
  ) as Counts;

function one(c: Count): PhiScore {
  const p = c.predicted === 0 ? 0 : c.right / c.predicted;
  const r = c.gold === 0 ? 0 : c.found / c.gold;
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), ...c };
}

function score(c: Counts): { overall: PhiScore; byType: Record<PhiType, PhiScore> } {
  return {
    overall: one(c.ALL),
    byType: Object.fromEntries(PHI_TYPES.map((t) => [t, one(c[t])])) as Record<PhiType, PhiScore>,
  };
}

/** Adds one gold unit (g) and one predicted unit (p) to the counts; `same` says they match. */
function count(
  c: Counts,
  g: PhiType | undefined,
  p: PhiType | undefined,
  found: boolean,
  right: boolean,
): void {
  if (g !== undefined) {
    c[g].gold += 1;
    c.ALL.gold += 1;
    c[g].found += found ? 1 : 0;
    c.ALL.found += found ? 1 : 0;
  }
  if (p !== undefined) {
    c[p].predicted += 1;
    c.ALL.predicted += 1;
    c[p].right += right ? 1 : 0;
    c.ALL.right += right ? 1 : 0;
  }
}

/**
 * Scores predicted PHI spans against gold ones.
 * @param notes - per note: id, text, gold spans and predicted spans
 */
export function scorePhi(
  dataset: string,
  notes: readonly {
    id: string;
    text: string;
    gold: readonly PhiSpan[];
    predicted: readonly PhiSpan[];
  }[],
  seconds: number,
): PhiSummary {
  const token = emptyCounts();
  const typed = emptyCounts();
  const span = emptyCounts();
  const misses: PhiError[] = [];
  const falsePositives: PhiError[] = [];
  let goldSpans = 0;
  let predictedSpans = 0;
  for (const note of notes) {
    goldSpans += note.gold.length;
    predictedSpans += note.predicted.length;
    const toks = tokens(note.text);
    const gold = coverage(toks, note.gold);
    const pred = coverage(toks, note.predicted);
    gold.forEach((g, i) => {
      const p = pred[i];
      count(token, g, p, p !== undefined, g !== undefined);
      count(typed, g, p, p === g, p === g);
    });
    const tokensIn = (
      s: PhiSpan,
      covered: readonly (PhiType | undefined)[],
      want: boolean,
    ): number =>
      toks.filter(([a, b], i) => a >= s.start && b <= s.end && (covered[i] !== undefined) === want)
        .length;
    for (const g of note.gold) {
      const missed = tokensIn(g, pred, false);
      if (missed > 0) {
        misses.push({ noteId: note.id, type: g.type, start: g.start, end: g.end, tokens: missed });
      }
    }
    for (const p of note.predicted) {
      const outside = tokensIn(p, gold, false);
      if (outside > 0) {
        falsePositives.push({
          noteId: note.id,
          type: p.type,
          start: p.start,
          end: p.end,
          tokens: outside,
        });
      }
    }
    const key = (s: PhiSpan): string => `${s.start}:${s.end}:${s.type}`;
    const goldKeys = new Set(note.gold.map(key));
    const predKeys = new Set(note.predicted.map(key));
    for (const s of note.predicted) {
      count(span, undefined, s.type, false, goldKeys.has(key(s)));
    }
    for (const s of note.gold) {
      count(span, s.type, undefined, predKeys.has(key(s)), false);
    }
  }
  return {
    dataset,
    documents: notes.length,
    goldSpans,
    predictedSpans,
    token: score(token),
    tokenTyped: score(typed),
    span: score(span),
    misses,
    falsePositives,
    seconds,
  };
}
