import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../../src/codes/code-set.js';
import { dropLessSpecific } from '../../../../src/pipeline/rules/less-specific.js';
import { tempDir } from '../../../helpers/fixtures.js';
import {
  candidate,
  codes,
  keptState,
  ruleContext,
  ruleFixtures,
} from '../../../helpers/rule-fixtures.js';

describe('specific over unspecified', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  beforeAll(() => {
    ({ codeSet } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('drops a guessed unspecified code beside a clear specific code of its category', () => {
    const state = keptState(
      candidate('E11.9', { guessed: true, confidence: 0.9 }),
      candidate('E11.65', { confidence: 0.5 }),
    );
    dropLessSpecific(state, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['E11.65']);
    expect(state.dropped).toEqual([
      expect.objectContaining({ reason: 'less-specific', detail: 'E11.65 is more specific' }),
    ]);
  });

  it('keeps the guess when the specific code is weak, of another category, or itself a guess', () => {
    for (const other of [
      candidate('E11.65', { source: 'learned' }),
      candidate('E10.9'),
      candidate('E11.65', { guessed: true }),
    ]) {
      const state = keptState(candidate('E11.9', { guessed: true }), other);
      dropLessSpecific(state, ruleContext(codeSet));
      expect(state.kept).toHaveLength(2);
    }
  });

  it('never drops a code the note states as such', () => {
    const state = keptState(candidate('E11.9'), candidate('E11.65'));
    dropLessSpecific(state, ruleContext(codeSet));
    expect(codes(state.kept)).toEqual(['E11.9', 'E11.65']);
  });
});
