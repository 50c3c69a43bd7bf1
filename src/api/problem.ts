import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, Response } from 'express';
import {
  ERROR_CATALOGUE,
  createError,
  isNotecoderError,
  type NotecoderError,
} from '../core/errors.js';
import type { Logger } from '../core/logger.js';

/** Media type of every error body. */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * Writes a catalogued error as RFC 9457 problem details: `type`, `title`, `status`, `detail`, the stable
 * `code`, and structured details (limits, ids; never note text).
 */
export function sendProblem(res: Response, err: NotecoderError, instance?: string): void {
  if (err.status === 503 || err.status === 429) {
    res.setHeader('Retry-After', String(err.details.retryAfter ?? 5));
  }
  res
    .status(err.status)
    .type(PROBLEM_JSON)
    .send(
      JSON.stringify({
        type: `https://notecoder.dev/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
        title: ERROR_CATALOGUE[err.code].title,
        status: err.status,
        code: err.code,
        detail: err.message,
        ...(instance === undefined ? {} : { instance }),
        ...extensionMembers(err),
      }),
    );
}

const RESERVED = new Set(['type', 'title', 'status', 'code', 'detail', 'instance']);

/** Error details as problem extension members; one named like a standard member gets a `Value` suffix. */
function extensionMembers(err: NotecoderError): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(err.details)
      .filter(([key, value]) => value !== undefined && key !== 'retryAfter')
      .map(([key, value]) => [RESERVED.has(key) ? `${key}Value` : key, value]),
  );
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Errors thrown by express.json() and the router's path decoding mapped onto the catalogue. */
function fromBodyParser(raw: unknown): NotecoderError | undefined {
  if (raw instanceof URIError) {
    // The router could not percent-decode a path parameter; the message quotes it, so it is dropped.
    return createError('INVALID_PATH', 'the request path is not validly percent-encoded');
  }
  const err = (typeof raw === 'object' && raw !== null ? raw : {}) as BodyParserError;
  switch (err.type) {
    case 'entity.too.large':
      return createError('BODY_TOO_LARGE', `the request body is over ${String(err.limit)} bytes`, {
        limit: err.limit,
        limitName: 'NOTECODER_MAX_BODY_BYTES',
      });
    case 'entity.parse.failed':
      return createError('MALFORMED_JSON', 'the request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return createError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      return createError('INVALID_REQUEST', 'the request body was cut short');
    case undefined:
    default:
      return undefined;
  }
}

/**
 * The one error middleware (Medplum's single errorHandler): catalogued errors become problem+json with
 * their status; anything else is logged (without request bodies) and answered as a 500.
 */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = isNotecoderError(err) ? err : fromBodyParser(err);
    // A path that cannot be decoded is not echoed back (it may carry text).
    const instance = known?.code === 'INVALID_PATH' ? undefined : req.path;
    if (known) {
      sendProblem(res, known, instance);
      return;
    }
    // The route pattern, never the raw path (which can carry text); no error message (it may quote input).
    log.error('unhandled error', {
      method: req.method,
      route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched',
      error: err instanceof Error ? err.name : typeof err,
    });
    sendProblem(res, createError('INTERNAL', 'an unexpected error occurred'), req.path);
  };
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * Answers errors Node's HTTP parser meets before Express sees the request (headers or URL too large,
 * malformed HTTP, slow headers) as problem+json instead of Node's bare status line. Listen with
 * `server.on('clientError', clientErrorHandler())`.
 */
export function clientErrorHandler(): (err: Error & { code?: string }, socket: Duplex) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const problem =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? createError('HEADERS_TOO_LARGE', 'the request line and headers are over the server limit')
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? createError('REQUEST_TIMEOUT', 'the request headers did not arrive in time')
          : createError('MALFORMED_HTTP', 'the request is not well-formed HTTP/1.1');
    const body = JSON.stringify({
      type: `https://notecoder.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
      title: ERROR_CATALOGUE[problem.code].title,
      status: problem.status,
      code: problem.code,
      detail: problem.message,
    });
    socket.end(
      `HTTP/1.1 ${String(problem.status)} ${REASONS[problem.status] ?? 'Error'}\r\n` +
        `Content-Type: ${PROBLEM_JSON}\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  };
}
