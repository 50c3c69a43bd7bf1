import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import type { Suggestion } from '../../../src/core/types.js';
import type { GuidelineData } from '../../../src/pipeline/knowledge.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { selectedCombinations } from '../../../src/pipeline/select/selected-combinations.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { LEXICON, ROOT, tempDir } from '../../helpers/fixtures.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';

const s = (code: string, confidence: number, start = 0): Suggestion =>
  suggestion(code, confidence, { start });
const result = detectResult;

describe('combination codes among the selected codes (guideline I.B.9)', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let rows: GuidelineData['combinations'];
  beforeAll(() => {
    codeSet = buildFixtureCodeSet(t.dir).codeSet;
    // The team's real table (combination-codes.tsv), over the hand-made fixture release.
    rows = loadKnowledge(codeSet, LEXICON, join(ROOT, 'dictionaries', 'learned', 'model.json'))
      .guidelines.combinations;
  });
  afterAll(() => {
    t.cleanup();
  });

  it('replaces billed parts with their combination code, at the weakest part', () => {
    // "type 2 diabetes" and "CKD stage 3" both kept by the selection: E11.22 with the stage.
    const out = selectedCombinations(
      result(s('E11.9', 0.7, 0), s('N18.30', 0.4, 40), s('I10', 0.2, 80)),
      rows,
      codeSet,
      0.3,
    );
    const combo = out.suggestions.find((x) => x.code === 'E11.22');
    expect(combo?.confidence).toBe(0.4);
    expect(combo?.title).toMatch(/chronic kidney disease/i);
    expect(combo?.evidence.map((e) => e.start)).toEqual([0, 40]);
    expect(combo?.reasons[0]).toMatch(/E11\.9 \+ N18\.30/);
    expect(out.suggestions.map((x) => x.code)).toEqual(['N18.30', 'E11.22', 'I10']);
    expect(out.suppressed.map((x) => [x.code, x.reason])).toEqual([['E11.9', 'combination-code']]);
  });

  it('needs every part billed and present; the combination stays one code', () => {
    // Hypertension below the threshold: no hypertensive CKD (and I12.9 is not in this release anyway).
    const weak = result(s('I10', 0.2), s('N18.30', 0.6));
    expect(selectedCombinations(weak, rows, codeSet, 0.3)).toBe(weak);
    const negated = result(s('E11.9', 0.7), { ...s('N18.30', 0.6), assertion: 'absent' });
    expect(selectedCombinations(negated, rows, codeSet, 0.3)).toBe(negated);
    // Hyperglycemia documented beside "without complications": E11.65 alone, raised to nothing new.
    const out = selectedCombinations(result(s('E11.65', 0.5), s('E11.9', 0.8)), rows, codeSet, 0.3);
    expect(out.suggestions.map((x) => [x.code, x.confidence])).toEqual([['E11.65', 0.5]]);
    expect(out.suppressed.map((x) => x.code)).toEqual(['E11.9']);
  });

  it('combines a chronic condition the note gives as history and still reports ("history of diabetes")', () => {
    const history = { ...s('E11.9', 0.7, 0), assertion: 'historical' as const };
    const out = selectedCombinations(result(history, s('N18.30', 0.5, 40)), rows, codeSet, 0.3);
    expect(out.suggestions.map((x) => x.code)).toEqual(['N18.30', 'E11.22']);
    // A family member's condition is no part of the patient's combination.
    const family = result({ ...s('E11.9', 0.7, 0), assertion: 'family' }, s('N18.30', 0.5, 40));
    expect(selectedCombinations(family, rows, codeSet, 0.3)).toBe(family);
  });
});
