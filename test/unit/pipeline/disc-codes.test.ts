import { describe, expect, it } from 'vitest';
import { discCodes } from '../../../src/pipeline/select/disc-codes.js';
import { detectSections } from '../../../src/text/sections.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests: operative diagnoses, spine clinic assessments.
describe.skipIf(icd10cm === undefined)('a displaced disc by region and level', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);
  const run = (text: string, ...billed: string[]) =>
    discCodes(
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

  it('codes the disc at its level, with the radiculopathy its own statement names', () => {
    expect(
      codes('ASSESSMENT: Herniated nucleus pulposus L4-5 with right L5 radiculopathy.'),
    ).toEqual(['M51.16']);
    expect(codes('IMPRESSION: Prolapsed disc at T7-T8.')).toEqual(['M51.24']);
    expect(codes('IMPRESSION: Central disc extrusion at C2-C3 with myelopathy.')).toEqual([
      'M50.01',
    ]);
  });

  it('takes radiculopathy or myelopathy from another diagnosis line about the same part of the spine', () => {
    const text =
      'POSTOPERATIVE DIAGNOSES:\n1. Sequestered disc fragment, left L5-S1.\n2. Left S1 radiculopathy.';
    const out = run(text, 'M54.17');
    expect(out.suggestions.map((s) => s.code)).toEqual(['M51.17']);
    expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([
      ['M54.17', 'excludes1-conflict'],
    ]);
    // Arm symptoms belong to the neck, not to a lumbar disc; a stenosis brings its own cause.
    expect(codes('ASSESSMENT:\n1. Disc bulge, L3-L4.\n2. Left arm radiculopathy.')).toEqual([
      'M51.26',
    ]);
    expect(
      codes(
        'IMPRESSION:\n1. Disc protrusion, L2-L3.\n2. Radiculopathy from foraminal stenosis, L4-L5.',
      ),
    ).toEqual(['M51.26']);
  });

  it('codes a region without a level, and the most superior of several cervical levels', () => {
    expect(codes('DIAGNOSES: Herniated cervical disc.')).toEqual(['M50.20']);
    expect(codes('IMPRESSION: Disc herniations at C6-7 and C4-5.')).toEqual(['M50.221']);
  });

  it('lets low back pain due to the disc and the disc without its radiculopathy give way', () => {
    const out = run('DIAGNOSIS: Herniated lumbar disk with low back pain.', 'M54.50');
    expect(out.suggestions.map((s) => s.code)).toEqual(['M51.26']);
    const more = run('ASSESSMENT:\n1. Extruded disc L4-L5.\n2. Sciatica on the right.', 'M51.26');
    expect(more.suggestions.map((s) => s.code)).toEqual(['M51.16']);
    expect(more.suppressed.map((s) => [s.code, s.reason])).toEqual([['M51.26', 'less-specific']]);
  });

  it('adds nothing for a negated or suspected disc, or outside the diagnoses', () => {
    expect(codes('IMPRESSION: No disc herniation at L4-5.')).toEqual([]);
    expect(codes('ASSESSMENT: Back pain, rule out herniated disc at L5-S1.')).toEqual([]);
    expect(codes('HISTORY: Herniated disc at L4-L5 in 2009, operated.')).toEqual([]);
  });
});
