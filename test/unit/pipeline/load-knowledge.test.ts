import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { NotecoderError } from '../../../src/core/errors.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { LEXICON, tempDir } from '../../helpers/fixtures.js';

// The lexicons do not depend on the code set: an empty stand-in is enough to load them.
const noCodeSet = {} as CodeSet;

describe('loadKnowledge', () => {
  const temp = tempDir();
  afterEach(() => {
    temp.cleanup();
  });

  it('loads the service words, their result words and the test words before a condition', () => {
    const { services } = loadKnowledge(noCodeSet, LEXICON);
    expect(services.words.has('prophylaxis')).toBe(true);
    expect(services.words.has('test')).toBe(true);
    expect(services.results.has('positive')).toBe(true);
    expect(services.words.has('positive')).toBe(false);
    expect(services.before.has('dobutamine')).toBe(true);
    expect(services.words.has('dobutamine')).toBe(false);
  });

  it('names the file and line of a service word with an unknown role', () => {
    const dir = join(temp.dir, 'lexicon');
    cpSync(LEXICON, dir, { recursive: true });
    appendFileSync(join(dir, 'service-words.tsv'), 'assay\tprocedure\n');
    let error: unknown;
    try {
      loadKnowledge(noCodeSet, dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NotecoderError);
    expect((error as NotecoderError).code).toBe('LEXICON_INVALID');
    expect((error as NotecoderError).message).toMatch(
      /service-words\.tsv:\d+: unknown role "procedure"/,
    );
  });

  it('loads the angiography codes and the 3D rendering codes they include', () => {
    const { postProcessing } = loadKnowledge(noCodeSet, LEXICON).guidelines;
    expect(postProcessing.angiography.has('71275')).toBe(true);
    expect(postProcessing.angiography.has('71250')).toBe(false);
    expect([...postProcessing.rendering].sort()).toEqual(['76376', '76377']);
  });

  it('names the file and line of a post-processing code with an unknown role', () => {
    const dir = join(temp.dir, 'lexicon');
    cpSync(LEXICON, dir, { recursive: true });
    appendFileSync(join(dir, 'cpt-post-processing.tsv'), '76380\treconstruction\n');
    expect(() => loadKnowledge(noCodeSet, dir)).toThrow(
      /cpt-post-processing\.tsv:\d+: unknown role "reconstruction"/,
    );
  });
});
