import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import type { GuidelineData } from '../../../../src/pipeline/knowledge.js';
import { applyGuidelines } from '../../../../src/pipeline/rules/guideline-rules.js';
import { tempDir } from '../../../helpers/fixtures.js';
import { candidate, codes, ruleContext, ruleFixtures } from '../../../helpers/rule-fixtures.js';

describe('applyGuidelines', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let data: GuidelineData;
  beforeAll(() => {
    ({ codeSet, data } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  // "Type 2 diabetes with CKD stage 3, pneumonia with fever; 'type 1 diabetes' in an old problem list;
  // mother had lung cancer; a colonoscopy with snare polypectomy."
  const note = () => [
    candidate('E11.9', { confidence: 0.8 }),
    candidate('N18.30', { confidence: 0.7 }),
    candidate('J18.9', { confidence: 0.9 }),
    candidate('R50.9', { confidence: 0.6 }),
    candidate('E10.9', { confidence: 0.5 }),
    candidate('C34.90', { assertion: 'family', confidence: 0.6 }),
    candidate('45378', { system: 'CPT' }),
    candidate('45385', { system: 'CPT' }),
  ];

  it('runs the families in order under the billing rules', () => {
    const { kept, dropped } = applyGuidelines(note(), ruleContext(codeSet), data);
    expect(codes(kept)).toEqual(['N18.30', 'J18.9', '45385', 'Z80.1', 'E11.22']);
    expect(dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['C34.90', 'family-history'],
      ['E11.9', 'combination-code'],
      ['E10.9', 'excludes1-conflict'],
      ['R50.9', 'integral-symptom'],
      ['45378', 'bundled'],
    ]);
  });

  it('keeps Excludes1 pairs, integral symptoms and history mentions under the mentions rules', () => {
    const { kept, dropped } = applyGuidelines(
      note(),
      ruleContext(codeSet, { mentions: true }),
      data,
    );
    expect(codes(kept)).toEqual([
      'N18.30',
      'J18.9',
      'R50.9',
      'E10.9',
      'C34.90',
      '45385',
      'Z80.1',
      'E11.22',
    ]);
    expect(dropped.map((d) => d.reason)).toEqual(['combination-code', 'bundled']);
  });
});
