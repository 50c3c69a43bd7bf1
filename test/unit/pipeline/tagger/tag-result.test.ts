import { describe, expect, it } from 'vitest';
import { readSpan, type TagResult } from '../../../../src/pipeline/tagger/tag-result.js';
import { tokenWindows } from '../../../../src/pipeline/tagger/tagger.js';

/** Four tokens: "no" [0,2), "chest" [3,8), "pain" [9,13), "." [13,14). */
function tags(): TagResult {
  const assertion = new Float32Array(4 * 6);
  // "no": absent; "chest" and "pain": mostly absent; ".": present.
  assertion.set([0.1, 0.9, 0, 0, 0, 0], 0);
  assertion.set([0.2, 0.8, 0, 0, 0, 0], 6);
  assertion.set([0.4, 0.6, 0, 0, 0, 0], 12);
  assertion.set([1, 0, 0, 0, 0, 0], 18);
  return {
    starts: Int32Array.from([0, 3, 9, 13]),
    ends: Int32Array.from([2, 8, 13, 14]),
    mention: Float32Array.from([0.1, 0.8, 0.6, 0]),
    assertion,
    spans: [],
  };
}

describe('readSpan', () => {
  it('averages the tokens that overlap the span', () => {
    const r = readSpan(tags(), 3, 13);
    expect(r?.mention).toBeCloseTo(0.7, 6);
    expect(r?.assertion[0]).toBeCloseTo(0.3, 6);
    expect(r?.assertion[1]).toBeCloseTo(0.7, 6);
  });

  it('counts a token the span only partly covers', () => {
    expect(readSpan(tags(), 5, 6)?.mention).toBeCloseTo(0.8, 6);
    expect(readSpan(tags(), 7, 10)?.mention).toBeCloseTo(0.7, 6);
  });

  it('is undefined where no token lies (white space only)', () => {
    expect(readSpan(tags(), 2, 3)).toBeUndefined();
    expect(readSpan(tags(), 20, 30)).toBeUndefined();
  });
});

describe('tokenWindows', () => {
  it('covers every token with overlapping windows, the last ending at the end', () => {
    for (const n of [0, 1, 125, 126, 127, 222, 223, 1000]) {
      const windows = tokenWindows(n, 126, 96);
      expect(windows[0]?.[0]).toBe(0);
      expect(windows.at(-1)?.[1]).toBe(n);
      for (const [s, e] of windows) {
        expect(e - s).toBeLessThanOrEqual(126);
      }
      for (let i = 1; i < windows.length; i++) {
        // Consecutive windows overlap by window − stride tokens.
        expect((windows[i - 1]?.[1] ?? 0) - (windows[i]?.[0] ?? 0)).toBe(30);
      }
    }
  });

  it('cuts the same windows as the training script (0, 96, 192 … for 300 tokens)', () => {
    expect(tokenWindows(300, 126, 96)).toEqual([
      [0, 126],
      [96, 222],
      [192, 300],
    ]);
  });
});
