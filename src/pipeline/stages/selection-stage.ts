import type { Suppressed } from '../../core/types.js';
import { dedupeEvidence, toSuggestion } from '../to-suggestion.js';
import type { Stage } from './stage.js';

/** Options of {@link createSelectionStage}. */
export interface SelectionStageOptions {
  /** Below this confidence a code is neither suggested nor listed as suppressed. */
  readonly floor: number;
}

/**
 * Selection: the result's two lists, each best first — the kept codes at or above the floor as
 * suggestions (evidence, assertion, section, modifiers, reasons), and the suppressed ones with the rule's
 * reason and the words that triggered it.
 */
export function createSelectionStage(options: SelectionStageOptions): Stage {
  const { floor } = options;
  return (doc) => {
    doc.suggestions = doc.kept
      .filter((c) => c.confidence >= floor)
      .sort((a, b) => b.confidence - a.confidence)
      .map(toSuggestion);
    doc.suppressed = doc.dropped
      .filter((d) => d.candidate.confidence >= floor)
      .map((d): Suppressed => {
        const s = toSuggestion(d.candidate);
        const triggers = d.candidate.mentions.flatMap((m) => (m.trigger ? [m.trigger] : []));
        return {
          ...s,
          evidence: dedupeEvidence([...s.evidence, ...triggers]),
          reason: d.reason,
          reasons: [d.detail, ...s.reasons],
        };
      })
      .sort((a, b) => b.confidence - a.confidence);
  };
}
