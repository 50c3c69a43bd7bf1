import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import {
  ageFits,
  billedHere,
  codeFitsNote,
  isProcedureList,
  listNamesOther,
  patientAge,
  procedureNoteKind,
  toldDone,
  withoutStorySections,
  type ProcedureScope,
  type TriggerPlace,
} from '../../../src/pipeline/cpt/procedure-scope.js';
import { examLine } from '../../../src/pipeline/cpt/cpt-candidates.js';
import { examParts } from '../../../src/pipeline/cpt/imaging-exams.js';
import { examFacets, radiologyCode } from '../../../src/pipeline/cpt/radiology.js';
import { phrasePattern, reportFindings } from '../../../src/pipeline/cpt/report-signatures.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { detectSections, sectionAt } from '../../../src/text/sections.js';
import { LEXICON } from '../../helpers/fixtures.js';

const reports = loadKnowledge({} as CodeSet, LEXICON).guidelines.reports;
const testsIn = (text: string): string[] =>
  reportFindings(text, detectSections(text), reports).map((f) => f.code);

/** Where `phrase` sits in `text`, as the performed-procedures stage sees it. */
function placeOf(text: string, phrase: string, performedWords = false): TriggerPlace {
  const offset = text.indexOf(phrase);
  const newline = text.indexOf('\n');
  const firstLine = newline < 0 ? text.length : newline;
  return {
    text,
    offset,
    title: offset < firstLine && firstLine <= 200,
    section: sectionAt(detectSections(text), offset),
    performedWords,
  };
}

const billed = (
  text: string,
  phrase: string,
  scope: ProcedureScope = 'listed',
  performed = false,
  narrative = false,
): boolean => {
  const sections = detectSections(text);
  return billedHere(
    placeOf(text, phrase, performed),
    scope,
    procedureNoteKind(sections),
    sections.some(isProcedureList),
    true,
    narrative,
  );
};

describe('what kind of note a procedure sits in', () => {
  it('tells operative reports, test reports, visits and discharge summaries apart', () => {
    expect(
      procedureNoteKind(detectSections('PREOPERATIVE DIAGNOSIS: Gallstones.\nPROCEDURE: Removal.')),
    ).toBe('operative');
    expect(
      procedureNoteKind(detectSections('HISTORY: Palpitations.\nFINDINGS: Sinus rhythm.')),
    ).toBe('report');
    expect(
      procedureNoteKind(detectSections('CHIEF COMPLAINT: Cough.\nPAST MEDICAL HISTORY: Asthma.')),
    ).toBe('encounter');
    expect(procedureNoteKind(detectSections('SUBJECTIVE: Feels well.\nOBJECTIVE: Afebrile.'))).toBe(
      'encounter',
    );
    expect(
      procedureNoteKind(detectSections('HOSPITAL COURSE: Treated.\nDISCHARGE DIAGNOSIS: Sepsis.')),
    ).toBe('summary');
    // "Final diagnosis" closes a procedure note as well; it makes no discharge summary.
    expect(
      procedureNoteKind(detectSections('Procedure: Shave biopsy.\nFinal diagnosis: Nevus.')),
    ).not.toBe('summary');
  });

  it('reads a narrative procedure report that closes with a plan as a procedure report', () => {
    const kindOf = (text: string): string => procedureNoteKind(detectSections(text));
    expect(
      kindOf('PROCEDURE NOTE: The catheter was advanced.\nPLAN: Repeat imaging in a month.'),
    ).toBe('operative');
    expect(kindOf('DESCRIPTION OF PROCEDURE: Scope passed.\nASSESSMENT: Gastritis.')).toBe(
      'operative',
    );
    // A plan without a procedure narrative is a visit's; a visit's story makes a visit whatever else.
    expect(kindOf('FINDINGS: Clear lungs.\nPLAN: Follow up in a week.')).toBe('encounter');
    expect(
      kindOf('HISTORY OF PRESENT ILLNESS: Knee pain.\nPROCEDURE NOTE: Injected.\nPLAN: Ice.'),
    ).toBe('encounter');
    // A procedure list still bills as at a visit.
    expect(kindOf('PROCEDURE: Punch biopsy.\nPLAN: Sutures out in a week.')).toBe('encounter');
  });

  it('reads a short procedure section as a list, a long or narrative one as the story', () => {
    const [list] = detectSections('PROCEDURES PERFORMED: Knee arthroscopy; lateral release.');
    expect(list && isProcedureList(list)).toBe(true);
    const [story] = detectSections(`DESCRIPTION OF PROCEDURE: The patient was brought in.`);
    expect(story && isProcedureList(story)).toBe(false);
    const [long] = detectSections(
      `PROCEDURE: Lumbar puncture. ${'The needle was advanced. '.repeat(40)}`,
    );
    expect(long && isProcedureList(long)).toBe(false);
  });
});

