import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import type { GuidelineData } from '../../../../src/pipeline/knowledge.js';
import { dropIntegralSymptoms } from '../../../../src/pipeline/rules/integral-symptoms.js';
import { tempDir } from '../../../helpers/fixtures.js';
import {
  candidate,
  codes,
  keptState,
  ruleContext,
  ruleFixtures,
} from '../../../helpers/rule-fixtures.js';

describe('integral symptoms', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let data: GuidelineData;
  beforeAll(() => {
    ({ codeSet, data } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('drops fever and cough beside a clearly stated pneumonia (guideline I.B.5)', () => {
    const state = keptState(candidate('R50.9'), candidate('J18.9'), candidate('R05.9'));
    dropIntegralSymptoms(state, data.integral, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['J18.9']);
    expect(state.dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['R50.9', 'integral-symptom'],
      ['R05.9', 'integral-symptom'],
    ]);
    expect(state.dropped[0]?.detail).toBe(
      'a routine sign of J18.9 title of J18.9 (guideline I.B.5)',
    );
  });

  it('a finding outside chapter 18 the table names goes too: pleural effusion beside heart failure, not alone', () => {
    const chf = keptState(candidate('J90'), candidate('I50.23'), candidate('I10'));
    dropIntegralSymptoms(chf, data.integral, ruleContext(codeSet));
    expect(codes(chf.kept)).toEqual(['I50.23', 'I10']);
    expect(chf.dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['J90', 'integral-symptom'],
    ]);
    const alone = keptState(candidate('J90'), candidate('I10'));
    dropIntegralSymptoms(alone, data.integral, ruleContext(codeSet));
    expect(codes(alone.kept)).toEqual(['J90', 'I10']);
  });

  it('keeps a symptom beside an unrelated diagnosis, or beside a diagnosis read only weakly', () => {
    const unrelated = keptState(candidate('R50.9'), candidate('E11.9'));
    dropIntegralSymptoms(unrelated, data.integral, ruleContext(codeSet));
    expect(codes(unrelated.kept)).toEqual(['R50.9', 'E11.9']);
    const weak = keptState(
      candidate('R50.9'),
      candidate('J18.9', { confidence: 0.1, quality: 0.6, length: 1 }),
    );
    dropIntegralSymptoms(weak, data.integral, ruleContext(codeSet, { operating: 0.3 }));
    expect(codes(weak.kept)).toEqual(['R50.9', 'J18.9']);
  });

  it('reads every row of a symptom: upper abdominal pain goes beside cholecystitis, right lower quadrant pain and gallstones alone do not', () => {
    const cholecystitis = keptState(candidate('R10.11'), candidate('K81.0'), candidate('R10.31'));
    dropIntegralSymptoms(cholecystitis, data.integral, ruleContext(codeSet));
    expect(codes(cholecystitis.kept)).toEqual(['K81.0', 'R10.31']);
    const stones = keptState(candidate('R10.11'), candidate('K80.20'));
    dropIntegralSymptoms(stones, data.integral, ruleContext(codeSet));
    expect(codes(stones.kept)).toEqual(['R10.11', 'K80.20']);
    const diverticula = keptState(candidate('R10.32'), candidate('K57.30'), candidate('R10.9'));
    dropIntegralSymptoms(diverticula, data.integral, ruleContext(codeSet));
    expect(codes(diverticula.kept)).toEqual(['R10.32', 'K57.30', 'R10.9']);
    const diverticulitis = keptState(candidate('R10.32'), candidate('K57.32'));
    dropIntegralSymptoms(diverticulitis, data.integral, ruleContext(codeSet));
    expect(codes(diverticulitis.kept)).toEqual(['K57.32']);
  });
});
