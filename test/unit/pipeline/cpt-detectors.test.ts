import { describe, expect, it } from 'vitest';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import { emVisit } from '../../../src/pipeline/cpt/em/em-visit.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import type { CodeSet } from '../../../src/codes/code-set.js';
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
    ['CHEST, AP AND LAT', '71046'],
    ['CT ANGIOGRAPHY, CORONARY ARTERIES, WITH CALCIUM SCORE', '75574'],
    ['CHEST 2 VIEWS; HEART SIZE QUERY', '71046'],
    ['ENDOVAGINAL ULTRASOUND', '76830'],
    ['MRI/UPPER EXT NOT JNT LT W/O CONTRAST', '73218'],
    ['MRI LOWER EXT JOINT RT W/O CONTRAST', '73721'],
    ['CARDIAC CT INCLUDING CORONARY CT ANGIOGRAPHY', '75574'],
    ['SKULL X-RAY, FIVE VIEWS', '70260'],
    ['FACIAL BONES, TWO VIEWS', '70140'],
    ['NASAL BONES X-RAY', '70160'],
    ['MANDIBLE X-RAY, 4 VIEWS', '70110'],
    ['SINUS FILMS, THREE VIEWS', '70220'],
    ['LEFT RIBS, TWO VIEWS', '71100'],
    ['BILATERAL RIBS WITH PA CHEST, FIVE VIEWS', '71111'],
    ['RIGHT CLAVICLE X-RAY', '73000'],
    ['SACRUM AND COCCYX X-RAY', '72220'],
    ['CT SINUSES WITHOUT CONTRAST', '70486'],
    ['CT SKULL WITHOUT CONTRAST', '70450'],
    ['MRI RIGHT KNEE WITHOUT GADOLINIUM', '73721'],
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

  it('reads a labelled title that names a region only by the report’s opening', () => {
    const labelled = (title: string, body: string): string | undefined => {
      const facets = examFacets(title, body, true);
      return facets === undefined ? undefined : radiologyCode(lexicon.entries, facets)?.code;
    };
    expect(
      labelled(
        'Thoracic spine.',
        'The spine was examined in AP, lateral and swimmer’s projections.',
      ),
    ).toBe('72072');
    expect(labelled('Brain.', 'Axial T1 and T2 weighted MRI images without contrast.')).toBe(
      '70551',
    );
    // Not from an unlabelled title, nor with two modalities or two regions in view.
    expect(codeFor('Thoracic spine.', 'AP and lateral views were obtained.')).toBeUndefined();
    expect(labelled('Brain.', 'MRI compared with the CT of last year.')).toBeUndefined();
    expect(
      labelled('Cervical, lumbosacral, thoracic spine.', 'AP and lateral views.'),
    ).toBeUndefined();
  });

  it('reads a scan’s region from its extent and its contrast from the agent', () => {
    const technique = (t: string): string | undefined => codeFor(t);
    expect(
      technique('Axial CT images from the skull base to the thoracic inlet with contrast'),
    ).toBe('70491');
    expect(
      technique('Axial CT images from the thoracic inlet to the upper abdomen without contrast'),
    ).toBe('71250');
    expect(
      technique('Axial CT images from the lung bases to the symphysis after 100 mL Omnipaque'),
    ).toBe('74177');
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
  const em = loadKnowledge({} as CodeSet, LEXICON).guidelines.em;
  const codes = (text: string): string[] =>
    emVisit(text, em, { setting: 'outpatient' }).map((c) => c.code);

  it('chooses the level from the time table and counts prolonged units', () => {
    expect(
      codes('NEW PATIENT VISIT\nTotal time spent on the date of the encounter: 35 minutes.'),
    ).toEqual(['99203']);
    expect(codes('Established patient. Time: 12 minutes total on date of service.')).toEqual([
      '99212',
    ]);
    // 99205 from 60 minutes; 99417 from 75 minutes, a second unit from 90.
    const long = emVisit('New patient. Total time 95 minutes.', em, { setting: 'outpatient' });
    expect(long.map((c) => [c.code, c.units])).toEqual([
      ['99205', 1],
      ['99417', 2],
    ]);
    // No time: the level comes from medical decision making, below the operating threshold.
    const noTime = emVisit('Established patient, no time documented.', em, {
      setting: 'outpatient',
    });
    expect(noTime.every((c) => c.confidence < 0.27)).toBe(true);
  });
});
