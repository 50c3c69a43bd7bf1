import { describe, expect, it } from 'vitest';
import { routineCircumcision } from '../../../src/pipeline/select/routine-circumcision.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';

describe('the routine circumcision encounter (Z41.2)', () => {
  const cpt = (code: string) => suggestion(code, 0.9, { system: 'CPT' });
  const run = (...s: ReturnType<typeof suggestion>[]) =>
    routineCircumcision(detectResult(...s), 0.3);

  it('stays for a circumcision done with no medical indication', () => {
    const out = run(cpt('54150'), suggestion('Z41.2', 0.6), suggestion('Z38.00', 0.5));
    expect(out.suggestions.map((s) => s.code)).toEqual(['54150', 'Z41.2', 'Z38.00']);
  });

  it('goes when the note bills the indication (phimosis), or when no circumcision is billed', () => {
    const indicated = run(cpt('54161'), suggestion('Z41.2', 0.6), suggestion('N47.1', 0.7));
    expect(indicated.suggestions.map((s) => s.code)).toEqual(['54161', 'N47.1']);
    expect(indicated.suppressed.map((s) => [s.code, s.reason])).toEqual([
      ['Z41.2', 'medical-indication'],
    ]);
    const exam = run(suggestion('Z41.2', 0.5), suggestion('J06.9', 0.7));
    expect(exam.suppressed.map((s) => [s.code, s.reason])).toEqual([['Z41.2', 'not-performed']]);
  });
});