describe('where a procedure is billed', () => {
  const operative =
    'PREOPERATIVE DIAGNOSIS: Biliary colic.\nOPERATION PERFORMED: Laparoscopic gallbladder removal.\nDESCRIPTION OF PROCEDURE: A urinary catheter was inserted and the abdomen insufflated.';

  it('bills the procedure list of an operative report, not its narrative', () => {
    expect(billed(operative, 'Laparoscopic gallbladder removal')).toBe(true);
    expect(billed(operative, 'urinary catheter was inserted', 'listed', true)).toBe(false);
  });

  it('bills an office procedure the plan tells as done, never one it schedules', () => {
    const visit = (plan: string): string =>
      `SUBJECTIVE: Sore heel.\nASSESSMENT: Plantar fasciitis.\nPLAN: ${plan}`;
    const inPlan = (plan: string, phrase: string): boolean => {
      const text = visit(plan);
      const place = placeOf(text, phrase);
      const sentence = text.slice(text.indexOf('PLAN:'));
      return billedHere(
        { ...place, toldDone: toldDone(sentence) },
        'encounter',
        'encounter',
        false,
      );
    };
    expect(inPlan('The plantar fascia was injected with steroid.', 'plantar fascia')).toBe(true);
    expect(inPlan('The plantar fascia will be injected next week.', 'plantar fascia')).toBe(false);
    expect(inPlan('Consider injecting the plantar fascia.', 'plantar fascia')).toBe(false);
    expect(toldDone('PLAN: Ten nails were debrided.')).toBe(true);
    expect(toldDone('Nails debrided; return in nine weeks.')).toBe(false);
  });

  it('reads a diagnostic endoscopy listed beside another operation as part of it', () => {
    const own = ['cysto', 'biops', 'bladder', 'fulgur'];
    const other = (list: string): boolean => {
      const text = `PREOPERATIVE DIAGNOSIS: Hematuria.\nPROCEDURES PERFORMED: ${list}\nANESTHESIA: General.`;
      return listNamesOther(text, detectSections(text), own);
    };
    expect(other('Cystoscopy, cryoablation of the prostate.')).toBe(true);
    expect(other('1. Sacrocolpopexy. 2. Cystoscopy.')).toBe(true);
    expect(other('Flexible cystoscopy under local anesthesia.')).toBe(false);
    expect(other('Cystoscopy, bladder biopsies and fulguration.')).toBe(false);
  });

  it('reads the first line of a long procedure section as its list', () => {
    const text = `PROCEDURE: Flexible sigmoidoscopy. ${'The scope was advanced slowly. '.repeat(30)}A snare was not used.`;
    expect(billed(text, 'Flexible sigmoidoscopy')).toBe(true);
    expect(billed(text, 'snare', 'listed', true)).toBe(false);
  });

  it('never bills from the history, the indication or the plan, nor from a discharge summary', () => {
    const visit =
      'HISTORY OF PRESENT ILLNESS: She had a stress test last spring.\nPLAN: We will obtain an echocardiogram.\nASSESSMENT: Stable angina.';
    expect(billed(visit, 'stress test', 'listed', true)).toBe(false);
    expect(billed(visit, 'echocardiogram', 'listed', true)).toBe(false);
    const summary =
      'HOSPITAL COURSE: Improved.\nPROCEDURES: Bedside chest tube insertion.\nDISCHARGE DIAGNOSIS: Pneumothorax.';
    expect(billed(summary, 'chest tube insertion')).toBe(false);
  });

  it('bills an office procedure the visit says was done, never a test it merely read', () => {
    const visit =
      'CHIEF COMPLAINT: Knee pain.\nPHYSICAL EXAM: Effusion of the right knee.\nThe right knee was aspirated and injected with triamcinolone after consent. An old electrocardiogram showed sinus rhythm.';
    expect(billed(visit, 'knee was aspirated', 'encounter', true)).toBe(true);
    expect(billed(visit, 'electrocardiogram', 'listed', true)).toBe(false);
  });

  it('bills no office procedure an operative report with a procedure list does not list', () => {
    const report =
      'PREOPERATIVE DIAGNOSIS: Distal radius fracture.\nPROCEDURE PERFORMED: Open reduction and internal fixation of the right distal radius.\nDESCRIPTION: The wound was closed and a short arm splint was applied.';
    expect(billed(report, 'short arm splint', 'encounter', true)).toBe(false);
    // A procedure report without a list (a bedside procedure note) still bills what it says was done.
    const bedside =
      'INDICATION: Right knee effusion.\nDESCRIPTION: After consent, the right knee was aspirated and injected.';
    expect(billed(bedside, 'knee was aspirated', 'encounter', true)).toBe(true);
  });

  it('bills the narrative of a report that names its procedures nowhere else, when asked to', () => {
    const report =
      'PREOPERATIVE DIAGNOSIS: Chest pain.\nDESCRIPTION OF PROCEDURE: Under local anesthesia a sheath was placed and a left heart catheterization was performed.\nFINDINGS: Normal coronaries.';
    // The first pass reads lists and titles only; the stage asks for the narrative when they bill nothing.
    expect(billed(report, 'left heart catheterization', 'listed', true)).toBe(false);
    expect(billed(report, 'left heart catheterization', 'listed', true, true)).toBe(true);
    // Only where the procedure section says it was done, never in the findings or the history.
    expect(billed(report, 'left heart catheterization', 'listed', false, true)).toBe(false);
    expect(billed(report, 'Normal coronaries', 'listed', true, true)).toBe(false);
  });

  it("reads a test report's impression and findings, however far into the report", () => {
    const report = `CLINICAL HISTORY: Spells.\nMEDICATIONS: None.\nBACKGROUND: ${'Alpha rhythm was seen. '.repeat(25)}Photic stimulation was done.\nIMPRESSION: Normal awake and drowsy EEG.`;
    expect(procedureNoteKind(detectSections(report))).toBe('report');
    expect(billed(report, 'awake and drowsy EEG')).toBe(true);
    // Past the opening, the description of the recording names no test of its own.
    expect(billed(report, 'Photic stimulation', 'listed', true)).toBe(false);
    // A visit's impression reads tests done elsewhere.
    const visit = `CHIEF COMPLAINT: Spells.\nHISTORY: ${'She had spells. '.repeat(30)}\nIMPRESSION: Normal EEG last month.`;
    expect(billed(visit, 'Normal EEG')).toBe(false);
  });

  it('bills a preventive visit from its reason, never from the plan or the past history', () => {
    const visit =
      'CHIEF COMPLAINT: Annual physical.\nPAST MEDICAL HISTORY: Asthma.\nPLAN: Return for an annual physical next year.';
    expect(billed(visit, 'Annual physical', 'visit')).toBe(true);
    expect(billed(visit, 'annual physical next', 'visit')).toBe(false);
  });

  it('bills the opening of a report without sections', () => {
    expect(
      billed('Holter monitor report for 24 hours of recording. Rhythm: sinus.', 'Holter'),
    ).toBe(true);
  });
});

