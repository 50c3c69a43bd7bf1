import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../../src/codes/build-code-set.js';
import { loadCodeSet, type CodeSet } from '../../../src/codes/code-set.js';
import type { DetectResult, Suggestion } from '../../../src/core/types.js';
import { selectedExcludes1 } from '../../../src/pipeline/select/selected-excludes1.js';
import { LEXICON, tempDir } from '../../helpers/fixtures.js';
import { testData } from '../../helpers/test-data.js';

const s = (code: string, confidence: number): Suggestion => ({
  code,
  system: 'ICD-10-CM',
  title: code,
  confidence,
  evidence: [{ start: 0, end: 5, text: 'words' }],
  assertion: 'present',
  reasons: [],
});
const result = (...suggestions: Suggestion[]): DetectResult => ({
  noteId: 'n',
  suggestions,
  suppressed: [],
  versions: { codeSet: 'test', lexiconOnly: false, detector: 'test' },
});

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)('Excludes1 among the selected codes (I.A.12.a)', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  beforeAll(() => {
    const out = join(t.dir, 'codeset.json');
    buildCodeSet({ icd10cm: [icd10cm ?? ''], out, lexiconDir: LEXICON });
    codeSet = loadCodeSet(out);
  });
  afterAll(() => {
    t.cleanup();
  });

  it('keeps the more probable code of a billed pair and suppresses the other, naming it', () => {
    // Type 2 read from "diabetes mellitus", type 1 with hyperglycemia read from "hyperglycemia".
    const out = selectedExcludes1(
      result(s('E11.65', 0.8), s('E10.65', 0.6), s('I10', 0.7)),
      codeSet,
      0.3,
    );
    expect(out.suggestions.map((x) => x.code)).toEqual(['E11.65', 'I10']);
    expect(out.suppressed.map((x) => [x.code, x.reason])).toEqual([
      ['E10.65', 'excludes1-conflict'],
    ]);
    expect(out.suppressed[0]?.reasons.at(-1)).toMatch(/^Excludes1 with E11\.65/);
  });

  it('leaves pairs below the threshold, and codes without an Excludes1 between them', () => {
    const weak = result(s('E11.65', 0.8), s('E10.65', 0.2));
    expect(selectedExcludes1(weak, codeSet, 0.3)).toBe(weak);
    const unrelated = result(s('I10', 0.8), s('E78.5', 0.6), s('J45.909', 0.5));
    expect(selectedExcludes1(unrelated, codeSet, 0.3)).toBe(unrelated);
  });
});
