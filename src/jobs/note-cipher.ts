import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createError } from '../core/errors.js';

/** Encrypts note text at rest in a queue store. */
export interface NoteCipher {
  encrypt(plain: string): string;
  /** @throws NotecoderError JOB_DATA_INVALID when the text was tampered with or the key differs */
  decrypt(stored: string): string;
}

const PREFIX = 'enc1:';

/**
 * AES-256-GCM with a fresh 96-bit IV per value; stored as `enc1:` + base64(iv | tag | ciphertext).
 * Without a key, text passes through unchanged, and a stored encrypted value is an error.
 * @param key - 32 bytes, or undefined for no encryption
 */
export function createNoteCipher(key: Buffer | undefined): NoteCipher {
  if (key !== undefined && key.length !== 32) {
    throw createError('CONFIG_INVALID', 'the encryption key must be 32 bytes');
  }
  return {
    encrypt(plain) {
      if (key === undefined) {
        return plain;
      }
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(stored) {
      if (!stored.startsWith(PREFIX)) {
        return stored;
      }
      if (key === undefined) {
        throw createError(
          'JOB_DATA_INVALID',
          'note text is encrypted but NOTECODER_ENCRYPTION_KEY is not set',
        );
      }
      try {
        const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
          'utf8',
        );
      } catch (err) {
        throw createError(
          'JOB_DATA_INVALID',
          'note text cannot be decrypted (wrong key or tampered)',
          {},
          err,
        );
      }
    },
  };
}
