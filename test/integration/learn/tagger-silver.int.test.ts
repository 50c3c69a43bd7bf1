import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidencedDoc } from '../../../src/learn/codiesp-evidence.js';
import { silverDoc } from '../../../src/learn/tagger-silver.js';
import { fixturePipeline, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';

let t: { dir: string; cleanup: () => void };
let fx: FixturePipeline;
beforeAll(() => {
  t = tempDir();
  fx = fixturePipeline(t.dir);
});
afterAll(() => {
  t.cleanup();
});

describe('silverDoc (the tagger’s training labels)', () => {
  const text = 'Type 2 diabetes mellitus. No hypertension. Severe headache since Monday.';
  const at = (words: string): { start: number; end: number } => ({
    start: text.indexOf(words),
    end: text.indexOf(words) + words.length,
  });
  const doc: EvidencedDoc = {
    id: 'n1',
    text,
    gold: ['E11.9', 'R51', 'I10'],
    evidence: new Map([
      ['E11.9', new Set([0])],
      ['R51', new Set([2])],
      ['I10', new Set([1])],
    ]),
    // I10 has no evidence words (the projection found none): it labels nothing.
    spans: new Map([
      ['E11.9', [at('Type 2 diabetes mellitus')]],
      ['R51', [at('headache')]],
    ]),
  };

  it('evidence: labels the coders’ evidence words as mentions, typed by code (R codes are symptoms)', () => {
    const silver = silverDoc(fx.pipeline, doc, 'evidence');
    expect(silver.mentions).toEqual([
      { ...at('Type 2 diabetes mellitus'), type: 'PROBLEM' },
      { ...at('headache'), type: 'SYMPTOM' },
    ]);
    expect(silver.codes).toEqual([
      { ...at('Type 2 diabetes mellitus'), codes: ['E11.9'] },
      { ...at('headache'), codes: ['R51'] },
    ]);
  });

  it('silver (the default): labels the pipeline’s mentions of the categories the coders coded', () => {
    const silver = silverDoc(fx.pipeline, doc);
    const labelled = silver.mentions.map((m) => [text.slice(m.start, m.end), m.type]);
    expect(labelled).toContainEqual(['Type 2 diabetes mellitus', 'PROBLEM']);
    // The coders coded I10 although the note negates it (CodiEsp codes mentions): still a mention.
    expect(labelled).toContainEqual(['hypertension', 'PROBLEM']);
    expect(silver.mentions.every((m) => m.end > m.start)).toBe(true);
    // The evidence spans are there for the experimental code head whatever the mention labels.
    expect(silver.codes).toEqual(silverDoc(fx.pipeline, doc, 'evidence').codes);
  });

  it('takes assertions from the pipeline’s candidates, negated ones included', () => {
    const silver = silverDoc(fx.pipeline, doc, 'evidence');
    const htn = silver.assertions.find((a) => text.slice(a.start, a.end) === 'hypertension');
    expect(htn?.assertion).toBe('absent');
    const dm = silver.assertions.find((a) => text.slice(a.start, a.end).includes('diabetes'));
    expect(dm?.assertion).toBe('present');
    for (const a of silver.assertions) {
      expect(a.end).toBeGreaterThan(a.start);
    }
  });
});
