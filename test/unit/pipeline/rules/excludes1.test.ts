import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import { dropExcludes1Conflicts } from '../../../../src/pipeline/rules/excludes1.js';
import { tempDir } from '../../../helpers/fixtures.js';
import {
  candidate,
  codes,
  keptState,
  ruleContext,
  ruleFixtures,
} from '../../../helpers/rule-fixtures.js';

describe('Excludes1', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  beforeAll(() => {
    ({ codeSet } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('never reports type 1 and type 2 diabetes together: the more confident reading stays', () => {
    const state = keptState(candidate('E10.9', { confidence: 0.6 }), candidate('E11.9'));
    dropExcludes1Conflicts(state, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['E11.9']);
    expect(state.dropped).toEqual([
      expect.objectContaining({
        reason: 'excludes1-conflict',
        detail: 'Excludes1 with E11.9: never reported together',
      }),
    ]);
  });

  it('prefers a dictionary reading to a learned association, and the longer term to the shorter', () => {
    const learned = keptState(
      candidate('E10.9', { confidence: 0.95, source: 'learned' }),
      candidate('E11.9', { confidence: 0.4 }),
    );
    dropExcludes1Conflicts(learned, ruleContext(codeSet));
    expect(codes(learned.kept)).toEqual(['E11.9']);
    const longer = keptState(
      candidate('E10.9', { confidence: 0.9, length: 2 }),
      candidate('E11.65', { confidence: 0.5, length: 5 }),
    );
    dropExcludes1Conflicts(longer, ruleContext(codeSet));
    expect(codes(longer.kept)).toEqual(['E11.65']);
  });

  it('leaves codes alone that no Excludes1 note pairs, and every code of another system', () => {
    const state = keptState(
      candidate('E11.9'),
      candidate('I10'),
      candidate('N18.30'),
      candidate('E10', { system: 'HCPCS' }),
    );
    dropExcludes1Conflicts(state, ruleContext(codeSet));
    expect(state.kept).toHaveLength(4);
    expect(state.dropped).toEqual([]);
  });

  it('drops one loser per conflict even when three codes name each other', () => {
    const state = keptState(
      candidate('E11.65', { confidence: 0.9 }),
      candidate('E10.9', { confidence: 0.8 }),
      candidate('E11.9', { confidence: 0.7 }),
    );
    dropExcludes1Conflicts(state, ruleContext(codeSet));
    // E10.9 conflicts with both E11 codes and loses to the first; E11.9 then has no live rival.
    expect(codes(state.kept)).toEqual(['E11.65', 'E11.9']);
  });

  it('lets only a strong or at least as confident reading drop its rival', () => {
    // The longer term comes first, but a weak guess at 0.02 drops no reading at 0.9.
    const state = keptState(
      candidate('E11.65', { confidence: 0.02, length: 5, quality: 0.5 }),
      candidate('E10.9', { confidence: 0.9 }),
    );
    dropExcludes1Conflicts(state, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['E11.65', 'E10.9']);
    expect(state.dropped).toEqual([]);
  });
});