describe('age bands', () => {
  it('reads the stated age and fits the band, an unstated age as an adult', () => {
    expect(patientAge('A 7-year-old boy with recurrent tonsillitis.')).toBe(7);
    expect(patientAge('This 9-month-old infant')).toBe(0);
    expect(patientAge('Adult with snoring.')).toBeUndefined();
    expect(patientAge('Here for her 4-year 6-month checkup.')).toBe(4);
    expect(patientAge('An 18-month-old toddler for her well visit.')).toBe(1);
    expect(patientAge('This is a 10-1/2-year-old boy with asthma.')).toBe(10);
    // The age written first wins, the compound form included ("3-month" is part of the 6-year age).
    expect(patientAge('Well 6-year 3-month-old girl. Her 3-month-old brother is well.')).toBe(6);
    // A relative's age is not the patient's.
    expect(
      patientAge('Lives with her 31-year-old mother. This 2-week-old infant feeds well.'),
    ).toBe(0);
    expect(patientAge('Lives with his 40-year-old dad and grandparents.')).toBeUndefined();
    expect(ageFits('0-11', 7)).toBe(true);
    expect(ageFits('12+', 7)).toBe(false);
    expect(ageFits('12+', undefined)).toBe(true);
    expect(ageFits(undefined, 40)).toBe(true);
  });

  it('fits a code to the patient: its age band, an assumed age where none is stated, new or established', () => {
    const entries = [
      { code: 'A-CHILD', attributes: { age: '0-11', 'assume-age': '5' } },
      { code: 'A-ADULT', attributes: { age: '12+', 'assume-age': '5' } },
      { code: 'P-NEW', attributes: { patient: 'new' } },
      { code: 'P-EST', attributes: { patient: 'established' } },
      { code: 'SPLINT', attributes: { package: 'fracture' } },
    ];
    const cues = [
      {
        kind: 'patient' as const,
        value: 'new',
        where: 'history' as const,
        weight: 2,
        pattern: /\bfirst (office )?visit\b/gi,
      },
      // A weak cue (a referral) does not make a new patient.
      {
        kind: 'patient' as const,
        value: 'new',
        where: 'history' as const,
        weight: 1,
        pattern: /\breferred\b/gi,
      },
    ];
    const fits = codeFitsNote(entries, cues);
    const noAge = fits('Tonsils and adenoids removed.');
    expect([noAge('A-CHILD'), noAge('A-ADULT')]).toEqual([true, false]);
    const adult = fits('A 30-year-old woman with recurrent tonsillitis.');
    expect([adult('A-CHILD'), adult('A-ADULT')]).toEqual([false, true]);
    const first = fits('Seen today for a first visit, a well visit.');
    expect([first('P-NEW'), first('P-EST')]).toEqual([true, false]);
    const referred = fits('Referred by her aunt for a well visit.');
    expect([referred('P-NEW'), referred('P-EST'), referred('OTHER')]).toEqual([false, true, true]);
    // A splint is part of the fracture care the note documents, not of a sprain's.
    expect(
      fits('Closed reduction of the distal radius fracture; a sugar-tong splint.')('SPLINT'),
    ).toBe(false);
    expect(fits('Ankle sprain; a posterior splint was applied.')('SPLINT')).toBe(true);
  });
});

