import type { Note } from '../../src/core/types.js';
import type { Knowledge } from '../../src/pipeline/knowledge.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import type { StageTimer } from '../../src/pipeline/pipeline-types.js';
import { createTaggedDetector } from '../../src/pipeline/tagged-detector.js';
import type { Tagger } from '../../src/pipeline/tagger/tagger.js';
import type { LabeledNote } from '../datasets/dataset-types.js';

/** One row of the stage table: a stage's mean time per note and its share of the pipeline's time. */
export interface StageShare {
  readonly stage: string;
  readonly msPerNote: number;
  readonly share: number;
}

/** A stage timer that adds up each stage's time while `on` is true. */
export function stageTotals(): StageTimer & { on: boolean; totals: Map<string, number> } {
  const totals = new Map<string, number>();
  return {
    on: false,
    totals,
    record(stage, ms) {
      if (this.on) {
        totals.set(stage, (totals.get(stage) ?? 0) + ms);
      }
    },
  };
}

/** The totals as rows, in the pipeline's order, each with its share of the sum of all rows. */
export function toShares(totals: ReadonlyMap<string, number>, notes: number): StageShare[] {
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals].map(([stage, ms]) => ({
    stage,
    msPerNote: ms / notes,
    share: sum === 0 ? 0 : ms / sum,
  }));
}

/**
 * Each stage's share of the pipeline's time on these notes: one untimed warm-up pass, then `rounds`
 * passes with the stages timed (a pipeline created with the timer, see `PipelineOptions.timing`).
 * @param detect - detects one note with a pipeline that reports to `timer`
 */
export async function measureStageShares(
  notes: readonly LabeledNote[],
  timer: ReturnType<typeof stageTotals>,
  detect: (note: Note) => unknown,
  rounds = 3,
): Promise<StageShare[]> {
  const toNote = (n: LabeledNote): Note => ({ id: n.id, text: n.text, setting: 'inpatient' });
  for (const n of notes) {
    await detect(toNote(n));
  }
  timer.on = true;
  for (let r = 0; r < rounds; r++) {
    for (const n of notes) {
      await detect(toNote(n));
    }
  }
  timer.on = false;
  return toShares(timer.totals, rounds * notes.length);
}

/**
 * The stage tables of `npm run bench`: the pipeline alone (three timed passes), and with the tagger
 * (one pass; its inference is one more row beside the stages it feeds). Each is a pipeline of its own,
 * built with a stage timer: the pipelines whose throughput the bench reports have none.
 * @param tagger - an open tagger, if the model is there
 */
export async function benchStageShares(
  knowledge: Knowledge,
  notes: readonly LabeledNote[],
  tagger: Tagger | undefined,
): Promise<{ stageShares: StageShare[]; taggedStageShares: StageShare[] | undefined }> {
  const timer = stageTotals();
  const timed = createPipeline(knowledge, { timing: timer });
  const stageShares = await measureStageShares(notes, timer, (n) => timed.detect(n));
  if (tagger === undefined) {
    return { stageShares, taggedStageShares: undefined };
  }
  const taggedTimer = stageTotals();
  const timedTagger: Tagger = {
    version: tagger.version,
    release: () => tagger.release(),
    tag: async (text) => {
      const started = performance.now();
      const tags = await tagger.tag(text);
      taggedTimer.record('tagger (ONNX)', performance.now() - started);
      return tags;
    },
  };
  const timedTagged = createTaggedDetector(
    createPipeline(knowledge, { timing: taggedTimer }),
    timedTagger,
  );
  const taggedStageShares = await measureStageShares(
    notes,
    taggedTimer,
    (n) => timedTagged.detect(n),
    1,
  );
  return { stageShares, taggedStageShares };
}

/** The stage table as text, largest share first. */
export function formatStageShares(title: string, shares: readonly StageShare[]): string[] {
  const total = shares.reduce((a, s) => a + s.msPerNote, 0);
  return [
    `${title} (${total.toFixed(3)} ms/note timed):`,
    ...[...shares]
      .sort((a, b) => b.share - a.share)
      .map(
        (s) =>
          `  ${s.stage.padEnd(22)} ${s.msPerNote.toFixed(3).padStart(7)} ms/note  ${(100 * s.share).toFixed(1).padStart(5)} %`,
      ),
  ];
}
