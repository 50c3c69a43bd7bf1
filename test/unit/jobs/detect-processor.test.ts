import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execDetectJob } from '../../../workers/detect-processor.js';
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

const CT = 'CT chest with 3D rendering on the scanner console. Essential hypertension.';

describe('execDetectJob', () => {
  it('fails a bad note alone with its catalogued code', async () => {
    const out = await execDetectJob(fx.detector, {
      notes: [
        { id: 'a', text: CT },
        { id: 'b', text: '' },
      ],
      options: {},
    });
    expect(out[0]?.status).toBe('succeeded');
    expect(out[1]).toMatchObject({ noteId: 'b', status: 'failed', error: { code: 'NOTE_EMPTY' } });
  });

  it('filters by threshold and systems, defaulting to the operating threshold', async () => {
    const [all] = await execDetectJob(fx.detector, {
      notes: [{ id: 'a', text: CT }],
      options: { threshold: 0 },
    });
    const [dflt] = await execDetectJob(fx.detector, {
      notes: [{ id: 'a', text: CT }],
      options: {},
    });
    const [cpt] = await execDetectJob(fx.detector, {
      notes: [{ id: 'a', text: CT }],
      options: { systems: ['CPT'], threshold: 0 },
    });
    const n = (o: typeof all): number => o?.result?.suggestions.length ?? 0;
    expect(n(all)).toBeGreaterThanOrEqual(n(dflt));
    expect(dflt?.result?.suggestions.every((s) => s.confidence >= fx.detector.threshold())).toBe(
      true,
    );
    expect(n(cpt)).toBeGreaterThan(0);
    expect(cpt?.result?.suggestions.every((s) => s.system === 'CPT')).toBe(true);
    expect(cpt?.result?.suppressed.every((s) => s.system === 'CPT')).toBe(true);
  });

  it('uses the note setting over the job setting (uncertain diagnoses: coded inpatient only)', async () => {
    const text = 'Assessment: probable type 2 diabetes mellitus.';
    const run = async (
      noteSetting: 'inpatient' | 'outpatient' | undefined,
      jobSetting: 'inpatient' | 'outpatient',
    ) => {
      const [o] = await execDetectJob(fx.detector, {
        notes: [{ id: 'x', text, ...(noteSetting ? { setting: noteSetting } : {}) }],
        options: { setting: jobSetting, threshold: 0 },
      });
      return {
        kept: o?.result?.suggestions.some((s) => s.code.startsWith('E11')) ?? false,
        reason: o?.result?.suppressed.find((s) => s.code.startsWith('E11'))?.reason,
      };
    };
    expect(await run(undefined, 'outpatient')).toEqual({
      kept: false,
      reason: 'uncertain-outpatient',
    });
    expect((await run('inpatient', 'outpatient')).kept).toBe(true);
    expect((await run('outpatient', 'inpatient')).kept).toBe(false);
  });
});
