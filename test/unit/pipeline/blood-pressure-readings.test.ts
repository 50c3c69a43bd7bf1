import { describe, expect, it } from 'vitest';
import { bloodPressureReadings } from '../../../src/pipeline/select/blood-pressure-readings.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';

/** I10 read from `word` where it first stands in `text`, beside a sprain, as the selection leaves it. */
function run(text: string, word = 'hypertensive', extra: string[] = []) {
  const start = text.toLowerCase().indexOf(word.toLowerCase());
  return bloodPressureReadings(
    detectResult(
      suggestion('I10', 0.6, { start, text: text.slice(start, start + word.length) }),
      suggestion('S93.402A', 0.5),
      ...extra.map((code) => suggestion(code, 0.4)),
    ),
    text,
    undefined,
    0.3,
  );
}
const codes = (text: string, word?: string, extra?: string[]): string[] =>
  run(text, word, extra).suggestions.map((s) => s.code);

// Phrasings written for these tests.
describe('a blood-pressure reading called hypertensive', () => {
  it('is no diagnosis of hypertension', () => {
    expect(codes('He was markedly hypertensive on arrival, 182/104, from pain.')).toEqual([
      'S93.402A',
    ]);
    expect(codes('She became hypertensive during the infusion.')).toEqual(['S93.402A']);
    expect(codes('Blood pressure response: hypertensive.')).toEqual(['S93.402A']);
    expect(codes('Found to be tachycardic and hypertensive in triage.')).toEqual(['S93.402A']);
    const result = run('The patient is hypertensive today at 160/100.');
    expect(result.suppressed.map((s) => [s.code, s.reason])).toEqual([
      ['I10', 'reading-not-diagnosis'],
    ]);
  });

  it('is no systemic hypertension when said of a heart chamber', () => {
    expect(codes('Impression: hypertensive right ventricle.')).toEqual(['S93.402A']);
  });

  it('keeps I10 where the word names the patient’s disease', () => {
    expect(codes('A 63-year-old hypertensive woman with chest pain.')).toContain('I10');
    expect(codes('He is a known hypertensive on two agents.')).toContain('I10');
    expect(codes('Long-standing hypertensive, on lisinopril.')).toContain('I10');
    expect(codes('Hypertension, on amlodipine.', 'hypertension')).toContain('I10');
  });

  it('keeps I10 when any of its words is a diagnosis', () => {
    const text = 'History of hypertension. She is hypertensive today.';
    const result = bloodPressureReadings(
      detectResult({
        ...suggestion('I10', 0.6),
        evidence: [
          { start: 11, end: 23, text: 'hypertension' },
          { start: 32, end: 44, text: 'hypertensive' },
        ],
      }),
      text,
      undefined,
      0.3,
    );
    expect(result.suggestions.map((s) => s.code)).toEqual(['I10']);
  });

  it('drops an elevated reading (R03.0) beside a diagnosed hypertension', () => {
    expect(
      codes('Hypertension, on amlodipine; elevated today.', 'hypertension', ['R03.0']),
    ).toEqual(['I10', 'S93.402A']);
    const alone = bloodPressureReadings(
      detectResult(suggestion('R03.0', 0.4), suggestion('S93.402A', 0.5)),
      'Blood pressure elevated at 150/95 today. Ankle sprain.',
      undefined,
      0.3,
    );
    expect(alone.suggestions.map((s) => s.code)).toEqual(['R03.0', 'S93.402A']);
    // ... nor beside a hypertension read below the threshold.
    const weak = bloodPressureReadings(
      detectResult(suggestion('R03.0', 0.4), {
        ...suggestion('I10', 0.1),
        evidence: [{ start: 0, end: 12, text: 'hypertension' }],
      }),
      'hypertension was considered',
      undefined,
      0.3,
    );
    expect(weak.suggestions.map((s) => s.code)).toEqual(['R03.0', 'I10']);
  });
});
