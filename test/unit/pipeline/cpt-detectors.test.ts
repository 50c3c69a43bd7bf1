import { describe, expect, it } from 'vitest';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import { emLevel } from '../../../src/pipeline/cpt/em-visit.js';
import { examFacets, radiologyCode } from '../../../src/pipeline/cpt/radiology.js';
import { threeDRendering } from '../../../src/pipeline/cpt/three-d.js';
import { LEXICON } from '../../helpers/fixtures.js';

const lexicon = loadCptLexicon(LEXICON);
const codeFor = (title: string, body = ''): string | undefined => {
  const facets = examFacets(title, body);
  return facets === undefined ? undefined : radiologyCode(lexicon.entries, facets)?.code;
};

describe('radiology by modality × region × contrast × views', () => {
  it.each([
    ['CT ABDOMEN AND PELVIS WITH IV CONTRAST', '74177'],
    ['CT ABDOMEN AND PELVIS WITHOUT AND WITH CONTRAST', '74178'],
    ['CT HEAD WITHOUT CONTRAST', '70450'],
    ['MRI BRAIN WITHOUT AND WITH CONTRAST', '70553'],
    ['MRI RIGHT KNEE WITHOUT CONTRAST', '73721'],
    ['CT LEFT SHOULDER WITHOUT CONTRAST', '73200'],
    ['CT FACIAL BONES / MAXILLOFACIAL WITHOUT CONTRAST', '70486'],
    ['XR CHEST, PA AND LATERAL', '71046'],
    ['PORTABLE CHEST, 1 VIEW (AP UPRIGHT)', '71045'],
    ['RIGHT WRIST, THREE VIEWS', '73110'],
    ['ULTRASOUND ABDOMEN, COMPLETE', '76700'],
    ['RENAL ULTRASOUND, COMPLETE', '76770'],
    ['ULTRASOUND THYROID', '76536'],
    ['CAROTID DUPLEX ULTRASOUND, BILATERAL', '93880'],
    ['DUPLEX ULTRASOUND, BILATERAL LOWER EXTREMITY VEINS', '93970'],
    ['CTA CHEST PE PROTOCOL', '71275'],
  ])('%s → %s', (title, code) => {
    expect(codeFor(title)).toBe(code);
  });

  it('takes contrast from the technique when the title is silent, and reads laterality', () => {
    expect(
      codeFor('CT CHEST', 'Images were obtained following intravenous administration of contrast.'),
    ).toBe('71260');
    expect(examFacets('MRI LEFT KNEE WITHOUT CONTRAST', '')?.laterality).toBe('LT');
    expect(codeFor('Follow-up visit for diabetes')).toBeUndefined();
  });
});

describe('3D rendering', () => {
  it('tells the scanner (76376) from an independent workstation (76377)', () => {
    expect(
      threeDRendering('3D reconstructions were created on an independent workstation.')?.code,
    ).toBe('76377');
    expect(
      threeDRendering(
        '3D volume-rendered images on the scanner console; no independent workstation was used.',
      )?.code,
    ).toBe('76376');
    expect(threeDRendering('sagittal 3D T1 MPRAGE and 3D FLAIR with reformats')).toBeUndefined();
  });
});

describe('office E/M by total time', () => {
  it('chooses the level from the time table and counts prolonged units', () => {
    expect(
      emLevel(
        'NEW PATIENT VISIT\nTotal time spent on the date of the encounter: 35 minutes.',
        lexicon.emTime,
      )?.code,
    ).toBe('99203');
    expect(
      emLevel('Established patient. Time: 12 minutes total on date of service.', lexicon.emTime)
        ?.code,
    ).toBe('99212');
    const long = emLevel('New patient. Total time 95 minutes.', lexicon.emTime);
    expect(long).toMatchObject({ code: '99205', prolongedUnits: 1 });
    expect(emLevel('Established patient, no time documented.', lexicon.emTime)).toBeUndefined();
  });
});
