import { createError } from '../core/errors.js';
import type { JobSubmission } from '../jobs/job-types.js';
import { fingerprint, parseJobRequest, type RequestLimits } from './request-schemas.js';

/** A `POST /v1/jobs` body read, validated and (when asked) fingerprinted. */
export interface DecodedJob {
  readonly submission: JobSubmission;
  /** SHA-256 of the body's JSON, for an `Idempotency-Key`; absent when not asked for. */
  readonly fingerprint?: string;
}

/**
 * JSON as `express.json({ strict: true })` reads it: UTF-8 with an optional byte-order mark, an empty body
 * is `{}`, and the first character must open an object or an array.
 * @throws NotecoderError MALFORMED_JSON
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) {
    return {};
  }
  if (first !== '{' && first !== '[') {
    throw createError('MALFORMED_JSON', 'the request body is not valid JSON');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw createError('MALFORMED_JSON', 'the request body is not valid JSON');
  }
}

/**
 * Reads a job body from its bytes: the same checks and errors as parsing it with `express.json()` and
 * then {@link parseJobRequest} (the job-body thread runs this for large bodies).
 * @throws NotecoderError MALFORMED_JSON, INVALID_REQUEST, TOO_MANY_NOTES, NOTE_TOO_LARGE, DUPLICATE_NOTE_ID
 */
export function decodeJobBody(
  bytes: Uint8Array,
  limits: RequestLimits,
  withFingerprint: boolean,
): DecodedJob {
  const body = parseJsonBytes(bytes);
  const submission = parseJobRequest(body, limits);
  return withFingerprint ? { submission, fingerprint: fingerprint(body) } : { submission };
}
