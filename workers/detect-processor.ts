import { isNotecoderError } from '../src/core/errors.js';
import type { DetectResult } from '../src/core/types.js';
import type { DetectChunk, JobOptions, NoteOutcome } from '../src/jobs/job-types.js';
import type { NoteDetector } from '../src/pipeline/tagged-detector.js';
import { redactResult } from '../src/redact/redact-result.js';
import { sharedRedactor } from '../src/redact/shared-redactor.js';

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
    ...(result.claim === undefined || systems === undefined
      ? {}
      : {
          claim: {
            ...result.claim,
            lines: result.claim.lines.filter((l) => systems.has(l.system)),
          },
        }),
  };
}

/**
 * The one shape of detection work both backends run: no I/O but the tagger's ONNX session. A note the
 * pipeline rejects (empty, too long) fails alone with its catalogued code; the rest of the chunk
 * succeeds. Notes run one after another: the worker pool gives the parallelism.
 * @param detector - the loaded pipeline and tagger (one per worker thread)
 * @param chunk - notes of one job and its options
 */
export async function execDetectJob(
  detector: NoteDetector,
  chunk: DetectChunk,
): Promise<NoteOutcome[]> {
  const withTagger = chunk.options.tagger !== false;
  const out: NoteOutcome[] = [];
  for (const note of chunk.notes) {
    const setting = note.setting ?? chunk.options.setting;
    const deadline = chunk.budgetMs === undefined ? undefined : performance.now() + chunk.budgetMs;
    try {
      const result = await detector.detect(
        {
          id: note.id,
          text: note.text,
          ...(setting === undefined ? {} : { setting }),
          ...(note.encounterDate === undefined ? {} : { encounterDate: note.encounterDate }),
        },
        {
          tagger: withTagger,
          ...(chunk.options.rules === undefined ? {} : { rules: chunk.options.rules }),
          ...(chunk.options.billing === undefined ? {} : { billing: chunk.options.billing }),
          ...(chunk.options.threshold === undefined
            ? {}
            : { claimThreshold: chunk.options.threshold }),
          ...(deadline === undefined ? {} : { deadline }),
        },
      );
      const kept = applyJobOptions(result, chunk.options, detector.threshold(withTagger));
      out.push({
        noteId: note.id,
        status: 'succeeded',
        // Detection ran on the original text; what leaves this function carries only redacted text.
        result:
          chunk.options.redact === true
            ? redactResult(kept, note.text, sharedRedactor().redact(note.text))
            : kept,
      });
    } catch (err) {
      out.push({
        noteId: note.id,
        status: 'failed',
        error: isNotecoderError(err)
          ? { code: err.code, detail: err.message }
          : { code: 'INTERNAL', detail: 'the pipeline failed on this note' },
      });
    }
  }
  return out;
}
