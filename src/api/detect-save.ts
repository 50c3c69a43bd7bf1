import { setTimeout as sleep } from 'node:timers/promises';
import { createError } from '../core/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import {
  FINAL_STATUSES,
  type JobNote,
  type JobOptions,
  type NoteOutcome,
} from '../jobs/job-types.js';

/**
 * `POST /v1/detect` with `options.save`: the note runs as a one-note job of the caller's tenant (so it
 * can be reviewed, and expires and is purged like any job), waited for up to `timeoutMs`; the note
 * text is saved with a first review (encrypted like every review) so the learning-loop export has it.
 * @returns the job id and the note's outcome
 * @throws NotecoderError DETECT_TIMEOUT
 */
export async function detectAndSave(
  queue: JobQueue,
  note: JobNote,
  options: JobOptions,
  caller: { readonly id: string; readonly tenant: string },
  timeoutMs: number,
): Promise<{ jobId: string; outcome: NoteOutcome }> {
  const { job } = await queue.submit({ notes: [note], options }, caller.tenant);
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    const now = await queue.get(job.id, caller.tenant);
    if (now !== undefined && FINAL_STATUSES.has(now.status)) {
      break;
    }
    if (Date.now() > deadline) {
      throw createError('DETECT_TIMEOUT', `the note was not coded in ${String(timeoutMs)} ms`, {
        jobId: job.id,
      });
    }
    await sleep(wait);
  }
  const outcome = (await queue.results(job.id, caller.tenant, 0, 1))?.items[0];
  if (outcome === undefined) {
    throw createError('INTERNAL', 'the saved note has no result', { jobId: job.id });
  }
  if (outcome.status === 'succeeded') {
    await queue.saveReview(
      job.id,
      caller.tenant,
      note.id,
      { decisions: [], added: [], text: note.text },
      0,
      caller.id,
    );
  }
  return { jobId: job.id, outcome };
}
