import { describe, expect, it } from 'vitest';
import { createContextAnalyzer } from '../../../src/pipeline/context/context-analyzer.js';
import { stayResolved } from '../../../src/pipeline/context/stay-resolved.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { detectSections } from '../../../src/text/sections.js';
import { tokenize } from '../../../src/text/tokenize.js';
import { LEXICON } from '../../helpers/fixtures.js';

const analyze = createContextAnalyzer(loadKnowledge({} as CodeSet, LEXICON).triggers);

/** The assertion of the first token of `words` in a note of this setting. */
function assertionOf(text: string, words: string, setting: 'inpatient' | 'outpatient'): string {
  const tokens = tokenize(text);
  const context = stayResolved(analyze(tokens, text), setting, tokens, text, detectSections(text));
  const at = tokens.tokens.findIndex((t) => t.start === text.indexOf(words));
  return context.assess(at, at).assertion;
}

// Phrasings written for this test.
describe('"resolved" in the summary of an inpatient stay', () => {
  const summary =
    'HOSPITAL COURSE: Her hyponatremia resolved with fluid restriction.\nDISCHARGE DIAGNOSES:\n1. Cellulitis of the left leg.\n2. Delirium, resolved.\nPAST MEDICAL HISTORY: Shingles, resolved.';

  it('is the course of the stay in the discharge diagnoses and the hospital course', () => {
    expect(assertionOf(summary, 'Delirium', 'inpatient')).toBe('present');
    expect(assertionOf(summary, 'hyponatremia', 'inpatient')).toBe('present');
  });

  it('still negates in the past history, and anywhere in an outpatient note', () => {
    expect(assertionOf(summary, 'Shingles', 'inpatient')).toBe('absent');
    expect(assertionOf(summary, 'Delirium', 'outpatient')).toBe('absent');
  });
});
