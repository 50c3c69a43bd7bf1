import { Router } from 'express';
import type { Caller } from './auth.js';
import { createError } from '../core/errors.js';
import { FHIR_JSON } from '../fhir/fhir-types.js';
import { toFhirBundle } from '../fhir/to-fhir-bundle.js';
import { isJobId } from '../jobs/job-id.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { NoteOutcome } from '../jobs/job-types.js';

const PAGE = 500;

/** The outcome of one note of a job, paging through its stored results. */
async function findOutcome(
  queue: JobQueue,
  id: string,
  tenant: string,
  noteId: string,
): Promise<NoteOutcome | undefined> {
  for (let cursor: number | undefined = 0; cursor !== undefined;) {
    const page = await queue.results(id, tenant, cursor, PAGE);
    const found = page?.items.find((o) => o.noteId === noteId);
    if (found !== undefined) {
      return found;
    }
    cursor = page?.nextCursor;
  }
  return undefined;
}

/**
 * `GET /v1/jobs/{id}/notes/{noteId}`: one note's outcome — as JSON (`application/json`, the default), or
 * with `Accept: application/fhir+json` its result as a FHIR R4 Bundle (Conditions, Procedures, a draft
 * Claim of the claim lines).
 */
export function noteResultRoute(queue: JobQueue): Router {
  const router = Router();
  router.get('/v1/jobs/:id/notes/:noteId', async (req, res) => {
    const { id, noteId } = req.params;
    const { tenant } = res.locals.caller as Caller;
    const job = isJobId(id) ? await queue.get(id, tenant) : undefined;
    if (job === undefined) {
      throw createError(
        'JOB_NOT_FOUND',
        `no job ${id.slice(0, 64)}: it never existed, expired or was purged`,
        {
          jobId: id.slice(0, 64),
        },
      );
    }
    const type = req.accepts(['application/json', FHIR_JSON]);
    if (type === false) {
      throw createError('NOT_ACCEPTABLE', `ask for application/json or ${FHIR_JSON}`);
    }
    const outcome = await findOutcome(queue, id, tenant, noteId);
    if (outcome === undefined) {
      throw createError(
        job.status === 'queued' || job.status === 'running'
          ? 'NOTE_RESULT_NOT_READY'
          : 'NOTE_RESULT_NOT_FOUND',
        `job ${id} has no result for note ${noteId.slice(0, 200)} (yet)`,
        { jobId: id, noteId: noteId.slice(0, 200) },
      );
    }
    if (type !== FHIR_JSON) {
      res.json(outcome);
      return;
    }
    if (outcome.result === undefined) {
      throw createError(
        'NOTE_RESULT_NOT_FOUND',
        `note ${noteId.slice(0, 200)} failed (${outcome.error?.code ?? 'INTERNAL'}): there is no result to express in FHIR`,
        { jobId: id, noteId: noteId.slice(0, 200) },
      );
    }
    res.type(FHIR_JSON).send(JSON.stringify(toFhirBundle(outcome.result)));
  });
  return router;
}
