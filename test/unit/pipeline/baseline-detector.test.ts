import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import type { Detector } from '../../../src/core/types.js';
import { createBaselineDetector } from '../../../src/pipeline/baseline/baseline-detector.js';
import { tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';

describe('baseline detector', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let detector: Detector;
  beforeAll(() => {
    codeSet = buildFixtureCodeSet(t.dir).codeSet;
    detector = createBaselineDetector(codeSet);
  });
  afterAll(() => {
    t.cleanup();
  });

  it('proposes codes whose title or inclusion term appears word for word, with exact evidence offsets', () => {
    const text =
      'Pt has TYPE 2 DIABETES MELLITUS, and high blood pressure.\nCT of the head or brain, no contrast.';
    const result = detector.detect({ id: 'n', text });
    const codes = result.suggestions.map((s) => s.code).sort();
    expect(codes).toEqual(['70450', 'E11', 'I10']);
    for (const s of result.suggestions) {
      expect(s.confidence).toBe(1);
      for (const e of s.evidence) {
        expect(text.slice(e.start, e.end)).toBe(e.text);
      }
    }
    expect(result.suggestions.find((s) => s.code === 'I10')?.evidence[0]?.text).toBe(
      'high blood pressure',
    );
    expect(result.versions.detector).toBe('baseline');
  });

  it('drops nonessential modifiers from inclusion terms and ignores context (it is the baseline)', () => {
    const result = detector.detect({ id: 'n', text: 'No hypertension.' });
    expect(result.suggestions.map((s) => s.code)).toEqual(['I10']);
  });

  it('finds nothing in unrelated text', () => {
    expect(detector.detect({ id: 'n', text: 'Patient feels well today.' }).suggestions).toEqual([]);
  });
});
