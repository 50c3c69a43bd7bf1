import { describe, expect, it } from 'vitest';
import type { Suppressed } from '../../../src/core/types.js';
import { createContextAnalyzer } from '../../../src/pipeline/context/context-analyzer.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import {
  candidateSources,
  selectionCandidates,
} from '../../../src/pipeline/select/select-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { LEXICON } from '../../helpers/fixtures.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

/** A candidate the rules dropped, with the finding's own reason first as `toSuggestion` writes it. */
function dropped(code: string, reason: string, found: string): Suppressed {
  return { ...suggestion(code, 0.4), reason, reasons: [found, `dropped: ${reason}`] };
}

describe.skipIf(icd10cm === undefined)('the candidates the selection weighs', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);

  it('weighs again the loser of an Excludes1 pair that the note words found, and says it lost', () => {
    const analyze = createContextAnalyzer(loadKnowledge(codeSet(), LEXICON).triggers);
    const result = {
      ...detectResult(suggestion('N19', 0.5), suggestion('I10', 0.8)),
      suppressed: [
        dropped('N18.9', 'excludes1-conflict', 'index term "Disease, kidney, chronic"'),
        dropped('N17.9', 'excludes1-conflict', 'learned from coded notes: "kidney"'),
        dropped('R51.9', 'negated', 'synonym term "headache"'),
        dropped('I12.9', 'combination-code', 'index term "Hypertension, kidney"'),
        dropped('M54.50', 'integral-symptom', 'synonym term "low back pain"'),
      ],
    };
    const candidates = selectionCandidates(result, '', 'outpatient', [], codeSet(), analyze);
    expect(candidates.map((c) => c.suggestion.code)).toEqual(['N19', 'I10', 'N18.9', 'M54.50']);
    expect(candidateSources(candidates)).toEqual([
      { suppressed: false },
      { suppressed: false },
      { suppressed: true, excluded: true },
      { suppressed: true },
    ]);
  });
});
