import { ipKeyGenerator, rateLimit as expressRateLimit, type Store } from 'express-rate-limit';
import type { Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { createError } from '../core/errors.js';
import type { Caller } from './auth.js';

/**
 * A limiter's counters: in Redis when the API runs on one (so every API process behind a load balancer
 * shares them: two processes do not double a key's limit), in this process's memory otherwise.
 * @param redis - a connected client, or undefined for memory
 * @param prefix - key prefix of this limiter (each limiter needs its own store)
 */
export function rateLimitStore(redis: Redis | undefined, prefix: string): Store | undefined {
  if (redis === undefined) {
    return undefined;
  }
  return new RedisStore({
    sendCommand: (command: string, ...args: string[]) =>
      redis.call(command, ...args) as Promise<RedisReply>,
    prefix,
  });
}

const retryAfterOf = (req: Request): number => {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
};

function limiter(
  perMinute: number,
  store: Store | undefined,
  key: (req: Request, res: Response) => string,
  limitName: string,
  what: string,
): RequestHandler {
  if (perMinute <= 0) {
    return (_req, _res, next) => {
      next();
    };
  }
  return expressRateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    keyGenerator: key,
    ...(store === undefined ? {} : { store }),
    // A store that cannot be reached (Redis down) lets requests through; the queue answers 503 anyway.
    passOnStoreError: true,
    handler: (req, _res, next) => {
      next(
        createError('RATE_LIMITED', `more than ${String(perMinute)} ${what} per minute`, {
          limit: perMinute,
          limitName,
          retryAfter: retryAfterOf(req),
        }),
      );
    },
  });
}

/**
 * Per-caller limit (`express-rate-limit`, one-minute windows): `perMinute` requests per API key, 429
 * with `Retry-After` and `RateLimit-*` headers beyond it. 0 turns it off.
 */
export function rateLimit(perMinute: number, store?: Store): RequestHandler {
  return limiter(
    perMinute,
    store,
    (req, res) => (res.locals.caller as Caller | undefined)?.id ?? ipKeyGenerator(req.ip ?? ''),
    'NOTECODER_RATE_LIMIT',
    'requests',
  );
}

/**
 * Failed authentications per client address (an IPv6 client by its /56): beyond `perMinute` the
 * answer is 429 instead of 401, so keys cannot be guessed at speed. Counted only for failures.
 */
export function authFailureLimit(perMinute: number, store?: Store): RequestHandler {
  return limiter(
    perMinute,
    store,
    (req) => ipKeyGenerator(req.ip ?? ''),
    'NOTECODER_AUTH_FAILURE_LIMIT',
    'failed authentications',
  );
}
