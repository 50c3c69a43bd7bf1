import { describe, expect, it } from 'vitest';
import { manifestationCodes } from '../../../src/pipeline/select/manifestation-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests.
describe.skipIf(icd10cm === undefined)('the manifestation a combination code does not name', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);

  it('adds gastroparesis beside diabetes with autonomic neuropathy read from it', () => {
    const result = manifestationCodes(
      detectResult(suggestion('E11.43', 0.7, { text: 'diabetic gastroparesis' })),
      codeSet(),
      0.3,
    );
    expect(result.suggestions.map((s) => [s.code, s.confidence])).toEqual([
      ['E11.43', 0.7],
      ['K31.84', 0.7],
    ]);
    expect(result.suggestions[1]?.evidence.map((e) => e.text)).toEqual(['diabetic gastroparesis']);
  });

  it('raises the manifestation read below the threshold, and adds nothing it was not read from', () => {
    const raised = manifestationCodes(
      detectResult(
        suggestion('E10.43', 0.6, { text: 'gastroparesis from her diabetes' }),
        suggestion('K31.84', 0.1, { text: 'gastroparesis' }),
      ),
      codeSet(),
      0.3,
    );
    expect(raised.suggestions.map((s) => [s.code, s.confidence])).toEqual([
      ['E10.43', 0.6],
      ['K31.84', 0.6],
    ]);
    const other = manifestationCodes(
      detectResult(suggestion('E11.43', 0.7, { text: 'diabetic autonomic neuropathy' })),
      codeSet(),
      0.3,
    );
    expect(other.suggestions.map((s) => s.code)).toEqual(['E11.43']);
    const weak = manifestationCodes(
      detectResult(suggestion('E11.43', 0.2, { text: 'diabetic gastroparesis' })),
      codeSet(),
      0.3,
    );
    expect(weak.suggestions.map((s) => s.code)).toEqual(['E11.43']);
  });
});
