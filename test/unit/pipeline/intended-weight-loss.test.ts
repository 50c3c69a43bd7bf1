import { describe, expect, it } from 'vitest';
import { intendedWeightLoss } from '../../../src/pipeline/select/intended-weight-loss.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';

// Sentences written for these tests.
const run = (text: string) => {
  const start = text.toLowerCase().indexOf('weight loss');
  return intendedWeightLoss(
    detectResult(suggestion('R63.4', 0.5, { start, text: text.slice(start, start + 11) })),
    text,
  );
};

describe('weight loss named as a goal is no abnormal weight loss', () => {
  it('suppresses R63.4 when the sentence makes weight loss a goal or a treatment', () => {
    for (const text of [
      'ASSESSMENT: Obesity. We discussed a medically supervised weight loss program.',
      'Knee pain: weight loss would help her knees as much as any injection.',
      'She has been successful with weight loss since she started walking daily.',
    ]) {
      const out = run(text);
      expect(out.suggestions).toEqual([]);
      expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([['R63.4', 'intended']]);
    }
  });

  it('keeps it as a symptom when unexplained, or with no word of intention', () => {
    expect(run('Unintentional weight loss of 15 pounds despite dieting.').suggestions).toHaveLength(
      1,
    );
    expect(run('He reports weight loss and night sweats for two months.').suggestions).toHaveLength(
      1,
    );
  });
});
