import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../../src/pipeline/knowledge.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { createPipeline } from '../../../src/pipeline/pipeline.js';
import { LEXICON, ROOT, tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { join } from 'node:path';

const CANDIDATE_STAGES = [
  'tokens',
  'sections',
  'abbreviations',
  'assertion',
  'termMatching',
  'performedProcedures',
  'linking',
  'learnedAssociations',
  'taggerMentions',
  'cptDetectors',
  'cptUpgrades',
  'scoring',
];

// Invented for this test: a diabetic outpatient visit with a negated finding and a family history.
const NOTE = {
  id: 'n1',
  text: [
    'ASSESSMENT: Type 2 diabetes mellitus with hyperglycemia. Essential hypertension.',
    'No fracture of the right femur. Mother with lung cancer.',
  ].join('\n'),
};

describe('the pipeline as its stages', () => {
  const t = tempDir();
  let knowledge: Knowledge;
  beforeAll(() => {
    const { codeSet } = buildFixtureCodeSet(t.dir);
    knowledge = loadKnowledge(
      codeSet,
      LEXICON,
      join(ROOT, 'dictionaries', 'learned', 'model.json'),
    );
  });
  afterAll(() => {
    t.cleanup();
  });

  /** A pipeline whose timing hook records the stages of each call, in order. */
  const recorded = () => {
    const calls: { stage: string; ms: number }[] = [];
    const pipeline = createPipeline(knowledge, {
      timing: { record: (stage, ms) => calls.push({ stage, ms }) },
    });
    return { pipeline, calls };
  };

  it('times every stage of detect once per note, in the listed order', () => {
    const { pipeline, calls } = recorded();
    pipeline.detect(NOTE);
    expect(calls.map((c) => c.stage)).toEqual([
      ...CANDIDATE_STAGES,
      'guidelineRules',
      'result',
      'selection',
      'claim',
    ]);
    expect(calls.every((c) => c.ms >= 0 && Number.isFinite(c.ms))).toBe(true);
    calls.length = 0;
    pipeline.features(NOTE);
    expect(calls.map((c) => c.stage)).toEqual([...CANDIDATE_STAGES, 'guidelineRules', 'features']);
    calls.length = 0;
    pipeline.mentions(NOTE);
    expect(calls.map((c) => c.stage)).toEqual(CANDIDATE_STAGES);
  });

  it('gives the same answers with the timing hook as without it', () => {
    const plain = createPipeline(knowledge);
    const { pipeline } = recorded();
    for (const setting of ['outpatient', 'inpatient'] as const) {
      for (const rules of ['billing', 'mentions'] as const) {
        const detected = plain.detect(NOTE, { setting, rules });
        expect(pipeline.detect(NOTE, { setting, rules })).toEqual(detected);
        expect(detected.suggestions.length).toBeGreaterThan(0);
      }
    }
    expect(pipeline.features(NOTE)).toEqual(plain.features(NOTE));
    expect(pipeline.mentions(NOTE)).toEqual(plain.mentions(NOTE));
  });

  it('reads the note through the stages: negated and family-history findings are suppressed', () => {
    const result = createPipeline(knowledge).detect(NOTE);
    const suppressed = new Map(result.suppressed.map((s) => [s.code, s.reason]));
    expect(result.suggestions.map((s) => s.code)).toContain('E11.65');
    expect(suppressed.get('S72.001A')).toBe('negated');
    expect([...suppressed.values()]).toContain('family-history');
  });
});
