import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import type { Setting } from '../../../src/core/types.js';
import { emDoc } from '../../../src/pipeline/cpt/em/em-doc.js';
import { emEncounter } from '../../../src/pipeline/cpt/em/em-family.js';
import { emVisit } from '../../../src/pipeline/cpt/em/em-visit.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { LEXICON } from '../../helpers/fixtures.js';

const em = loadKnowledge({} as CodeSet, LEXICON).guidelines.em;
const encounter = (text: string, setting: Setting = 'outpatient') =>
  emEncounter(emDoc(text), em.cues, setting, false);
const familyOf = (text: string, setting: Setting = 'outpatient'): string => {
  const e = encounter(text, setting);
  return 'why' in e ? 'none' : e.family;
};
const codes = (text: string, setting: Setting = 'outpatient'): string[] =>
  emVisit(text, em, { setting }).map((c) => c.code);

describe('E/M family and patient type', () => {
  it.each([
    ['NEW PATIENT VISIT\nCC: itchy rash.\nASSESSMENT: Contact dermatitis.', 'office-new'],
    [
      'HPI: She is new to our practice and comes in to establish care for her thyroid.\nPLAN: TSH.',
      'office-new',
    ],
    [
      'CHIEF COMPLAINT: Knee pain.\nHPI: I am seeing her for the first time today.\nASSESSMENT: Patellofemoral pain.',
      'office-new',
    ],
    [
      'Established patient seen for blood pressure.\nA/P: Hypertension, controlled.',
      'office-established',
    ],
    [
      'REASON FOR VISIT: Follow-up visit for gout.\nASSESSMENT: Gout, no flares.\nPLAN: Continue allopurinol.',
      'office-established',
    ],
    [
      'SUBJECTIVE: He returns to clinic today for recheck of his ear.\nASSESSMENT: Otitis media, resolving.',
      'office-established',
    ],
    [
      'HPI: Since her last visit she has lost 4 pounds.\nASSESSMENT: Obesity.\nPLAN: Diet log.',
      'office-established',
    ],
  ])('office: %s → %s', (text, family) => {
    expect(familyOf(text)).toBe(family);
  });

  it('reads the patient type from the visit, never from a planned follow-up', () => {
    const note = [
      'CC: Sore throat for two days.',
      'ASSESSMENT: Streptococcal pharyngitis.',
      'PLAN: Amoxicillin. Follow-up visit in 2 weeks if not better.',
    ].join('\n');
    const e = encounter(note);
    expect('why' in e ? e.why : e.family).toBe('office-established');
    expect('why' in e ? true : e.patientClear).toBe(false);
    expect('why' in e ? '' : e.reason).toMatch(/established assumed/);
  });

  it('tells the ED, hospital, discharge and consult families apart, with the setting', () => {
    const ed = [
      'HPI: The patient presents to the emergency department by ambulance after a fall from a ladder.',
      'ED COURSE: Wrist splinted.',
      'DIAGNOSIS: Distal radius fracture.',
    ].join('\n');
    expect(familyOf(ed)).toBe('ed');
    const admission =
      'ADMISSION HISTORY AND PHYSICAL\nHPI: Fever and flank pain.\nPLAN: IV antibiotics.';
    expect(familyOf(admission, 'inpatient')).toBe('hospital-initial');
    const progress =
      'PROGRESS NOTE\nHospital day 3. Afebrile overnight.\nASSESSMENT: Pyelonephritis, improving.';
    expect(familyOf(progress, 'inpatient')).toBe('hospital-subsequent');
    // The same progress note in clinic is an established patient's visit.
    expect(familyOf(progress, 'outpatient')).toBe('office-established');
    const discharge = [
      'DATE OF DISCHARGE: 03/14',
      'DISCHARGE DIAGNOSES: Cellulitis of the left leg.',
      'HOSPITAL COURSE: Improved on cefazolin.',
      'PROCEDURES PERFORMED: None.',
    ].join('\n');
    expect(familyOf(discharge, 'inpatient')).toBe('discharge');
    const consult = [
      'Consultation requested by Dr. Lee for a thyroid nodule.',
      'ASSESSMENT: Thyroid nodule, 2 cm.',
      'RECOMMENDATIONS: Fine-needle aspiration.',
    ].join('\n');
    expect(familyOf(consult, 'outpatient')).toBe('office-consult');
    expect(familyOf(consult, 'inpatient')).toBe('inpatient-consult');
    const asked =
      'HPI: I was asked by the hospitalist to see her for hyperkalemia.\nIMPRESSION: Hyperkalemia.';
    expect(familyOf(asked, 'inpatient')).toBe('inpatient-consult');
  });

  it('falls back on the setting when the words name no family', () => {
    const note = 'CHIEF COMPLAINT: Cough.\nASSESSMENT: Acute bronchitis.\nPLAN: Fluids.';
    expect(familyOf(note, 'outpatient')).toBe('office-established');
    const hp = [
      'HPI: Shortness of breath for three days.',
      'PAST MEDICAL HISTORY: COPD.',
      'SOCIAL HISTORY: Former smoker.',
      'PHYSICAL EXAMINATION: Wheezes.',
      'ASSESSMENT: COPD exacerbation.',
    ].join('\n');
    expect(familyOf(hp, 'inpatient')).toBe('hospital-initial');
    const e = encounter(note);
    expect('why' in e ? '' : e.reason).toMatch(/assumed from the outpatient setting/);
  });
});

