import type { PhiSpan, PhiType } from '../core/redaction-types.js';

/** Which type an overlap of two finds takes: the more specific structure wins ("St. Mary's Hospital"). */
const PRIORITY: Readonly<Record<PhiType, number>> = {
  LOCATION: 6,
  CONTACT: 5,
  ID: 4,
  DATE: 3,
  AGE: 2,
  NAME: 1,
};

/**
 * Overlapping spans become one (their union), typed by the highest-priority part; the result is
 * sorted and disjoint, so replacing each span leaves no PHI between two replacements.
 */
export function mergeSpans(spans: readonly PhiSpan[]): PhiSpan[] {
  const sorted = [...spans]
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhiSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start < last.end) {
      out[out.length - 1] = {
        start: last.start,
        end: Math.max(last.end, s.end),
        type: PRIORITY[s.type] > PRIORITY[last.type] ? s.type : last.type,
      };
    } else {
      out.push(s);
    }
  }
  return out;
}
