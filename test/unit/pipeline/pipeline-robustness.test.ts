import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../../../src/pipeline/pipeline.js';
import { LEXICON, tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';

describe('pipeline on hostile input', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let pipeline: Pipeline;
  beforeAll(() => {
    codeSet = buildFixtureCodeSet(t.dir).codeSet;
    pipeline = createPipeline(loadKnowledge(codeSet, LEXICON), { maxChars: 2_000_000 });
  });
  afterAll(() => {
    t.cleanup();
  });

  it('never crashes and keeps every evidence offset exact (property test)', () => {
    const clinical = fc.constantFrom(
      'no',
      'type 2 diabetes',
      'hypertension',
      'fracture',
      'of the',
      'right',
      'femur',
      'history of',
      'mother with',
      '\n',
      '. ',
      'CT HEAD WITHOUT CONTRAST',
      '3D',
      'high blood pressure',
      'é',
      '\u0000',
      '\ud800',
      '😀',
      'HTN',
      ':',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(clinical, { maxLength: 60 }).map((parts) => parts.join(' ')),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('outpatient', 'inpatient'), (note, setting) => {
        try {
          const result = pipeline.detect({
            id: 'p',
            text: note,
            setting: setting,
          });
          for (const s of [...result.suggestions, ...result.suppressed]) {
            expect(s.confidence).toBeGreaterThanOrEqual(0);
            expect(s.confidence).toBeLessThanOrEqual(1);
            for (const e of s.evidence) {
              expect(note.slice(e.start, e.end)).toBe(e.text);
            }
          }
        } catch (err) {
          expect(isNotecoderError(err, 'NOTE_EMPTY')).toBe(true);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('refuses empty and oversized notes with catalogued errors', () => {
    const small = createPipeline(loadKnowledge(codeSet, LEXICON), { maxChars: 100 });
    expect(() => small.detect({ id: 'e', text: '  \n ' })).toThrow(
      expect.objectContaining({ code: 'NOTE_EMPTY' }) as Error,
    );
    expect(() => small.detect({ id: 'l', text: 'x'.repeat(101) })).toThrow(
      expect.objectContaining({ code: 'NOTE_TOO_LARGE', status: 413 }) as Error,
    );
  });

  it('handles a 1 MB single line, all caps, tables and lone surrogates', () => {
    const line =
      'TYPE 2 DIABETES MELLITUS | HYPERTENSION | NO FRACTURE OF THE RIGHT FEMUR \ud800 '.repeat(
        14_000,
      );
    expect(line.length).toBeGreaterThan(1_000_000);
    const result = pipeline.detect({ id: 'big', text: line });
    expect(result.suggestions.map((s) => s.code)).toContain('I10');
    const caps = pipeline.detect({
      id: 'caps',
      text: 'ASSESSMENT: TYPE 2 DIABETES MELLITUS WITH HYPERGLYCEMIA.',
    });
    expect(caps.suggestions.map((s) => s.code)).toContain('E11.65');
  });

  it('reads nothing from text in a script it does not know, and says so', () => {
    for (const text of ['ōȃ鿋Ѿ橸 ōȃ鿋Ѿ橸 Ѿ橸ōȃ鿋 x', 'Диагноз: гипертония, сахарный диабет.']) {
      const result = pipeline.detect({ id: 'x', text }, { rules: 'mentions' });
      expect(result.suggestions).toEqual([]);
      expect(result.suppressed).toEqual([]);
      expect(result.warnings?.map((w) => w.code)).toEqual(['UNSUPPORTED_TEXT']);
    }
    const english = pipeline.detect({ id: 'y', text: 'Assessment: hypertension.' });
    expect(english.warnings).toBeUndefined();
  });
});