describe('notes that are not an E/M encounter get no E/M code', () => {
  it.each([
    [
      'operative note',
      'PREOPERATIVE DIAGNOSIS: Right inguinal hernia.\nPOSTOPERATIVE DIAGNOSIS: Same.\nANESTHESIA: General.\nPROCEDURE: Open repair with mesh. Total time 95 minutes.',
    ],
    [
      'procedure note',
      'PROCEDURE: Colonoscopy with cold snare polypectomy.\nINDICATIONS: Screening.\nFINDINGS: One 5 mm polyp.\nIMPRESSION: Sigmoid polyp removed.',
    ],
    [
      'radiology report',
      'EXAM: CT head without contrast.\nHISTORY: Headache.\nFINDINGS: No hemorrhage.\nIMPRESSION: Normal study.',
    ],
    [
      'echo report',
      'INDICATION: Murmur.\nFINDINGS: Normal left ventricular size and function.\nCONCLUSION: Normal echocardiogram.',
    ],
    [
      'letter',
      'Dear Dr. Moore,\nThank you for referring Mrs. Gray. I saw her today for migraine.\nASSESSMENT: Migraine without aura.\nSincerely,\nJ. Park, MD',
    ],
    [
      'exam template',
      'PHYSICAL EXAMINATION\nGENERAL: Well developed, no distress.\nHEENT: Normocephalic.\nLUNGS: Clear.',
    ],
    [
      'patient handout',
      'GOUT is a form of arthritis caused by uric acid crystals.\nSIGNS AND SYMPTOMS: Sudden joint pain.\nTREATMENT: Anti-inflammatory drugs.',
    ],
    [
      'dietitian visit',
      'SUBJECTIVE: She comes for dietary consultation for weight loss.\nASSESSMENT: Obesity.\nThis was a one-hour consultation.',
    ],
    [
      'preventive visit',
      'CC: Here for an annual physical exam.\nASSESSMENT: Healthy adult.\nPLAN: Routine screening labs.',
    ],
    [
      'postoperative visit in the global period',
      'SUBJECTIVE: He is here for his post-op visit ten days after the hernia repair.\nASSESSMENT: Healing well.\nPLAN: Lift nothing heavy for four weeks.',
    ],
    [
      'nursing facility visit',
      'SUBJECTIVE: Examined at the nursing home for her cough.\nASSESSMENT: Viral bronchitis.\nPLAN: Fluids and observation. I spent 25 minutes.',
    ],
    [
      'case report narrative',
      'A 54-year-old man came to the emergency department with chest pain. He was admitted to the coronary unit and recovered after stenting.',
    ],
  ])('%s', (_, text) => {
    expect(codes(text)).toEqual([]);
    expect(codes(text, 'inpatient')).toEqual([]);
  });

  it('still codes a discharge summary that lists the procedures of the stay', () => {
    const note = [
      'DISCHARGE DIAGNOSIS: Acute cholecystitis.',
      'PROCEDURES: Laparoscopic cholecystectomy.',
      'HOSPITAL COURSE: Uneventful.',
      'Greater than 30 minutes were spent on the discharge.',
    ].join('\n');
    expect(codes(note, 'inpatient')).toEqual(['99239']);
  });
});
