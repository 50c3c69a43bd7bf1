import type { RequestHandler } from 'express';
import { createError } from '../core/errors.js';
import type { Caller } from './auth.js';

/**
 * Per-caller token bucket: `perMinute` requests, refilled continuously; 429 with `Retry-After` when
 * empty. 0 turns it off. Buckets of callers idle for ten minutes are forgotten.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = now();
  return (_req, res, next) => {
    if (perMinute <= 0) {
      next();
      return;
    }
    const t = now();
    if (t - sweptAt > 600_000) {
      for (const [id, b] of buckets) {
        if (t - b.at > 600_000) {
          buckets.delete(id);
        }
      }
      sweptAt = t;
    }
    const id = (res.locals.caller as Caller | undefined)?.id ?? 'anonymous';
    const b = buckets.get(id) ?? { tokens: perMinute, at: t };
    b.tokens = Math.min(perMinute, b.tokens + ((t - b.at) * perMinute) / 60_000);
    b.at = t;
    buckets.set(id, b);
    res.setHeader('RateLimit-Limit', String(perMinute));
    if (b.tokens < 1) {
      const retryAfter = Math.ceil(((1 - b.tokens) * 60_000) / perMinute / 1000);
      res.setHeader('RateLimit-Remaining', '0');
      next(
        createError('RATE_LIMITED', `more than ${String(perMinute)} requests per minute`, {
          limit: perMinute,
          limitName: 'NOTECODER_RATE_LIMIT',
          retryAfter,
        }),
      );
      return;
    }
    b.tokens -= 1;
    res.setHeader('RateLimit-Remaining', String(Math.floor(b.tokens)));
    next();
  };
}
