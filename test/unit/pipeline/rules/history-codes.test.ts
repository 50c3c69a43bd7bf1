import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import type { GuidelineData } from '../../../../src/pipeline/knowledge.js';
import { addHistoryCodes, historyOutcome } from '../../../../src/pipeline/rules/history-codes.js';
import { createCodeMaker } from '../../../../src/pipeline/rules/make-code.js';
import { tempDir } from '../../../helpers/fixtures.js';
import { candidate, codes, keptState, ruleFixtures } from '../../../helpers/rule-fixtures.js';

describe('history codes', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let data: GuidelineData;
  beforeAll(() => {
    ({ codeSet, data } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('codes a family history of lung cancer as Z80.1, not as the cancer', () => {
    const c = candidate('C34.90', { assertion: 'family', confidence: 0.7 });
    const outcome = historyOutcome(c, 'family', data, createCodeMaker(codeSet), false);
    expect(outcome.replacement?.code).toBe('Z80.1');
    expect(outcome.replacement?.confidence).toBe(0.7);
    expect(outcome.replacement?.reasons).toEqual([`family history of C34.90 ${c.title}`]);
    expect(outcome.drop).toEqual({ reason: 'family-history', detail: 'coded as Z80.1 instead' });
  });

  it('codes a resolved cancer as personal history (Z85.118)', () => {
    const c = candidate('C34.90', { assertion: 'historical' });
    const outcome = historyOutcome(c, 'historical', data, createCodeMaker(codeSet), false);
    expect(outcome.replacement?.code).toBe('Z85.118');
    expect(outcome.drop?.reason).toBe('personal-history');
  });

  it('keeps "history of hypertension": a chronic condition that continues is still coded', () => {
    const c = candidate('I10', { assertion: 'historical' });
    const outcome = historyOutcome(c, 'historical', data, createCodeMaker(codeSet), false);
    expect(outcome).toEqual({
      keep: { reason: '"history of" a chronic condition that continues: still coded' },
    });
  });

  it('drops a history no Z code row covers, saying so', () => {
    const c = candidate('J18.9', { assertion: 'historical' });
    const outcome = historyOutcome(c, 'historical', data, createCodeMaker(codeSet), false);
    expect(outcome).toEqual({
      drop: { reason: 'personal-history', detail: 'history only; no history code applies' },
    });
  });

  it('under the mentions rules keeps the condition too, beside its Z code', () => {
    const c = candidate('C34.90', { assertion: 'family' });
    const outcome = historyOutcome(c, 'family', data, createCodeMaker(codeSet), true);
    expect(outcome.replacement?.code).toBe('Z80.1');
    expect(outcome.drop).toBeUndefined();
    expect(outcome.keep?.reason).toMatch(/^family history: suggested as a mention/);
  });

  it('adds each Z code once, raising the confidence of one already kept', () => {
    const kept = candidate('Z80.1', { confidence: 0.4 });
    const state = keptState(candidate('R05.9'), kept);
    addHistoryCodes(state, [
      candidate('Z80.1', { confidence: 0.8 }),
      candidate('Z85.118', { confidence: 0.5 }),
    ]);
    expect(codes(state.kept)).toEqual(['R05.9', 'Z80.1', 'Z85.118']);
    expect(kept.confidence).toBe(0.8);
  });
});
