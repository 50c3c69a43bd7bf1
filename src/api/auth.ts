import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createError } from '../core/errors.js';
import { DEFAULT_TENANT, TENANT_NAME } from '../jobs/tenant.js';

/**
 * Who is calling: the key's short id (for logs and rate limits), its tenant (who owns the jobs it
 * submits and whose jobs it may see) and its scope.
 */
export interface Caller {
  readonly id: string;
  readonly tenant: string;
  readonly readOnly: boolean;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');

const invalid = (why: string): Error =>
  createError('CONFIG_INVALID', why, { variable: 'NOTECODER_API_KEYS' });

/**
 * Parses `NOTECODER_API_KEYS` entries: `tenant=key` (the key belongs to that tenant) or a bare `key`
 * (a tenant of its own, named `key_` + the first 8 hex digits of its SHA-256), each optionally
 * suffixed `:read` (read-only: GET routes only). Keys are kept only as SHA-256 digests; lookups
 * compare digests, so timing reveals nothing of a key.
 * @throws NotecoderError CONFIG_INVALID for a short key, a bad tenant name or a key listed twice
 */
export function parseApiKeys(entries: readonly string[]): Map<string, Caller> {
  const keys = new Map<string, Caller>();
  for (const entry of entries) {
    const eq = tenantPrefix(entry);
    const rest = eq === undefined ? entry : entry.slice(eq.length + 1);
    const readOnly = rest.endsWith(':read');
    const key = readOnly ? rest.slice(0, -':read'.length) : rest;
    if (key.length < 16) {
      throw invalid('every API key must be at least 16 characters');
    }
    const d = digest(key);
    if (keys.has(d)) {
      throw invalid('an API key is listed twice');
    }
    const id = `key_${d.slice(0, 8)}`;
    keys.set(d, { id, tenant: eq ?? id, readOnly });
  }
  return keys;
}

/**
 * The tenant of a `tenant=key` entry. A base64 key may end in `=` padding, never contains `=` with
 * something after it, so `name=` followed by a non-`=` character is a tenant.
 */
function tenantPrefix(entry: string): string | undefined {
  const match = /^([^=]+)=[^=]/.exec(entry);
  if (match?.[1] === undefined) {
    return undefined;
  }
  if (!TENANT_NAME.test(match[1])) {
    throw invalid(`tenant names are 1 to 64 letters, digits, '.', '_' or '-'`);
  }
  return match[1];
}

/**
 * Bearer-token authentication for `/v1`. With no keys configured every caller is anonymous with full
 * access to the default tenant (the server then listens on loopback only). Read-only keys may only GET.
 * @param onFailure - called for each failed authentication (the caller rate-limits them per address)
 */
export function authenticate(
  keys: ReadonlyMap<string, Caller>,
  onFailure?: RequestHandler,
): RequestHandler {
  return (req, res, next) => {
    if (keys.size === 0) {
      res.locals.caller = {
        id: `anon_${req.ip ?? ''}`,
        tenant: DEFAULT_TENANT,
        readOnly: false,
      } satisfies Caller;
      next();
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = match?.[1] === undefined ? undefined : keys.get(digest(match[1]));
    if (caller === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="notecoder"');
      const fail = (): void => {
        next(createError('UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"'));
      };
      if (onFailure === undefined) {
        fail();
      } else {
        void Promise.resolve(
          onFailure(req, res, (err?: unknown) => {
            if (err === undefined) {
              fail();
            } else {
              next(err);
            }
          }),
        );
      }
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
