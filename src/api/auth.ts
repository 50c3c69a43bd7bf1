import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createError } from '../core/errors.js';

/** Who is calling: the key's short id (for logs, rate limits, idempotency scope) and its scope. */
export interface Caller {
  readonly id: string;
  readonly readOnly: boolean;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Parses `NOTECODER_API_KEYS` entries: `key` (read-write) or `key:read` (read-only: GET routes only).
 * Keys are kept only as SHA-256 digests; lookups compare digests, so timing reveals nothing of a key.
 */
export function parseApiKeys(entries: readonly string[]): Map<string, Caller> {
  const keys = new Map<string, Caller>();
  for (const entry of entries) {
    const readOnly = entry.endsWith(':read');
    const key = readOnly ? entry.slice(0, -':read'.length) : entry;
    if (key.length < 16) {
      throw createError('CONFIG_INVALID', 'every API key must be at least 16 characters', {
        variable: 'NOTECODER_API_KEYS',
      });
    }
    const d = digest(key);
    keys.set(d, { id: `key_${d.slice(0, 8)}`, readOnly });
  }
  return keys;
}

/**
 * Bearer-token authentication for `/v1`. With no keys configured every caller is anonymous with full
 * access (the server then listens on loopback only). Read-only keys may only GET.
 */
export function authenticate(keys: ReadonlyMap<string, Caller>): RequestHandler {
  return (req, res, next) => {
    if (keys.size === 0) {
      res.locals.caller = { id: `anon_${req.ip ?? ''}`, readOnly: false } satisfies Caller;
      next();
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = match?.[1] === undefined ? undefined : keys.get(digest(match[1]));
    if (caller === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="notecoder"');
      next(createError('UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"'));
      return;
    }
    if (caller.readOnly && req.method !== 'GET' && req.method !== 'HEAD') {
      next(createError('FORBIDDEN', 'this API key is read-only'));
      return;
    }
    res.locals.caller = caller;
    next();
  };
}
