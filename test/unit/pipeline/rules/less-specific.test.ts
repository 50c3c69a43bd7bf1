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

  it('drops a guess only beside a code under its own parent, not another branch of the category', () => {
    const other = keptState(
      candidate('M54.50', { guessed: true, confidence: 0.6 }),
      candidate('M54.9', { confidence: 0.5 }),
    );
    dropLessSpecific(other, ruleContext(codeSet));
    expect(codes(other.kept)).toEqual(['M54.50', 'M54.9']);
    const sites = keptState(
      candidate('C78.00', { guessed: true, confidence: 0.6 }),
      candidate('C78.6', { confidence: 0.7 }),
    );
    dropLessSpecific(sites, ruleContext(codeSet));
    expect(sites.kept).toHaveLength(2);
    // An assumed initial encounter gives way to the encounter the note states.
    const encounter = keptState(
      candidate('S72.001A', { guessed: true }),
      candidate('S72.001D', { confidence: 0.6 }),
    );
    dropLessSpecific(encounter, ruleContext(codeSet));
    expect(codes(encounter.kept)).toEqual(['S72.001D']);
  });
});
