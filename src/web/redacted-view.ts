import type { Redaction } from '../core/redaction-types.js';
import type { DetectResult, Evidence, Note } from '../core/types.js';

/**
 * Where an offset of the submitted note falls in the redacted text: after every replacement before
 * it, and at a replacement's start (`edge` 'start') or end ('end') when inside the span it replaced.
 */
export function redactedOffset(
  redaction: Redaction,
  offset: number,
  edge: 'start' | 'end',
): number {
  let shift = 0;
  for (const s of redaction.spans) {
    if (s.end <= offset) {
      shift += s.replacement.length - (s.end - s.start);
    } else if (s.start < offset) {
      return s.start + shift + (edge === 'end' ? s.replacement.length : 0);
    } else {
      break;
    }
  }
  return offset + shift;
}

/**
 * What the page shows and exports for a redacted result: the redacted note instead of the one
 * submitted (which the page then drops), with every evidence span moved onto it. Results without
 * `redacted` pass through.
 */
export function redactedView(
  note: Note,
  result: DetectResult,
): { note: Note; result: DetectResult } {
  const redaction = result.redacted;
  if (redaction === undefined) {
    return { note, result };
  }
  const move = (e: Evidence): Evidence => ({
    ...e,
    start: redactedOffset(redaction, e.start, 'start'),
    end: redactedOffset(redaction, e.end, 'end'),
  });
  return {
    note: { ...note, text: redaction.text },
    result: {
      ...result,
      suggestions: result.suggestions.map((s) => ({ ...s, evidence: s.evidence.map(move) })),
      suppressed: result.suppressed.map((s) => ({ ...s, evidence: s.evidence.map(move) })),
    },
  };
}
