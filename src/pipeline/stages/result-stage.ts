import type { Suppressed } from '../../core/types.js';
import { detectorName } from '../detector-name.js';
import { resultWarning } from '../../core/result-warnings.js';
import { resultVersions } from '../result-versions.js';
import type { Knowledge } from '../knowledge.js';
import { dedupeEvidence, suppressedAs, toSuggestion } from '../to-suggestion.js';
import type { Stage } from './stage.js';

/** Options of {@link createResultStage}. */
export interface ResultStageOptions {
  /** Below this confidence a code is neither suggested nor listed as suppressed. */
  readonly floor: number;
}

/**
 * The result: its two lists, each best first — the kept codes at or above the floor as suggestions
 * (evidence, assertion, section, modifiers, reasons), and the suppressed ones with the rule's reason and
 * the words that triggered it — and the versions that made them.
 * @param knowledge - the code set's and the learned model's versions
 */
export function createResultStage(knowledge: Knowledge, options: ResultStageOptions): Stage {
  const { floor } = options;
  const detector = detectorName(knowledge);
  const tagged = knowledge.learned?.tagged;
  return (doc) => {
    const suggestions = doc.kept
      .filter((c) => c.confidence >= floor)
      .sort((a, b) => b.confidence - a.confidence)
      .map(toSuggestion);
    const suppressed = doc.dropped
      .filter((d) => d.candidate.confidence >= floor)
      .map((d): Suppressed => {
        const s = toSuggestion(d.candidate);
        const evidence = s.evidence.slice();
        for (const m of d.candidate.mentions) {
          if (m.trigger) {
            evidence.push(m.trigger);
          }
        }
        const reasons = [d.detail];
        for (const r of s.reasons) {
          reasons.push(r);
        }
        return suppressedAs(s, dedupeEvidence(evidence), reasons, d.reason);
      })
      .sort((a, b) => b.confidence - a.confidence);
    const made = resultVersions(
      knowledge.codeSet.versions,
      detector,
      doc.tags === undefined ? 'off' : (tagged?.tagger ?? 'unfitted'),
    );
    const warnings = [
      ...(made.warnings ?? []),
      ...(doc.readable ? [] : [resultWarning('UNSUPPORTED_TEXT')]),
    ];
    doc.result = {
      noteId: doc.note.id,
      suggestions,
      suppressed,
      versions: made.versions,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  };
}
