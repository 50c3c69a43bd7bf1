import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuidelineData } from '../../../../src/pipeline/knowledge.js';
import { dropBundledProcedures } from '../../../../src/pipeline/rules/cpt-bundling.js';
import { tempDir } from '../../../helpers/fixtures.js';
import { candidate, codes, keptState, ruleFixtures } from '../../../helpers/rule-fixtures.js';

const cpt = (code: string) => candidate(code, { system: 'CPT' });

describe('CPT bundling', () => {
  const t = tempDir();
  let data: GuidelineData;
  beforeAll(() => {
    ({ data } = ruleFixtures(t.dir));
  });
  afterAll(() => {
    t.cleanup();
  });

  it('drops a diagnostic colonoscopy inside a therapeutic one (cpt-rules.tsv)', () => {
    const state = keptState(cpt('45378'), candidate('K63.5'), cpt('45385'));
    dropBundledProcedures(state, data);
    expect(codes(state.kept)).toEqual(['K63.5', '45385']);
    expect(state.dropped).toEqual([
      expect.objectContaining({ reason: 'bundled', detail: 'included in 45385' }),
    ]);
  });

  it('drops 3D rendering beside a CT angiography (cpt-post-processing.tsv), not beside a plain CT', () => {
    const withAngio = keptState(cpt('76376'), cpt('71275'));
    dropBundledProcedures(withAngio, data);
    expect(codes(withAngio.kept)).toEqual(['71275']);
    expect(withAngio.dropped).toEqual([
      expect.objectContaining({
        reason: 'bundled-into-angiography',
        detail: '71275 already includes image post-processing',
      }),
    ]);
    const plain = keptState(cpt('76377'), cpt('71250'));
    dropBundledProcedures(plain, data);
    expect(codes(plain.kept)).toEqual(['76377', '71250']);
  });

  it('reads the post-processing table as data: every angiography row bundles both rendering codes', () => {
    expect([...data.postProcessing.rendering].sort()).toEqual(['76376', '76377']);
    for (const angio of data.postProcessing.angiography) {
      const state = keptState(cpt(angio), cpt('76376'), cpt('76377'));
      dropBundledProcedures(state, data);
      expect(codes(state.kept)).toEqual([angio]);
    }
  });
});
