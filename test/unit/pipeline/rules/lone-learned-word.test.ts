import { describe, expect, it } from 'vitest';
import { dropLoneLearnedWords } from '../../../../src/pipeline/rules/lone-learned-word.js';
import { candidate, codes, keptState } from '../../../helpers/rule-fixtures.js';

describe('a diagnosis read from lone learned words', () => {
  it('drops a code whose every reading is one learned word, with the word in its detail', () => {
    const state = keptState(
      candidate('I48.91', { source: 'learned', words: 'atrial', confidence: 0.4 }),
      candidate('I10', { source: 'synonym', words: 'hypertension' }),
    );
    dropLoneLearnedWords(state);
    expect(codes(state.kept)).toEqual(['I10']);
    expect(state.dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['I48.91', 'learned-word-only'],
    ]);
    expect(state.dropped[0]?.detail).toContain('"atrial"');
  });

  it('keeps a learned phrase of two words, a learned word beside a dictionary reading, and procedures', () => {
    const phrase = candidate('K81.0', { source: 'learned', words: 'acut cholecyst' });
    const mixed = candidate('N20.0', { source: 'learned', words: 'calculi' });
    mixed.mentions.push({
      ...(mixed.mentions[0] as (typeof mixed.mentions)[number]),
      source: 'index',
      term: 'kidney stone',
    });
    const procedure = candidate('93000', { system: 'CPT', source: 'learned', words: 'ekg' });
    const state = keptState(phrase, mixed, procedure);
    dropLoneLearnedWords(state);
    expect(codes(state.kept)).toEqual(['K81.0', 'N20.0', '93000']);
    expect(state.dropped).toEqual([]);
  });
});