describe('diagnostic tests known by their own report', () => {
  it('finds the echocardiogram with or without Doppler, and the transesophageal one', () => {
    expect(
      testsIn(
        'INDICATION: Murmur.\nFINDINGS: Normal left ventricular size; ejection fraction about 60%.\nDoppler shows trivial mitral regurgitation.',
      ),
    ).toEqual(['93306']);
    expect(
      testsIn(
        'TWO-DIMENSIONAL STUDY: The left ventricle is mildly dilated; ejection fraction 40%.',
      ),
    ).toEqual(['93307']);
    expect(
      testsIn(
        'The probe was passed into the esophagus under sedation. Transesophageal views show no thrombus in the left atrial appendage.',
      ),
    ).toEqual(['93312']);
  });

  it('finds stress tests, perfusion imaging, pulmonary function and rhythm monitoring', () => {
    expect(
      testsIn(
        'The patient walked 8 minutes on the treadmill by the Bruce protocol; peak heart rate 150. SPECT images at rest and after stress show no defect.',
      ),
    ).toEqual(['93015', '78452']);
    expect(
      testsIn(
        'SPIROMETRY: FEV1 2.1 L, FVC 3.0 L. After bronchodilator the FEV1 rose 14%. Diffusing capacity is mildly reduced.',
      ),
    ).toEqual(['94060', '94729']);
    expect(testsIn('SPIROMETRY: FEV1 2.1 L, FVC 3.0 L; ratio 70%.')).toEqual(['94010']);
    expect(
      testsIn('Holter recording for 24 hours. Heart rate ranged 48 to 130 beats per minute.'),
    ).toEqual(['93224']);
  });

  it('finds nothing in a visit that reads a test done elsewhere, nor in the indication', () => {
    expect(
      testsIn(
        'HISTORY OF PRESENT ILLNESS: Her echo with Doppler last month showed an ejection fraction of 35%.\nPAST MEDICAL HISTORY: Heart failure.',
      ),
    ).toEqual([]);
    expect(
      testsIn(
        'INDICATION: Abnormal treadmill test with heart rate response blunted.\nFINDINGS: None.',
      ),
    ).toEqual([]);
  });

  it('reads whole words, with a final * for a stem', () => {
    expect(phrasePattern('spect').test('spectral doppler')).toBe(false);
    expect(phrasePattern('spect').test('gated spect images')).toBe(true);
    expect(phrasePattern('echocardiogra*').test('echocardiography')).toBe(true);
    expect(
      withoutStorySections(
        'INDICATION: Echo.\nFINDINGS: Normal.',
        detectSections('INDICATION: Echo.\nFINDINGS: Normal.'),
      ),
    ).not.toContain('Echo');
  });
});

