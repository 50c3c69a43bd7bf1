import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createError, type ErrorCode, type ErrorDetails } from '../core/errors.js';
import type { JobNote, JobOptions } from '../jobs/job-types.js';
import { decodeJobBody, type DecodedJob } from './job-body.js';
import type { JobBodyReply, JobBodyRequest, JobBodyTask } from './job-body-thread.js';
import { fingerprint, parseJobRequest, type RequestLimits } from './request-schemas.js';

/**
 * Bodies up to this size are read on the event loop (a few milliseconds); larger ones in the job-body
 * thread, so a 64 MB job never holds the loop for the seconds its parse, validation and hash take.
 */
export const INLINE_BODY_BYTES = 1024 * 1024;

/** The compiled thread entry (tests run the TypeScript sources, so resolve against dist). */
function threadFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist/')
    ? join(here, 'job-body-thread.js')
    : join(here, '..', '..', 'dist', 'src', 'api', 'job-body-thread.js');
}

interface Pending {
  readonly notes: JobNote[];
  resolve(decoded: DecodedJob): void;
  reject(err: Error): void;
}

/** One thread for the process (it holds no state between bodies), started at the first large body. */
let thread: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 0;

function bodyThread(): NonNullable<typeof thread> {
  if (thread !== undefined) {
    return thread;
  }
  const worker = new Worker(threadFile());
  // An idle thread does not keep the process alive.
  worker.unref();
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  const fail = (err: Error): void => {
    if (thread === current) {
      thread = undefined;
    }
    for (const p of pending.values()) {
      p.reject(createError('INTERNAL', 'the job-body thread stopped', {}, err));
    }
    pending.clear();
  };
  worker.on('message', (reply: JobBodyReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) {
      return;
    }
    switch (reply.type) {
      case 'notes':
        for (const note of reply.notes) {
          p.notes.push(note as JobNote);
        }
        // The next batch once the loop has had a turn (see JobBodyReply).
        setImmediate(() => {
          const next: JobBodyRequest = { type: 'next', id: reply.id };
          worker.postMessage(next);
        });
        return;
      case 'done':
        pending.delete(reply.id);
        p.resolve({
          submission: {
            notes: p.notes,
            options: reply.options as JobOptions,
            ...(reply.callbackUrl === undefined ? {} : { callbackUrl: reply.callbackUrl }),
          },
          ...(reply.fingerprint === undefined ? {} : { fingerprint: reply.fingerprint }),
        });
        return;
      case 'error':
        pending.delete(reply.id);
        p.reject(
          reply.code === undefined
            ? createError('INTERNAL', 'the job body could not be read')
            : createError(reply.code as ErrorCode, reply.message, reply.details as ErrorDetails),
        );
        return;
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    fail(new Error(`exited with ${String(code)}`));
  });
  thread = current;
  return current;
}

function inThread(
  bytes: Buffer,
  limits: RequestLimits,
  withFingerprint: boolean,
): Promise<DecodedJob> {
  // The bytes move to the thread without a copy when the buffer owns its whole memory.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = (whole ? bytes.buffer : new Uint8Array(bytes).buffer) as ArrayBuffer;
  const { worker, pending } = bodyThread();
  const id = nextId++;
  return new Promise<DecodedJob>((resolve, reject) => {
    pending.set(id, { notes: [], resolve, reject });
    worker.ref();
    const task: JobBodyTask = {
      type: 'read',
      id,
      bytes: buffer,
      limits: { maxNotesPerJob: limits.maxNotesPerJob, maxNoteChars: limits.maxNoteChars },
      withFingerprint,
    };
    worker.postMessage(task, [buffer]);
  }).finally(() => {
    if (thread?.worker === worker && pending.size === 0) {
      worker.unref();
    }
  });
}

/**
 * The job a `POST /v1/jobs` body asks for: `raw` is the body's bytes (`express.raw`), or whatever the
 * body parser left when the request had no body. Large bodies are parsed, validated and fingerprinted in
 * a worker thread; the answer (and every error: 400 MALFORMED_JSON, INVALID_REQUEST naming the field,
 * 413 limits) is the same either way.
 * @throws NotecoderError MALFORMED_JSON, INVALID_REQUEST, TOO_MANY_NOTES, NOTE_TOO_LARGE, DUPLICATE_NOTE_ID
 */
export async function readJobBody(
  raw: unknown,
  limits: RequestLimits,
  withFingerprint: boolean,
): Promise<DecodedJob> {
  if (!Buffer.isBuffer(raw)) {
    const submission = parseJobRequest(raw, limits);
    return withFingerprint ? { submission, fingerprint: fingerprint(raw) } : { submission };
  }
  if (raw.byteLength <= INLINE_BODY_BYTES) {
    return decodeJobBody(raw, limits, withFingerprint);
  }
  return inThread(raw, limits, withFingerprint);
}
