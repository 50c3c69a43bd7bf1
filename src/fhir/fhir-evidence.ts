import type { Evidence } from '../core/types.js';
import type { Extension, Reference } from './fhir-types.js';

/** notecoder's extension: a span of the note (UTF-16 offsets into the submitted text) and its words. */
export const EVIDENCE_SPAN_URL = 'https://notecoder.dev/fhir/StructureDefinition/evidence-span';

/** One evidence span as the extension: start, end, the words. */
export function spanExtension(e: Evidence): Extension {
  return {
    url: EVIDENCE_SPAN_URL,
    extension: [
      { url: 'start', valueInteger: e.start },
      { url: 'end', valueInteger: e.end },
      ...(e.text.trim() === '' ? [] : [{ url: 'text', valueString: e.text }]),
      ...(e.section ? [{ url: 'section', valueString: e.section }] : []),
    ],
  };
}

/**
 * A reference to the note (its DocumentReference in the Bundle) that carries the spans: what a
 * Condition's `evidence.detail` points at.
 */
export function noteReference(
  note: string,
  spans: readonly Evidence[],
): Reference & {
  readonly extension: readonly Extension[];
} {
  const display = spans.map((e) => `"${e.text}" [${String(e.start)}, ${String(e.end)})`).join('; ');
  return {
    reference: note,
    ...(display.trim() === '' ? {} : { display }),
    extension: spans.map(spanExtension),
  };
}