describe('imaging facets beyond modality × region', () => {
  const lexicon = loadCptLexicon(LEXICON);
  const codeFor = (title: string): string | undefined => {
    const facets = examFacets(title, '');
    return facets === undefined ? undefined : radiologyCode(lexicon.entries, facets)?.code;
  };

  it.each([
    ['ULTRASOUND OF THE CAROTID ARTERIES, BOTH SIDES', '93880'],
    ['RIGHT LOWER EXTREMITY VENOUS DOPPLER', '93971'],
    ['TRANSVAGINAL PELVIC ULTRASOUND', '76830'],
    ['PELVIC ULTRASOUND', '76856'],
    ['DIAGNOSTIC MAMMOGRAM', '77066'],
    ['SCREENING MAMMOGRAM', '77067'],
    ['CT ABDOMEN & PELVIS W&WO CONTRAST', '74178'],
    ['CT OF THE PELVIS WITH CONTRAST AND OF THE ABDOMEN WITH CONTRAST', '74177'],
    ['CORONARY CTA WITH CALCIUM SCORE', '75574'],
    ['TRANSESOPHAGEAL ECHOCARDIOGRAM', '93312'],
    ['DOBUTAMINE STRESS ECHOCARDIOGRAM', '93350'],
  ])('%s → %s', (title, code) => {
    expect(codeFor(title)).toBe(code);
  });

  it('does not read an operation title as a plain film, nor a guided procedure as an exam', () => {
    expect(codeFor('Right knee arthroscopy with lateral meniscectomy')).toBeUndefined();
    expect(
      codeFor('Ultrasound-guided placement of a left femoral venous catheter'),
    ).toBeUndefined();
    expect(codeFor('With the patient supine, the left chest was prepped')).toBeUndefined();
  });

  it('reads no title from a note that opens with a paragraph', () => {
    const story = `The patient was brought to the endoscopy suite and placed in the left lateral position. ${'Sedation was given. '.repeat(10)}`;
    expect(examLine(story)).toBeUndefined();
    expect(examLine('XR CHEST PA AND LATERAL\nFINDINGS: Clear lungs.')?.text).toBe(
      'XR CHEST PA AND LATERAL',
    );
  });
});

describe('titles that list several exams', () => {
  const texts = (title: string): string[] =>
    examParts({ text: title, start: 0 }).map((p) => p.text);

  it('splits exams that each name their modality, never the abdomen and pelvis', () => {
    expect(
      texts('CT brain without contrast, CT maxillofacial without contrast and CT lumbar spine'),
    ).toEqual([
      'CT brain without contrast',
      'CT maxillofacial without contrast',
      'CT lumbar spine',
    ]);
    expect(texts('CT ABDOMEN AND PELVIS WITH AND WITHOUT CONTRAST')).toEqual([
      'CT ABDOMEN AND PELVIS WITH AND WITHOUT CONTRAST',
    ]);
    expect(texts('XR CHEST PA AND LATERAL')).toEqual(['XR CHEST PA AND LATERAL']);
  });

  it('leaves out an earlier study the title compares with', () => {
    expect(texts('Two views of the chest, compared with the prior CT of the chest')).toEqual([
      'Two views of the chest',
    ]);
  });
});
