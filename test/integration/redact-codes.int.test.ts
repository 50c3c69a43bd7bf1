import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../src/codes/code-set.js';
import type { Setting } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/pipeline.js';
import { createTaggedDetector } from '../../src/pipeline/tagged-detector.js';
import { sharedRedactor } from '../../src/redact/shared-redactor.js';
import { execDetectJob } from '../../workers/detect-processor.js';
import { LEXICON, ROOT, tempDir } from '../helpers/fixtures.js';
import { testData } from '../helpers/test-data.js';

const icd10cm = testData('icd10cm');
const labeled = testData('notes', 'mtsamples', 'labeled-dev.jsonl');

/**
 * Redaction must not cost a code: on the MTSamples coded dev notes (real transcriptions with their
 * placeholders and leftover names), the suggestions of a `redact: true` job equal those without it,
 * and — the stronger check that no clinical word is redacted — coding the redacted text gives the
 * same suggestions as coding the original.
 */
describe.skipIf(icd10cm === undefined || labeled === undefined)(
  'codes unchanged by redaction (MTSamples labeled dev)',
  () => {
    const t = tempDir();
    let pipeline: Pipeline;
    const notes = readFileSync(labeled ?? '', 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; text: string; setting?: Setting });
    beforeAll(() => {
      const out = join(t.dir, 'codeset.json');
      buildCodeSet({ icd10cm: [icd10cm ?? ''], out, lexiconDir: LEXICON });
      pipeline = createPipeline(
        loadKnowledge(
          loadCodeSet(out),
          LEXICON,
          join(ROOT, 'dictionaries', 'learned', 'model.json'),
        ),
      );
    });
    afterAll(() => {
      t.cleanup();
    });

    it('a redact: true job suggests exactly what a plain job does, on every note', async () => {
      const detector = createTaggedDetector(pipeline, undefined);
      const chunk = notes.map((n) => ({
        id: n.id,
        text: n.text,
        ...(n.setting ? { setting: n.setting } : {}),
      }));
      const plain = await execDetectJob(detector, { notes: chunk, options: {} });
      const red = await execDetectJob(detector, { notes: chunk, options: { redact: true } });
      const codes = (o: (typeof plain)[number] | undefined): string[] =>
        (o?.result?.suggestions ?? []).map((s) => `${s.code} ${String(s.confidence)}`);
      expect(red.map(codes)).toEqual(plain.map(codes));
      expect(red.every((o) => o.result?.redacted !== undefined)).toBe(true);
    });

    it('coding the redacted text gives the same suggestions as coding the original', () => {
      const redactor = sharedRedactor();
      const changed: string[] = [];
      for (const n of notes) {
        const at = (text: string): string[] =>
          pipeline
            .detect({ id: n.id, text, ...(n.setting ? { setting: n.setting } : {}) })
            .suggestions.filter((s) => s.confidence >= pipeline.threshold)
            .map((s) => s.code)
            .sort();
        const before = at(n.text);
        const after = at(redactor.redact(n.text).text);
        if (before.join() !== after.join()) {
          changed.push(`${n.id}: ${before.join(' ')} → ${after.join(' ')}`);
        }
      }
      expect(changed).toEqual([]);
    });
  },
);
