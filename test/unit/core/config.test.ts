import { describe, expect, it } from 'vitest';
import { DEFAULT_ICD10CM_URLS, loadConfig } from '../../../src/core/config.js';
import { isNotecoderError } from '../../../src/core/errors.js';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({});
    expect(config.codeSetPath).toMatch(/dictionaries\/build\/codeset\.json$/);
    expect(config.sourcesDir).toMatch(/dictionaries\/sources$/);
    expect(config.icd10cmUrls).toEqual(DEFAULT_ICD10CM_URLS);
    expect(config.offline).toBe(false);
    expect(config.icd10cmSource).toBeUndefined();
  });

  it('reads and validates the environment', () => {
    const config = loadConfig({
      NOTECODER_ICD10CM_SOURCE: '/a:/b',
      NOTECODER_OFFLINE: 'true',
      NOTECODER_ICD10CM_URLS: 'http://x/a.zip, http://x/b.zip',
      NOTECODER_FETCH_TIMEOUT_MS: '500',
    });
    expect(config.icd10cmSource).toEqual(['/a', '/b']);
    expect(config.offline).toBe(true);
    expect(config.icd10cmUrls).toEqual(['http://x/a.zip', 'http://x/b.zip']);
    expect(config.fetchTimeoutMs).toBe(500);
  });

  it('names the variable that is wrong', () => {
    for (const env of [
      { NOTECODER_OFFLINE: 'maybe' },
      { NOTECODER_FETCH_TIMEOUT_MS: '-1' },
      { NOTECODER_ICD10CM_URLS: 'not a url' },
    ]) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (err) {
        error = err;
      }
      expect(isNotecoderError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain(Object.keys(env)[0]);
    }
  });
});
