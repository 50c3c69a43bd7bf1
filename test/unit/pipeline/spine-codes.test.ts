import { describe, expect, it } from 'vitest';
import { spineCodes } from '../../../src/pipeline/select/spine-codes.js';
import { detectSections } from '../../../src/text/sections.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests: spine clinic assessments, MRI impressions, operative diagnoses.
describe.skipIf(icd10cm === undefined)(
  'spinal stenosis, spondylolisthesis and spondylosis by region',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);
    const run = (text: string, ...billed: string[]) =>
      spineCodes(
        detectResult(...billed.map((c) => suggestion(c, 0.6))),
        text,
        detectSections(text),
        codeSet(),
        0.3,
      );
    const codes = (text: string, ...billed: string[]): string[] =>
      run(text, ...billed)
        .suggestions.map((s) => s.code)
        .sort();

    it('codes stenosis by each level a statement names, lumbar by neurogenic claudication', () => {
      expect(
        codes('IMPRESSION: Severe canal narrowing with lateral recess stenosis at L3-4 and L5-S1.'),
      ).toEqual(['M48.061', 'M48.07']);
      expect(
        codes('ASSESSMENT: Lumbar spinal stenosis with neurogenic claudication, walks one block.'),
      ).toEqual(['M48.062']);
      expect(codes('IMPRESSION: Foraminal stenosis at C6 to C7 on the right.')).toEqual(['M48.02']);
      expect(codes('IMPRESSION: Stenosis at T12-L1 from a bulging disc.')).toEqual(['M48.05']);
    });

    it('codes spondylosis by myelopathy or radiculopathy, facet syndrome as other spondylosis', () => {
      expect(codes('ASSESSMENT: Spondylotic myelopathy of the cervical spine.')).toEqual([
        'M47.12',
      ]);
      expect(codes('ASSESSMENT: Lumbar spondylosis with right L5 radiculopathy.')).toEqual([
        'M47.26',
      ]);
      expect(
        codes('ASSESSMENT: Uncovertebral joint arthrosis at C4-5, no neurologic deficit.'),
      ).toEqual(['M47.812']);
      expect(codes('ASSESSMENT: Left thoracic facet joint syndrome.')).toEqual(['M47.894']);
    });

    it('codes spondylolisthesis at the level it slips over (L5 on S1 is lumbosacral)', () => {
      expect(codes('IMPRESSION: Grade 2 degenerative spondylolisthesis of L5 on S1.')).toEqual([
        'M43.17',
      ]);
      expect(codes('IMPRESSION: Retrolisthesis of C4 on C5.')).toEqual(['M43.12']);
      expect(codes('ASSESSMENT: Anterolisthesis of L3 on L4 with back pain.')).toEqual(['M43.16']);
    });

    it('lets the unsited code and the same statement’s other regions give way', () => {
      const out = run('ASSESSMENT: Spinal stenosis at L2-3 and L3-4.', 'M48.00');
      expect(out.suggestions.map((s) => s.code)).toEqual(['M48.061']);
      expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([['M48.00', 'less-specific']]);
    });

    it('adds nothing for a vessel, a negated statement, a history section or no region', () => {
      expect(codes('IMPRESSION: 60% stenosis of the left internal carotid artery.')).toEqual([]);
      expect(codes('IMPRESSION: No significant canal stenosis at L4-5.')).toEqual([]);
      expect(codes('PAST MEDICAL HISTORY: Lumbar stenosis at L4-5, operated.')).toEqual([]);
      expect(codes('ASSESSMENT: Multilevel spondylosis.')).toEqual([]);
    });
  },
);
