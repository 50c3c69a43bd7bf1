import { Router } from 'express';
import { systemNamed, type CodeSystem } from '../codes/code-format.js';
import type { CodeSet } from '../codes/code-set.js';
import { describeCode } from '../codes/describe-code.js';
import { createError } from '../core/errors.js';

function system(value: unknown): CodeSystem | undefined {
  if (value === undefined) {
    return undefined;
  }
  const s = typeof value === 'string' ? systemNamed(value) : undefined;
  if (s === undefined) {
    throw createError('INVALID_REQUEST', 'system must be ICD-10-CM, CPT or HCPCS', {
      field: 'system',
    });
  }
  return s;
}

/** `/v1/codes/{code}` (lookup) and `/v1/codes?q=` (search), from the loaded code set. */
export function codeRoutes(codeSet: CodeSet): Router {
  const router = Router();
  router.get('/v1/codes', (req, res) => {
    const { q, limit } = req.query;
    if (typeof q !== 'string' || q.trim() === '') {
      throw createError('EMPTY_QUERY', 'give the words to search for as ?q=');
    }
    if (q.length > 500) {
      throw createError('INVALID_REQUEST', 'q is longer than 500 characters', { field: 'q' });
    }
    const n = limit === undefined ? 10 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 200) {
      throw createError('INVALID_REQUEST', 'limit must be a whole number from 1 to 200', {
        field: 'limit',
      });
    }
    const sys = system(req.query.system);
    res.json({ query: q, hits: codeSet.search(q, { limit: n, ...(sys ? { system: sys } : {}) }) });
  });
  router.get('/v1/codes/:code', (req, res) => {
    const code = req.params.code;
    const sys = system(req.query.system);
    const found = sys === undefined ? codeSet.lookup(code) : [codeSet.require(code, sys)];
    if (found.length === 0) {
      codeSet.require(code); // throws the catalogued INVALID_CODE or CODE_NOT_FOUND
    }
    // J1100 is both HCPCS and ICD-10-CM J11.00: every system's entry is returned.
    res.json({ codes: found.map((info) => describeCode(codeSet, info)) });
  });
  return router;
}
