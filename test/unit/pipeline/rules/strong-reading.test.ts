import { describe, expect, it } from 'vitest';
import { createStrongReading } from '../../../../src/pipeline/rules/strong-reading.js';
import { candidate } from '../../../helpers/rule-fixtures.js';

describe('strong reading', () => {
  it('is a present dictionary reading, confident or clear', () => {
    const strong = createStrongReading(0.3);
    expect(strong(candidate('J18.9', { confidence: 0.5, quality: 0.5, length: 1 }))).toBe(true);
    // Below the operating threshold, a tight match or a good long one still counts.
    expect(strong(candidate('J18.9', { confidence: 0.1, quality: 0.95, length: 1 }))).toBe(true);
    expect(strong(candidate('J18.9', { confidence: 0.1, quality: 0.75, length: 3 }))).toBe(true);
    expect(strong(candidate('J18.9', { confidence: 0.1, quality: 0.75, length: 2 }))).toBe(false);
  });

  it('is never a learned association alone, nor an absent finding', () => {
    const strong = createStrongReading(0.3);
    expect(strong(candidate('J18.9', { source: 'learned' }))).toBe(false);
    expect(strong(candidate('J18.9', { source: 'learned-doc' }))).toBe(false);
    expect(strong(candidate('J18.9', { assertion: 'absent' }))).toBe(false);
  });

  it('answers again when a rule changed the candidate', () => {
    const strong = createStrongReading(0.3);
    const c = candidate('J18.9', { confidence: 0.1, quality: 0.6, length: 1 });
    expect(strong(c)).toBe(false);
    c.confidence = 0.6;
    expect(strong(c)).toBe(true);
  });
});
