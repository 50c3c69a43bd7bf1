import { Router } from 'express';
import { createError } from '../core/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ApiMetrics } from './api-metrics.js';
import type { Caller } from './auth.js';
import { detectAndSave } from './detect-save.js';
import { requireJson } from './job-routes.js';
import { parseDetectRequest, type RequestLimits } from './request-schemas.js';

/**
 * `POST /v1/detect`: one note, answered synchronously. It still runs in the worker pool (embedded) or on
 * a worker process (BullMQ), never on this event loop.
 */
export function detectRoute(
  queue: JobQueue,
  limits: RequestLimits,
  metrics: ApiMetrics,
  timeoutMs: number,
): Router {
  const router = Router();
  router.post('/v1/detect', requireJson, async (req, res) => {
    const { note, options, save } = parseDetectRequest(req.body, limits);
    const started = performance.now();
    try {
      let jobId: string | undefined;
      let outcome;
      if (save) {
        ({ jobId, outcome } = await detectAndSave(
          queue,
          note,
          options,
          res.locals.caller as Caller,
          timeoutMs,
        ));
      } else {
        outcome = await queue.detect(note, options, timeoutMs);
      }
      metrics.observeDetect((performance.now() - started) / 1000, 'ok');
      if (outcome.status === 'failed' || outcome.result === undefined) {
        const failed = outcome.error?.code;
        const code = failed === 'NOTE_EMPTY' || failed === 'DETECT_TIMEOUT' ? failed : 'INTERNAL';
        throw createError(code, outcome.error?.detail ?? 'the note could not be processed', {
          noteId: note.id,
        });
      }
      if (jobId === undefined) {
        res.json(outcome.result);
      } else {
        res.location(`/v1/jobs/${jobId}/notes/${encodeURIComponent(note.id)}/review`);
        res.json({ ...outcome.result, jobId });
      }
    } catch (err) {
      metrics.observeDetect((performance.now() - started) / 1000, 'error');
      throw err;
    }
  });
  return router;
}
