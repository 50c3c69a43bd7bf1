import { Router } from 'express';
import { z } from 'zod';
import { INFER_ICD10CM_MAX_CHARS } from '../comprehend/infer-icd10cm-types.js';
import { toInferIcd10cm } from '../comprehend/to-infer-icd10cm.js';
import { createError } from '../core/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { requireJson } from './job-routes.js';

const RequestSchema = z.object({ Text: z.string() }).strict();

/**
 * `POST /v1/comprehend/infer-icd10-cm`: Amazon Comprehend Medical's InferICD10CM on notecoder — the
 * same request (`{"Text"}`, at most 10,000 characters) and response shape (Entities with traits and
 * ranked ICD10CMConcepts, ModelVersion), so a client written against it switches by changing its URL.
 * The note runs in the worker pool under the mentions rules (every condition with its assertion).
 */
export function comprehendRoute(queue: JobQueue, timeoutMs: number): Router {
  const router = Router();
  router.post('/v1/comprehend/infer-icd10-cm', requireJson, async (req, res) => {
    const parsed = RequestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw createError(
        'INVALID_REQUEST',
        'send {"Text": "<the clinical text>"} and nothing else',
        {
          field: 'Text',
        },
      );
    }
    const text = parsed.data.Text;
    if (text.trim() === '') {
      throw createError('INVALID_REQUEST', 'Text is empty', { field: 'Text' });
    }
    if (text.length > INFER_ICD10CM_MAX_CHARS) {
      throw createError(
        'TEXT_SIZE_LIMIT_EXCEEDED',
        `Text has ${String(text.length)} characters; InferICD10CM takes at most ${String(INFER_ICD10CM_MAX_CHARS)}`,
        { field: 'Text', limit: INFER_ICD10CM_MAX_CHARS },
      );
    }
    const outcome = await queue.detect(
      { id: 'comprehend', text },
      { rules: 'mentions', systems: ['ICD-10-CM'] },
      timeoutMs,
    );
    if (outcome.result === undefined) {
      throw createError('INTERNAL', outcome.error?.detail ?? 'the text could not be processed');
    }
    res.json(toInferIcd10cm(outcome.result));
  });
  return router;
}
