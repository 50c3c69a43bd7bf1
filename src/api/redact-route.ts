import { Router } from 'express';
import { z } from 'zod';
import { createError } from '../core/errors.js';
import { sharedRedactor } from '../redact/shared-redactor.js';
import { requireJson } from './job-routes.js';
import type { RequestLimits } from './request-schemas.js';

/** `POST /v1/redact` body. */
export const RedactRequestSchema = z
  .object({
    text: z.string(),
    surrogate: z.boolean().optional(),
  })
  .strict();

/**
 * `POST /v1/redact`: one note de-identified, answered at once. Redaction is a few regular expressions
 * and set look-ups (about 0.1 ms for a 2,000-character note): it runs here, not in the worker pool.
 */
export function redactRoute(limits: RequestLimits): Router {
  const redactor = sharedRedactor();
  const router = Router();
  router.post('/v1/redact', requireJson, (req, res) => {
    const parsed = RedactRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.length ? issue.path.join('.') : '(body)';
      throw createError('INVALID_REQUEST', `${at}: ${issue?.message ?? 'invalid'}`, { field: at });
    }
    const { text, surrogate } = parsed.data;
    if (text.length > limits.maxNoteChars) {
      throw createError(
        'NOTE_TOO_LARGE',
        `the note has ${String(text.length)} characters; the limit is ${String(limits.maxNoteChars)}`,
        { limit: limits.maxNoteChars, limitName: 'NOTECODER_MAX_NOTE_CHARS' },
      );
    }
    if (text.trim() === '') {
      throw createError('NOTE_EMPTY', 'the note has no text to redact');
    }
    res.json(redactor.redact(text, { surrogate: surrogate === true }));
  });
  return router;
}
