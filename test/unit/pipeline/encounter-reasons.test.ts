import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import { encounterReasons } from '../../../src/pipeline/select/encounter-reasons.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const s = (code: string, system: Suggestion['system'], confidence: number): Suggestion =>
  suggestion(code, confidence, { system, start: 10, text: 'vasectomy' });
const result = detectResult;

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)('the reason beside a sterilization or a vaccine', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);

  it('adds Z30.2 beside a billed vasectomy or tubal occlusion, on its evidence', () => {
    const out = encounterReasons(result(s('55250', 'CPT', 0.9)), codeSet(), 0.27);
    const z = out.suggestions.find((x) => x.code === 'Z30.2');
    expect(z?.confidence).toBe(0.27);
    expect(z?.title).toMatch(/sterilization/i);
    expect(z?.evidence[0]?.text).toBe('vasectomy');
    expect(z?.reasons.at(-1)).toMatch(/^beside 55250/);
    const tubal = encounterReasons(result(s('58671', 'CPT', 0.9)), codeSet(), 0.27);
    expect(tubal.suggestions.map((x) => x.code)).toEqual(['58671', 'Z30.2']);
  });

  it('raises a weak reading instead of adding a second, and leaves a billed one alone', () => {
    const weak = encounterReasons(
      result(s('90471', 'CPT', 0.9), s('Z23', 'ICD-10-CM', 0.05)),
      codeSet(),
      0.27,
    );
    expect(weak.suggestions.map((x) => [x.code, x.confidence])).toEqual([
      ['90471', 0.9],
      ['Z23', 0.27],
    ]);
    const billed = result(s('90471', 'CPT', 0.9), s('Z23', 'ICD-10-CM', 0.6));
    expect(encounterReasons(billed, codeSet(), 0.27)).toBe(billed);
  });

  it('adds nothing beside a service below the threshold or another procedure', () => {
    const weak = result(s('55250', 'CPT', 0.1));
    expect(encounterReasons(weak, codeSet(), 0.27)).toBe(weak);
    // Hysteroscopic resection of a septum is no sterilization.
    const septum = result(s('58560', 'CPT', 0.9));
    expect(encounterReasons(septum, codeSet(), 0.27)).toBe(septum);
  });
});
