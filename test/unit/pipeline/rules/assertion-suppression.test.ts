import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import type { GuidelineData } from '../../../../src/pipeline/knowledge.js';
import {
  assertionVerdict,
  judgeAssertions,
} from '../../../../src/pipeline/rules/assertion-suppression.js';
import { tempDir } from '../../../helpers/fixtures.js';
import {
  candidate,
  codes,
  keptState,
  ruleContext,
  ruleFixtures,
} from '../../../helpers/rule-fixtures.js';

describe('assertionVerdict', () => {
  it('never codes a negated finding, and keeps it only as a mention under the mentions rules', () => {
    const c = candidate('J18.9', { assertion: 'absent' });
    expect(assertionVerdict(c, 'absent', 'inpatient', false)).toEqual({
      kind: 'drop',
      reason: 'negated',
      detail: 'the note says it is absent',
    });
    expect(assertionVerdict(c, 'absent', 'inpatient', true)).toEqual({
      kind: 'keep',
      reason:
        'the note says it is absent: suggested as a mention (rules: mentions), not for a claim',
    });
  });

  it('drops what is planned: a hypothetical diagnosis, a procedure not performed (even for mentions)', () => {
    const diagnosis = candidate('J18.9', { assertion: 'hypothetical' });
    const procedure = candidate('45378', { system: 'CPT', assertion: 'hypothetical' });
    expect(assertionVerdict(diagnosis, 'hypothetical', 'outpatient', false)).toMatchObject({
      kind: 'drop',
      reason: 'hypothetical',
    });
    expect(assertionVerdict(procedure, 'hypothetical', 'outpatient', true)).toMatchObject({
      kind: 'drop',
      reason: 'not-performed',
    });
  });

  it('codes an uncertain diagnosis only in an inpatient note (guidelines IV.H and II.H)', () => {
    const c = candidate('J18.9', { assertion: 'possible' });
    expect(assertionVerdict(c, 'possible', 'outpatient', false)).toMatchObject({
      kind: 'drop',
      reason: 'uncertain-outpatient',
    });
    expect(assertionVerdict(c, 'possible', 'inpatient', false)).toEqual({
      kind: 'keep',
      reason: 'uncertain diagnosis coded as if established: inpatient setting (guideline II.H)',
    });
    expect(assertionVerdict(c, 'possible', 'outpatient', true)).toEqual({
      kind: 'keep',
      reason: 'uncertain: suggested as a mention (rules: mentions), not for a claim',
    });
  });

  it('keeps procedures whatever else is said, and hands history to the history rules', () => {
    const procedure = candidate('45378', { system: 'CPT', assertion: 'possible' });
    expect(assertionVerdict(procedure, 'possible', 'outpatient', false)).toEqual({ kind: 'keep' });
    const c = candidate('C34.90', { assertion: 'family' });
    expect(assertionVerdict(c, 'family', 'outpatient', false)).toEqual({
      kind: 'history',
      assertion: 'family',
    });
    expect(assertionVerdict(c, 'present', 'outpatient', false)).toEqual({ kind: 'keep' });
  });
});

describe('judgeAssertions', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let data: GuidelineData;
  beforeAll(() => {
    ({ codeSet, data } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('sorts the candidates into kept and dropped in their order, returning the history Z codes', () => {
    const cough = candidate('R05.9');
    const pneumonia = candidate('J18.9', { assertion: 'absent', words: 'no pneumonia' });
    const lung = candidate('C34.90', { assertion: 'historical', words: 'history of lung cancer' });
    const fever = candidate('R50.9', { assertion: 'possible' });
    const state = keptState();
    const added = judgeAssertions(
      [cough, pneumonia, lung, fever],
      state,
      ruleContext(codeSet),
      data,
    );
    expect(codes(state.kept)).toEqual(['R05.9']);
    expect(state.dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['J18.9', 'negated'],
      ['C34.90', 'personal-history'],
      ['R50.9', 'uncertain-outpatient'],
    ]);
    expect(codes(added)).toEqual(['Z85.118']);
  });

  it('a past episode named only under the past medical history heading is history; a neoplasm there is not judged so', () => {
    const uti = candidate('N39.0', { words: 'recurrent urinary tract infections', section: 'pmh' });
    const treated = candidate('J18.9', { words: 'pneumonia', section: 'assessment' });
    const cancer = candidate('C50.919', { words: 'breast cancer', section: 'pmh' });
    const state = keptState();
    const added = judgeAssertions([uti, treated, cancer], state, ruleContext(codeSet), data);
    expect(codes(state.kept)).toEqual(['J18.9', 'C50.919']);
    expect(state.dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['N39.0', 'personal-history'],
    ]);
    // The fixture's code set holds no Z87.440: the history code is made where the release has it.
    expect(codes(added)).toEqual([]);
  });
});
