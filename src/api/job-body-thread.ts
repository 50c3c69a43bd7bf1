import { parentPort } from 'node:worker_threads';
import { isNotecoderError } from '../core/errors.js';
import type { RequestLimits } from './request-schemas.js';
import { decodeJobBody, type DecodedJob } from './job-body.js';

/** A body for the thread to read (its bytes transferred, not copied). */
export interface JobBodyTask {
  readonly type: 'read';
  readonly id: number;
  readonly bytes: ArrayBuffer;
  readonly limits: RequestLimits;
  readonly withFingerprint: boolean;
}

/** What the event loop sends: a body, or "send the next batch of notes" once it handled the last. */
export type JobBodyRequest = JobBodyTask | { readonly type: 'next'; readonly id: number };

/**
 * What the thread answers, in order: the notes in batches, each only when asked for (so each is
 * deserialised in its own turn of the event loop: messages queued together are all delivered in one),
 * then `done`; or one `error`.
 */
export type JobBodyReply =
  | { readonly id: number; readonly type: 'notes'; readonly notes: unknown[] }
  | {
      readonly id: number;
      readonly type: 'done';
      readonly options: unknown;
      readonly callbackUrl?: string;
      readonly fingerprint?: string;
    }
  | {
      readonly id: number;
      readonly type: 'error';
      readonly code?: string;
      readonly message: string;
      readonly details?: unknown;
    };

/** Notes per message back to the event loop (about 2.6 MB of text at 1,300 characters a note). */
export const NOTES_PER_MESSAGE = 2000;

/** Bodies read and not yet handed over in full, by id. */
const reading = new Map<number, { decoded: DecodedJob; sent: number }>();

function sendNext(id: number, post: (reply: JobBodyReply) => void): void {
  const state = reading.get(id);
  if (state === undefined) {
    return;
  }
  const { submission, fingerprint } = state.decoded;
  if (state.sent < submission.notes.length) {
    const notes = submission.notes.slice(state.sent, state.sent + NOTES_PER_MESSAGE);
    state.sent += notes.length;
    post({ id, type: 'notes', notes });
    return;
  }
  reading.delete(id);
  post({
    id,
    type: 'done',
    options: submission.options,
    ...(submission.callbackUrl === undefined ? {} : { callbackUrl: submission.callbackUrl }),
    ...(fingerprint === undefined ? {} : { fingerprint }),
  });
}

// The job-body thread: JSON parse, schema validation and fingerprint of large `POST /v1/jobs` bodies,
// off the event loop that answers HTTP.
parentPort?.on('message', (request: JobBodyRequest) => {
  const port = parentPort;
  if (port === null) {
    return;
  }
  const post = (reply: JobBodyReply): void => {
    port.postMessage(reply);
  };
  if (request.type === 'next') {
    sendNext(request.id, post);
    return;
  }
  try {
    const decoded = decodeJobBody(
      new Uint8Array(request.bytes),
      request.limits,
      request.withFingerprint,
    );
    reading.set(request.id, { decoded, sent: 0 });
    sendNext(request.id, post);
  } catch (err) {
    post(
      isNotecoderError(err)
        ? {
            id: request.id,
            type: 'error',
            code: err.code,
            message: err.message,
            details: err.details,
          }
        : { id: request.id, type: 'error', message: err instanceof Error ? err.name : 'error' },
    );
  }
});
