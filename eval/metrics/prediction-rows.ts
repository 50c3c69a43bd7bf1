import type { CodeSystem, Suggestion } from '../../src/core/types.js';
import type { Dataset } from '../datasets/dataset-types.js';

/** What became of one suggested code, judged at the operating threshold. */
export type Outcome = 'tp' | 'fp' | 'optional' | 'below-threshold';

/** One note's suggestions, gold codes and outcomes (`notecoder eval --predictions`). */
export interface PredictionRow {
  readonly id: string;
  readonly noteType?: string;
  readonly threshold: number;
  readonly gold: readonly { system: CodeSystem; code: string; optional: boolean }[];
  readonly suggestions: readonly {
    system: CodeSystem;
    code: string;
    title: string;
    confidence: number;
    outcome: Outcome;
    /** For `below-threshold`: whether the code is gold (required or optional). */
    gold: 'required' | 'optional' | null;
    evidence: string;
  }[];
  /** Required gold codes not suggested at or above the threshold (best confidence if suggested lower). */
  readonly missed: readonly { system: CodeSystem; code: string; confidence: number | null }[];
}

/**
 * Lays out each note's suggestions against its gold codes for error analysis. The rows quote evidence from
 * the notes (the user's own data, written to the user's own file), never anything else.
 * @param dataset - the labeled notes
 * @param predictions - suggestions by note id
 * @param threshold - the operating threshold the outcomes are judged at
 */
export function predictionRows(
  dataset: Dataset,
  predictions: ReadonlyMap<string, readonly Suggestion[]>,
  threshold: number,
): PredictionRow[] {
  return dataset.notes.map((note) => {
    const key = (system: string, code: string): string => `${system}|${code}`;
    const required = new Set(
      note.gold.filter((g) => g.optional !== true).map((g) => key(g.system, g.code)),
    );
    const optional = new Set(
      note.gold
        .filter((g) => g.optional === true && !required.has(key(g.system, g.code)))
        .map((g) => key(g.system, g.code)),
    );
    const best = new Map<string, Suggestion>();
    for (const s of predictions.get(note.id) ?? []) {
      const k = key(s.system, s.code);
      const previous = best.get(k);
      if (previous === undefined || s.confidence > previous.confidence) {
        best.set(k, s);
      }
    }
    const suggestions = [...best]
      .sort((a, b) => b[1].confidence - a[1].confidence)
      .map(([k, s]) => {
        const gold: 'required' | 'optional' | null = required.has(k)
          ? 'required'
          : optional.has(k)
            ? 'optional'
            : null;
        const outcome: Outcome =
          s.confidence < threshold
            ? 'below-threshold'
            : gold === 'required'
              ? 'tp'
              : gold === 'optional'
                ? 'optional'
                : 'fp';
        return {
          system: s.system,
          code: s.code,
          title: s.title,
          confidence: s.confidence,
          outcome,
          gold,
          evidence: s.evidence[0]?.text ?? '',
        };
      });
    const missed = [...required]
      .filter((k) => (best.get(k)?.confidence ?? -1) < threshold)
      .map((k) => {
        const at = k.indexOf('|');
        return {
          system: k.slice(0, at) as CodeSystem,
          code: k.slice(at + 1),
          confidence: best.get(k)?.confidence ?? null,
        };
      });
    return {
      id: note.id,
      ...(note.group === undefined ? {} : { noteType: note.group }),
      threshold,
      gold: note.gold.map((g) => ({
        system: g.system,
        code: g.code,
        optional: g.optional === true,
      })),
      suggestions,
      missed,
    };
  });
}
