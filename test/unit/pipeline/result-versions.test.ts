import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../../src/codes/build-code-set.js';
import { loadCodeSet, type CodeSet } from '../../../src/codes/code-set.js';
import { RESULT_WARNINGS } from '../../../src/core/result-warnings.js';
import type { DetectResult } from '../../../src/core/types.js';
import { createBaselineDetector } from '../../../src/pipeline/baseline/baseline-detector.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { createPipeline } from '../../../src/pipeline/pipeline.js';
import { createTaggedDetector } from '../../../src/pipeline/tagged-detector.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { LEXICON, ROOT, tempDir } from '../../helpers/fixtures.js';

// Invented notes: one the lexicon knows words of, one it knows nothing of, one empty of findings.
const KNOWN = {
  id: 'a',
  text: 'Type 2 diabetes and high blood pressure, both stable on current medicines.',
};
const NOTES = [
  KNOWN,
  { id: 'b', text: 'Rash on both forearms after gardening; no fever.' },
  { id: 'c', text: 'Routine visit.' },
];
const MODEL = join(ROOT, 'dictionaries', 'learned', 'model.json');

describe('a lexicon-only code set is flagged in every result', () => {
  const t = tempDir();
  let lexiconOnly: CodeSet;
  let release: CodeSet;
  beforeAll(() => {
    const out = join(t.dir, 'lexicon-only.json');
    buildCodeSet({ icd10cm: [], lexiconOnly: true, out, lexiconDir: LEXICON });
    lexiconOnly = loadCodeSet(out);
    release = buildFixtureCodeSet(t.dir).codeSet;
  });
  afterAll(() => {
    t.cleanup();
  });

  const flagged = (r: DetectResult): void => {
    expect(r.versions.lexiconOnly).toBe(true);
    expect(r.warnings).toEqual([{ code: 'LEXICON_ONLY', message: RESULT_WARNINGS.LEXICON_ONLY }]);
  };
  const clean = (r: DetectResult): void => {
    expect(r.versions.lexiconOnly).toBe(false);
    expect(r).not.toHaveProperty('warnings');
  };

  it('the pipeline: versions.lexiconOnly and the LEXICON_ONLY warning, whatever the note holds', () => {
    const pipeline = createPipeline(loadKnowledge(lexiconOnly, LEXICON, MODEL));
    const results = NOTES.map((n) => pipeline.detect(n));
    expect(results.some((r) => r.suggestions.length > 0)).toBe(true);
    results.forEach(flagged);
    for (const rules of ['billing', 'mentions'] as const) {
      flagged(pipeline.detect(KNOWN, { rules }));
    }
  });

  it('the tagged detector (CLI, workers, eval) and the baseline carry it too', async () => {
    const detector = createTaggedDetector(
      createPipeline(loadKnowledge(lexiconOnly, LEXICON, MODEL)),
      undefined,
      'off',
    );
    for (const n of NOTES) {
      flagged(await detector.detect(n));
    }
    NOTES.map((n) => createBaselineDetector(lexiconOnly).detect(n)).forEach(flagged);
  });

  it('a code set built from the official release: lexiconOnly false and no warnings', async () => {
    const pipeline = createPipeline(loadKnowledge(release, LEXICON, MODEL));
    NOTES.map((n) => pipeline.detect(n)).forEach(clean);
    NOTES.map((n) => createBaselineDetector(release).detect(n)).forEach(clean);
    clean(await createTaggedDetector(pipeline, undefined, 'off').detect(KNOWN));
  });

  it('a tagger that could not load adds TAGGER_UNAVAILABLE to notes that asked for it, after LEXICON_ONLY', async () => {
    const detector = createTaggedDetector(
      createPipeline(loadKnowledge(lexiconOnly, LEXICON, MODEL)),
      undefined,
      'unavailable',
    );
    const asked = await detector.detect(KNOWN);
    expect(asked.warnings?.map((w) => w.code)).toEqual(['LEXICON_ONLY', 'TAGGER_UNAVAILABLE']);
    const declined = await detector.detect(KNOWN, { tagger: false });
    expect(declined.warnings?.map((w) => w.code)).toEqual(['LEXICON_ONLY']);
  });
});
