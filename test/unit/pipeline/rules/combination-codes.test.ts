import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import type { GuidelineData } from '../../../../src/pipeline/knowledge.js';
import { applyCombinationCodes } from '../../../../src/pipeline/rules/combination-codes.js';
import { tempDir } from '../../../helpers/fixtures.js';
import {
  candidate,
  codes,
  keptState,
  ruleContext,
  ruleFixtures,
} from '../../../helpers/rule-fixtures.js';

describe('combination codes', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let data: GuidelineData;
  beforeAll(() => {
    ({ codeSet, data } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('reports type 2 diabetes with CKD as E11.22, dropping the unspecified diabetes code', () => {
    const diabetes = candidate('E11.9', { confidence: 0.8 });
    const ckd = candidate('N18.30', { confidence: 0.6 });
    const state = keptState(diabetes, ckd);
    applyCombinationCodes(state, data.combinations, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['N18.30', 'E11.22']);
    const combo = state.kept[1];
    // As sure as its least sure part, with the first mention of each part as evidence.
    expect(combo?.confidence).toBe(0.6);
    expect(combo?.mentions.map((m) => m.evidence.text)).toEqual(['E11.9', 'E11.9', 'N18.30']);
    expect(state.dropped.map((d) => [d.candidate.code, d.reason])).toEqual([
      ['E11.9', 'combination-code'],
    ]);
    expect(state.dropped[0]?.detail).toMatch(/^E11\.22: type 2 diabetes with CKD/);
  });

  it('leaves a row marked for the selection to the codes the selection keeps', () => {
    // Diabetes with osteomyelitis (E11.69) is a `selected` row: nothing changes before the selection.
    const state = keptState(candidate('E11.9', { confidence: 0.8 }), candidate('M86.9'));
    applyCombinationCodes(state, data.combinations, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['E11.9', 'M86.9']);
    expect(data.combinations.find((r) => r.add === 'E11.69')?.afterSelection).toBe(true);
  });

  it('gives a combination code already read the words of its parts as evidence too', () => {
    const combo = candidate('E11.22', { confidence: 0.5, words: 'history of diabetic CKD' });
    const state = keptState(
      combo,
      candidate('E11.9', { confidence: 0.8, words: 'type 2 diabetes' }),
      candidate('N18.30', { confidence: 0.7, words: 'CKD stage 3' }),
    );
    applyCombinationCodes(state, data.combinations, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['E11.22', 'N18.30']);
    expect(combo.mentions.map((m) => m.evidence.text)).toEqual([
      'history of diabetic CKD',
      'type 2 diabetes',
      'CKD stage 3',
    ]);
  });

  it('combines hypertension with CKD into I12.9, keeping the CKD stage code', () => {
    const state = keptState(candidate('I10'), candidate('N18.30'));
    applyCombinationCodes(state, data.combinations, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['N18.30', 'I12.9']);
    expect(state.dropped.map((d) => d.candidate.code)).toEqual(['I10']);
  });

  it('needs every part read clearly: a learned association alone combines nothing', () => {
    const state = keptState(candidate('I10'), candidate('N18.30', { source: 'learned' }));
    applyCombinationCodes(state, data.combinations, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['I10', 'N18.30']);
    expect(state.dropped).toEqual([]);
  });

  it('lets a combination code found directly replace its parts, unless the linker guessed it', () => {
    const found = keptState(candidate('I12.9'), candidate('I10', { confidence: 0.2 }));
    applyCombinationCodes(found, data.combinations, ruleContext(codeSet));
    expect(codes(found.kept)).toEqual(['I12.9']);
    const guessed = keptState(candidate('I12.9', { guessed: true }), candidate('I10'));
    applyCombinationCodes(guessed, data.combinations, ruleContext(codeSet));
    expect(codes(guessed.kept)).toEqual(['I12.9', 'I10']);
  });

  it('applies a billing-only row under the billing rules, never under the mentions rules', () => {
    const row = {
      when: [['E11.9'], ['N18.3']],
      add: 'E11.22',
      suppress: ['E11.9'],
      note: 'a row of the team table marked billing',
      billingOnly: true,
    };
    const billing = keptState(candidate('E11.9'), candidate('N18.30'));
    applyCombinationCodes(billing, [row], ruleContext(codeSet));
    expect(codes(billing.kept)).toEqual(['N18.30', 'E11.22']);
    const mentions = keptState(candidate('E11.9'), candidate('N18.30'));
    applyCombinationCodes(mentions, [row], ruleContext(codeSet, { mentions: true }));
    expect(codes(mentions.kept)).toEqual(['E11.9', 'N18.30']);
    // Nor does a billing-only combination found directly replace its parts there.
    const found = keptState(candidate('E11.22'), candidate('E11.9'));
    applyCombinationCodes(found, [row], ruleContext(codeSet, { mentions: true }));
    expect(codes(found.kept)).toEqual(['E11.22', 'E11.9']);
  });
});
