import type { Detector } from '../../src/core/types.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { LabeledNote } from '../datasets/dataset-types.js';
import { percentile } from './percentile.js';

/** Throughput of one detector over a set of notes, on this one thread. */
export interface ThroughputResult {
  readonly notes: number;
  readonly notesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Notes per second and latency percentiles of timed runs that began at `started`. */
function summarize(times: readonly number[], started: number): ThroughputResult {
  const seconds = (performance.now() - started) / 1000;
  return {
    notes: times.length,
    notesPerSecond: times.length / seconds,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

/** Times `run` once per note after one warm-up pass; the loop is single-threaded (one core). */
export function measureThroughput(
  notes: readonly LabeledNote[],
  run: (note: LabeledNote) => void,
  rounds = 3,
): ThroughputResult {
  for (const note of notes) {
    run(note);
  }
  const times: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const note of notes) {
      const t = performance.now();
      run(note);
      times.push(performance.now() - t);
    }
  }
  return summarize(times, started);
}

/**
 * {@link measureThroughput} for an asynchronous detector (the tagger runs in ONNX Runtime). Its own loop:
 * awaiting the synchronous pipeline would add a microtask per note to what is measured.
 */
export async function measureThroughputAsync(
  notes: readonly LabeledNote[],
  run: (note: LabeledNote) => Promise<unknown>,
  rounds = 2,
): Promise<ThroughputResult> {
  for (const note of notes) {
    await run(note);
  }
  const times: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const note of notes) {
      const t = performance.now();
      await run(note);
      times.push(performance.now() - t);
    }
  }
  return summarize(times, started);
}

/** The pipeline, the baseline and the tokenization floor over the same notes. */
export function benchDetectors(
  notes: readonly LabeledNote[],
  pipeline: Detector,
  baseline: Detector,
): Record<string, ThroughputResult> {
  return {
    tokenizeFloor: measureThroughput(notes, (n) => void tokenize(n.text)),
    baseline: measureThroughput(notes, (n) => void baseline.detect({ id: n.id, text: n.text })),
    pipeline: measureThroughput(
      notes,
      (n) => void pipeline.detect({ id: n.id, text: n.text, setting: 'inpatient' }),
      3,
    ),
  };
}
