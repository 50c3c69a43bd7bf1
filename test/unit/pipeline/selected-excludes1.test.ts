import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { afterSelection } from '../../../src/pipeline/select/after-selection.js';
import { selectedExcludes1 } from '../../../src/pipeline/select/selected-excludes1.js';
import { LEXICON } from '../../helpers/fixtures.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const s = (code: string, confidence: number): Suggestion => suggestion(code, confidence);
const result = detectResult;

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)('Excludes1 among the selected codes (I.A.12.a)', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);

  it('keeps the more probable code of a billed pair and suppresses the other, naming it', () => {
    // Type 2 read from "diabetes mellitus", type 1 with hyperglycemia read from "hyperglycemia".
    const out = selectedExcludes1(
      result(s('E11.65', 0.8), s('E10.65', 0.6), s('I10', 0.7)),
      codeSet(),
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
    expect(selectedExcludes1(weak, codeSet(), 0.3)).toBe(weak);
    const unrelated = result(s('I10', 0.8), s('E78.5', 0.6), s('J45.909', 0.5));
    expect(selectedExcludes1(unrelated, codeSet(), 0.3)).toBe(unrelated);
  });

  it('settles a pair before the combinations: its loser makes no combination code', () => {
    // "Kidney failure" read as N19 and, less probably, as chronic kidney disease, beside hypertension.
    const combinations = loadKnowledge(codeSet(), LEXICON).guidelines.combinations;
    const out = afterSelection(
      result(s('I10', 0.8), s('N19', 0.7), s('N18.9', 0.5)),
      '',
      [],
      codeSet(),
      0.3,
      combinations,
    );
    expect(out.suggestions.map((x) => x.code)).toEqual(['I10', 'N19']);
    // Both billed and no rival: the combination replaces its parts.
    const ckd = afterSelection(
      result(s('I10', 0.8), s('N18.9', 0.5)),
      '',
      [],
      codeSet(),
      0.3,
      combinations,
    );
    expect(ckd.suggestions.map((x) => x.code)).toContain('I12.9');
  });
});
