import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../eval/datasets/read-dataset.js';
import type { EvalSummary } from '../../eval/metrics/evaluate.js';
import { inProcessCoder, runEval } from '../../eval/run-eval.js';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../src/codes/code-set.js';
import { createBaselineDetector } from '../../src/pipeline/baseline/baseline-detector.js';
import { LEXICON, tempDir } from '../helpers/fixtures.js';
import { testData } from '../helpers/test-data.js';

const icd10cm = testData('icd10cm');
const codiespDev = testData('codiesp', 'dev');

describe.skipIf(icd10cm === undefined || codiespDev === undefined)(
  'baseline on CodiEsp dev (NOTECODER_TEST_DATA)',
  () => {
    const t = tempDir();
    let summary: EvalSummary;
    let wall = 0;
    beforeAll(async () => {
      const out = join(t.dir, 'codeset.json');
      buildCodeSet({ icd10cm: [icd10cm ?? ''], out, lexiconDir: LEXICON });
      const started = performance.now();
      const codeSet = loadCodeSet(out);
      summary = await runEval({
        dataset: readDataset(codiespDev ?? ''),
        coder: inProcessCoder(createBaselineDetector(codeSet)),
        codeSet,
      });
      wall = (performance.now() - started) / 1000;
    });
    afterAll(() => {
      t.cleanup();
    });

    it('scores all 250 dev notes with the summary shape the CLI prints', () => {
      expect(summary.dataset).toBe('codiesp/dev');
      expect(summary.documents).toBe(250);
      expect(summary.detector).toBe('baseline');
      expect(summary.bySystem['ICD-10-CM']?.gold).toBe(2_677);
      // CodiEsp was coded with CIE-10-ES 2018: some gold codes are not FY2026 ICD-10-CM codes; scored as given.
      expect(summary.goldCodesUnknown.distinct).toBeGreaterThan(10);
      expect(summary.goldCodesUnknown.distinct).toBeLessThan(200);
      expect(wall).toBeLessThan(30);
    });

    it('lands in the sane range of a word-for-word title matcher', () => {
      expect(summary.map).toBeGreaterThan(0.02);
      expect(summary.map).toBeLessThan(0.3);
      expect(summary.micro.p).toBeGreaterThan(0.1);
      expect(summary.micro.r).toBeGreaterThan(0.02);
      expect(summary.micro.r).toBeLessThan(0.4);
      expect(summary.category?.micro.f1).toBeGreaterThan(summary.micro.f1);
      // Every baseline suggestion has confidence 1, so calibration error is 1 − precision.
      expect(summary.ece).toBeCloseTo(1 - summary.micro.p, 5);
      expect(summary.prCurve.length).toBeGreaterThan(0);
    });
  },
);
