import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseApiKeys } from '../../../src/api/auth.js';
import { splitApiKeys } from '../../../src/core/config.js';
import { fingerprint, parseJobRequest } from '../../../src/api/request-schemas.js';
import { VERSION } from '../../../src/core/version.js';
import { isJobId, newJobId } from '../../../src/jobs/job-id.js';
import { ROOT } from '../../helpers/fixtures.js';

const limits = { maxNotesPerJob: 3, maxNoteChars: 10 };
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('job request validation', () => {
  it('accepts a minimal job and drops absent optional fields', () => {
    const job = parseJobRequest({ notes: [{ id: 'a', text: 'x' }] }, limits);
    expect(job).toEqual({ notes: [{ id: 'a', text: 'x' }], options: {} });
  });

  it('names the limit or the field that is wrong', () => {
    expect(codeOf(() => parseJobRequest({ notes: [1] }, limits))).toBe('INVALID_REQUEST');
    const many = { notes: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: 'x' })) };
    expect(codeOf(() => parseJobRequest(many, limits))).toBe('TOO_MANY_NOTES');
    expect(
      codeOf(() => parseJobRequest({ notes: [{ id: 'a', text: 'x'.repeat(11) }] }, limits)),
    ).toBe('NOTE_TOO_LARGE');
    expect(
      codeOf(() =>
        parseJobRequest(
          {
            notes: [
              { id: 'a', text: 'x' },
              { id: 'a', text: 'y' },
            ],
          },
          limits,
        ),
      ),
    ).toBe('DUPLICATE_NOTE_ID');
    expect(
      codeOf(() =>
        parseJobRequest({ notes: [{ id: 'a', text: 'x', encounterDate: '2026-13-01' }] }, limits),
      ),
    ).toBe('INVALID_REQUEST');
  });

  it('fingerprints bodies by content', () => {
    expect(fingerprint({ a: 1 })).toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});

describe('API keys and ids', () => {
  it('parses read-write and read-only keys, refusing short ones', () => {
    const keys = parseApiKeys(['0123456789abcdef', 'fedcba9876543210:read']);
    const callers = [...keys.values()];
    expect(callers.map((c) => c.readOnly)).toEqual([false, true]);
    expect(callers[0]?.id).toMatch(/^key_[0-9a-f]{8}$/);
    expect([...keys.keys()].some((k) => k.includes('0123456789abcdef'))).toBe(false);
    expect(codeOf(() => parseApiKeys(['short']))).toBe('CONFIG_INVALID');
  });

  it('groups keys into tenants; an old-form key is a tenant of its own', () => {
    const entries = splitApiKeys(
      'alpha=0123456789abcdef, 1111111111111111:read ;beta=2222222222222222;3333333333333333,b64key4444444444==',
    );
    expect(entries).toEqual([
      'alpha=0123456789abcdef',
      'alpha=1111111111111111:read',
      'beta=2222222222222222',
      '3333333333333333',
      'b64key4444444444==',
    ]);
    const callers = [...parseApiKeys(entries).values()];
    expect(callers.map((c) => c.tenant).slice(0, 3)).toEqual(['alpha', 'alpha', 'beta']);
    expect(callers.map((c) => c.readOnly)).toEqual([false, true, false, false, false]);
    expect(callers[3]?.tenant).toBe(callers[3]?.id);
    expect(callers[4]?.tenant).toMatch(/^key_[0-9a-f]{8}$/);
    expect(splitApiKeys('k1111111111111111,k2222222222222222:read')).toHaveLength(2);
    expect(codeOf(() => parseApiKeys(['bad tenant!=0123456789abcdef']))).toBe('CONFIG_INVALID');
    expect(codeOf(() => parseApiKeys(['a=0123456789abcdef', 'b=0123456789abcdef']))).toBe(
      'CONFIG_INVALID',
    );
  });

  it('makes unguessable job ids of a fixed shape', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newJobId()));
    expect(ids.size).toBe(1000);
    expect([...ids].every(isJobId)).toBe(true);
    expect(isJobId('job_x')).toBe(false);
  });

  it('keeps VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
