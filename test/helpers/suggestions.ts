import type { Assertion, DetectResult, Suggestion } from '../../src/core/types.js';

/** How a test suggestion differs from the default: an ICD-10-CM code, present, read from "words" at 0. */
export interface SuggestionSpec {
  readonly system?: Suggestion['system'];
  readonly assertion?: Assertion;
  /** Where its one evidence span starts, and its words. */
  readonly start?: number;
  readonly text?: string;
}

/** A suggestion as the selection's conventions receive it, titled by its code, with no reasons yet. */
export function suggestion(
  code: string,
  confidence: number,
  spec: SuggestionSpec = {},
): Suggestion {
  const start = spec.start ?? 0;
  const text = spec.text ?? 'words';
  return {
    code,
    system: spec.system ?? 'ICD-10-CM',
    title: code,
    confidence,
    evidence: [{ start, end: start + text.length, text }],
    assertion: spec.assertion ?? 'present',
    reasons: [],
  };
}

/** A billing result of these suggestions, with nothing suppressed. */
export function detectResult(...suggestions: Suggestion[]): DetectResult {
  return {
    noteId: 'n',
    suggestions,
    suppressed: [],
    versions: { codeSet: 'test', lexiconOnly: false, detector: 'test' },
  };
}
