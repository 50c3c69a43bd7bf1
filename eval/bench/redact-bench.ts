import type { Detector } from '../../src/core/types.js';
import type { Redactor } from '../../src/redact/redactor.js';

/** What redaction adds to detection, per note. */
export interface RedactionOverhead {
  readonly notes: number;
  /** Mean milliseconds per note: the dictionary path (pipeline without tagger), redaction. */
  readonly pipelineMs: number;
  readonly redactMs: number;
  /** redactMs / pipelineMs, in percent (target ≤ 20). */
  readonly overheadPct: number;
}

/**
 * Times the pipeline and the redactor note by note in one interleaved loop (the order alternating
 * each round), so the machine's drift in speed falls on both alike; after a warm-up pass.
 */
export function benchRedaction(
  notes: readonly { id: string; text: string }[],
  pipeline: Detector,
  redactor: Redactor,
  rounds = 4,
): RedactionOverhead {
  const detect = (n: { id: string; text: string }): void =>
    void pipeline.detect({ id: n.id, text: n.text, setting: 'inpatient' });
  const redact = (n: { text: string }): void => void redactor.redact(n.text);
  for (const n of notes) {
    detect(n);
    redact(n);
  }
  let pipelineMs = 0;
  let redactMs = 0;
  for (let r = 0; r < rounds; r++) {
    for (const n of notes) {
      const first = r % 2 === 0;
      const t0 = performance.now();
      if (first) {
        detect(n);
      } else {
        redact(n);
      }
      const t1 = performance.now();
      if (first) {
        redact(n);
      } else {
        detect(n);
      }
      const t2 = performance.now();
      pipelineMs += first ? t1 - t0 : t2 - t1;
      redactMs += first ? t2 - t1 : t1 - t0;
    }
  }
  const count = notes.length * rounds;
  return {
    notes: notes.length,
    pipelineMs: pipelineMs / count,
    redactMs: redactMs / count,
    overheadPct: (100 * redactMs) / pipelineMs,
  };
}
