import { isNotecoderError } from '../src/core/errors.js';
import type { DetectResult } from '../src/core/types.js';
import type { DetectChunk, JobOptions, NoteOutcome } from '../src/jobs/job-types.js';
import type { Pipeline } from '../src/pipeline/pipeline.js';

/**
 * Applies a job's options to one result: suggestions below the threshold (default: the pipeline's
 * operating threshold) and systems not asked for are left out; suppressed candidates keep their reasons.
 */
export function applyJobOptions(
  result: DetectResult,
  options: JobOptions,
  defaultThreshold: number,
): DetectResult {
  const threshold = options.threshold ?? defaultThreshold;
  const systems = options.systems && new Set(options.systems);
  return {
    ...result,
    suggestions: result.suggestions.filter(
      (s) => s.confidence >= threshold && (systems === undefined || systems.has(s.system)),
    ),
    suppressed: result.suppressed.filter((s) => systems === undefined || systems.has(s.system)),
  };
}

/**
 * The one shape of detection work both backends run: pure, no I/O. A note the pipeline rejects
 * (empty, too long) fails alone with its catalogued code; the rest of the chunk succeeds.
 * @param pipeline - the loaded pipeline (one per worker thread)
 * @param chunk - notes of one job and its options
 */
export function execDetectJob(pipeline: Pipeline, chunk: DetectChunk): NoteOutcome[] {
  return chunk.notes.map((note): NoteOutcome => {
    const setting = note.setting ?? chunk.options.setting;
    try {
      const result = pipeline.detect({
        id: note.id,
        text: note.text,
        ...(setting === undefined ? {} : { setting }),
        ...(note.encounterDate === undefined ? {} : { encounterDate: note.encounterDate }),
      });
      return {
        noteId: note.id,
        status: 'succeeded',
        result: applyJobOptions(result, chunk.options, pipeline.threshold),
      };
    } catch (err) {
      return {
        noteId: note.id,
        status: 'failed',
        error: isNotecoderError(err)
          ? { code: err.code, detail: err.message }
          : { code: 'INTERNAL', detail: 'the pipeline failed on this note' },
      };
    }
  });
}
