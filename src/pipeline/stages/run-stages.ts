import { createError } from '../../core/errors.js';
import type { NoteDoc } from '../note-doc.js';
import type { StageTimer } from '../pipeline-types.js';
import type { NamedStage } from './stage.js';

/**
 * Runs the stages over a note's document, in order.
 * @param deadline - `performance.now()` after which no further stage starts
 * @throws NotecoderError DETECT_TIMEOUT when the deadline passes between two stages
 */
export function runStages(
  stages: readonly NamedStage[],
  doc: NoteDoc,
  deadline = Number.POSITIVE_INFINITY,
): void {
  for (const stage of stages) {
    // Without a deadline (the default) no clock is read.
    if (deadline !== Number.POSITIVE_INFINITY && performance.now() > deadline) {
      throw createError('DETECT_TIMEOUT', `the note was abandoned before its ${stage.name} stage`, {
        stage: stage.name,
      });
    }
    stage.run(doc);
  }
}

/**
 * The same stages, each reporting its time to `timer`. Only a pipeline created with a timer has them:
 * without one nothing is wrapped and timing costs nothing.
 */
export function timedStages(stages: readonly NamedStage[], timer: StageTimer): NamedStage[] {
  return stages.map(({ name, run }) => ({
    name,
    run: (doc) => {
      const start = performance.now();
      run(doc);
      timer.record(name, performance.now() - start);
    },
  }));
}
