import { describe, expect, it } from 'vitest';
import { isNotecoderError } from '../../../src/core/errors.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';

describe('createNoteCipher', () => {
  const key = Buffer.alloc(32, 3);

  it('round-trips text, with a fresh IV each time', () => {
    const cipher = createNoteCipher(key);
    const text = 'Patient has type 2 diabetes — naïve 😀 \ud800 text';
    const a = cipher.encrypt(text);
    const b = cipher.encrypt(text);
    expect(a).toMatch(/^enc1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('diabetes');
    expect(cipher.decrypt(a)).toBe(text.replace('\ud800', '\ufffd'));
  });

  it('rejects tampered text and a wrong or missing key with JOB_DATA_INVALID', () => {
    const stored = createNoteCipher(key).encrypt('essential hypertension');
    const tampered = stored.slice(0, -4) + (stored.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const [cipher, value] of [
      [createNoteCipher(key), tampered],
      [createNoteCipher(Buffer.alloc(32, 4)), stored],
      [createNoteCipher(undefined), stored],
    ] as const) {
      let err: unknown;
      try {
        cipher.decrypt(value);
      } catch (e) {
        err = e;
      }
      expect(isNotecoderError(err, 'JOB_DATA_INVALID')).toBe(true);
    }
  });

  it('passes text through without a key, and refuses keys that are not 32 bytes', () => {
    expect(createNoteCipher(undefined).encrypt('x')).toBe('x');
    expect(() => createNoteCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
