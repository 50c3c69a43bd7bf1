import type { RequestHandler } from 'express';
import express from 'express';
import { createError } from '../core/errors.js';

/**
 * Reads a request body into one Buffer of its own memory (`req.body`), for a route that parses it
 * elsewhere (a worker thread takes the memory without a copy). With a `Content-Length` the buffer is
 * allocated once and filled as chunks arrive, so no single turn of the event loop copies the whole body
 * (joining 64 MB of chunks at the end, as `express.raw()` does, takes 50–120 ms). A compressed body is
 * left to `express.raw()`, which inflates it. Errors are those the app's JSON parser gives.
 * @param limit - largest body in bytes (`413 BODY_TOO_LARGE`)
 */
export function readBodyBytes(limit: number): RequestHandler {
  const inflating: RequestHandler = express.raw({ limit, type: () => true });
  return (req, res, next) => {
    const encoding = (req.get('content-encoding') ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      inflating(req, res, next);
      return;
    }
    const declared = req.get('content-length');
    if (declared === undefined && req.get('transfer-encoding') === undefined) {
      next(); // no body at all: req.body stays undefined, as with express.json()
      return;
    }
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && length > limit) {
      // Read off the body so the answer reaches the client (as body-parser does).
      req.resume();
      req.once('end', () => {
        next(tooLarge(limit));
      });
      return;
    }
    let body = Buffer.allocUnsafeSlow(length ?? 64 * 1024);
    let size = 0;
    let failed = false;
    const fail = (err: Error): void => {
      if (!failed) {
        failed = true;
        req.removeListener('data', onData);
        req.resume();
        next(err);
      }
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) {
        fail(tooLarge(limit));
        return;
      }
      if (size + chunk.length > body.length) {
        if (length !== undefined) {
          fail(cutShort());
          return;
        }
        const grown = Buffer.allocUnsafeSlow(
          Math.min(limit, Math.max(body.length * 2, size + chunk.length)),
        );
        body.copy(grown, 0, 0, size);
        body = grown;
      }
      chunk.copy(body, size);
      size += chunk.length;
    };
    req.on('data', onData);
    req.once('aborted', () => {
      fail(cutShort());
    });
    req.once('error', fail);
    req.once('end', () => {
      if (failed) {
        return;
      }
      if (length !== undefined && size !== length) {
        fail(cutShort());
        return;
      }
      // A body of a known length is its whole buffer; a streamed one is copied out at its size.
      req.body = size === body.length ? body : Buffer.from(body.subarray(0, size));
      next();
    });
  };
}

const tooLarge = (limit: number): Error =>
  createError('BODY_TOO_LARGE', `the request body is over ${String(limit)} bytes`, {
    limit,
    limitName: 'NOTECODER_MAX_BODY_BYTES',
  });

const cutShort = (): Error => createError('INVALID_REQUEST', 'the request body was cut short');
