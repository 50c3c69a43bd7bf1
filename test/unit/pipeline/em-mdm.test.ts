import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { emDoc } from '../../../src/pipeline/cpt/em/em-doc.js';
import { medicalDecisionMaking } from '../../../src/pipeline/cpt/em/em-mdm.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { LEXICON } from '../../helpers/fixtures.js';

const em = loadKnowledge({} as CodeSet, LEXICON).guidelines.em;
const mdm = (text: string) => medicalDecisionMaking(emDoc(text), em.mdm);

describe('MDM: number and complexity of problems addressed', () => {
  it.each([
    ['ASSESSMENT: Insect bite on the forearm.', 0],
    ['ASSESSMENT: Hypothyroidism, stable on levothyroxine.', 1],
    ['ASSESSMENT: Acute maxillary sinusitis.', 1],
    ['ASSESSMENT:\n1. Type 2 diabetes.\n2. Essential hypertension.', 2],
    ['ASSESSMENT: Asthma, poorly controlled with nightly symptoms.', 2],
    ['IMPRESSION: Left breast lump, etiology unclear.', 2],
    ['ASSESSMENT: Community-acquired pneumonia.', 2],
    ['DIAGNOSIS: Displaced fracture of the right distal radius.', 2],
    ['IMPRESSION: Acute pulmonary embolism.', 3],
    ['ASSESSMENT: COPD with severe exacerbation.', 3],
    ['ASSESSMENT:\n1. Peripheral arterial disease. This remains stable.\n2. Hyperlipidemia.', 2],
    [
      'ASSESSMENT:\n1. Sarcoidosis, stable.\n2. Raynaud phenomenon, well controlled on nifedipine.',
      2,
    ],
    ['ASSESSMENT: Gout, well controlled on allopurinol.', 1],
    ['ASSESSMENT: Acute bronchitis. She is stable for discharge home.', 1],
  ])('%s → %i', (text, score) => {
    expect(mdm(text).problems.score).toBe(score);
  });

  it('does not read a negated threat as the problem addressed', () => {
    const m = mdm('ASSESSMENT: Chest wall pain, no evidence of myocardial infarction.');
    expect(m.problems.score).toBeLessThan(3);
  });

  it('reads problems from the assessment, not from the past history', () => {
    const m = mdm(
      'PAST MEDICAL HISTORY: Stroke in 2015, diabetes, hypertension.\nASSESSMENT: Ankle sprain.',
    );
    expect(m.problems.score).toBe(1);
  });
});

describe('MDM: amount and complexity of data reviewed and analysed', () => {
  it.each([
    ['ASSESSMENT: Cough.', 0],
    ['LABS: CBC and basic metabolic panel reviewed, unremarkable.', 1],
    ['HPI: History obtained from the patient’s mother, who reports two days of fever.', 1],
    ['LABS: CBC, troponin and urinalysis reviewed.\nPLAN: Chest x-ray ordered.', 2],
    ['PLAN:\n1. Echocardiogram.\n2. Lipid panel.\n3. TSH.', 2],
    ['I personally reviewed the EKG: sinus rhythm without ST changes.', 2],
    ['Discussed the case with Dr. Patel from cardiology, who agrees with the plan.', 2],
    ['I independently reviewed the CT images. The case was discussed with the on-call surgeon.', 3],
  ])('%s → %i', (text, score) => {
    expect(mdm(text).data.score).toBe(score);
  });

  it('counts a chest x-ray once, not as a chest x-ray and an x-ray', () => {
    const m = mdm('RESULTS: Chest x-ray shows no infiltrate.');
    expect(m.data.because).toMatch(/1 unique test/);
  });
});

describe('MDM: risk of patient management', () => {
  it.each([
    ['PLAN: Rest, fluids and warm compresses.', 0],
    ['PLAN: Ibuprofen 400 mg every 6 hours as needed for pain.', 1],
    ['PLAN: Physical therapy twice a week.', 1],
    ['PLAN: Start lisinopril 10 mg daily.', 2],
    ['PLAN: Continue current medications.', 2],
    ['PLAN: He will continue on the same medication.', 2],
    ['PLAN: She will stay on her usual regimen.', 2],
    [
      'PLAN: Discussed the risks and benefits of laparoscopic cholecystectomy; she wishes to proceed.',
      2,
    ],
    ['PLAN: Admit to telemetry for serial troponins.', 3],
    ['PLAN: The family agrees to comfort care and DNR status.', 3],
    ['ED COURSE: Given morphine 4 mg IV for pain, then reassessed.', 3],
  ])('%s → %i', (text, score) => {
    expect(mdm(text).risk.score).toBe(score);
  });

  it('does not read a past admission in the history as a decision to hospitalize', () => {
    const m = mdm(
      'HISTORY OF PRESENT ILLNESS: She was admitted last year for pneumonia.\nPLAN: Rest and fluids.',
    );
    expect(m.risk.score).toBe(0);
  });
});

describe('MDM level: two of three elements', () => {
  it('takes the level met by two elements', () => {
    // Problems high, data minimal, risk moderate → moderate.
    const moderate = mdm(
      'IMPRESSION: Acute pulmonary embolism.\nPLAN: Start apixaban 10 mg twice daily.',
    );
    expect([moderate.problems.score, moderate.data.score, moderate.risk.score]).toEqual([3, 0, 2]);
    expect(moderate.level).toBe('moderate');
    // Problems low, data minimal, risk minimal → straightforward.
    expect(mdm('ASSESSMENT: Acute sinusitis.\nPLAN: Saline rinses.').level).toBe('straightforward');
    // Problems high, data extensive, risk high → high.
    const high = mdm(
      [
        'IMPRESSION: Sepsis from pneumonia.',
        'LABS: CBC, lactate and blood cultures reviewed. I personally reviewed the chest x-ray.',
        'PLAN: Admit to the ICU. Discussed with Dr. Ruiz, intensivist.',
      ].join('\n'),
    );
    expect(high.level).toBe('high');
  });

  it('explains each element in words a coder reads, with evidence in the note', () => {
    const text =
      'ASSESSMENT: Type 2 diabetes, poorly controlled.\nPLAN: Increase metformin to 1000 mg twice daily.';
    const m = mdm(text);
    expect(m.problems.level).toBe('moderate');
    expect(m.problems.because).toMatch(/chronic illness worse/);
    expect(m.risk.because).toMatch(/prescription drug management/);
    for (const hit of [...m.problems.evidence, ...m.risk.evidence]) {
      expect(text.slice(hit.start, hit.end)).toBe(hit.text);
    }
  });
});
