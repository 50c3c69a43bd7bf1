import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import type { Setting } from '../../../src/core/types.js';
import { cptCandidates } from '../../../src/pipeline/cpt/cpt-candidates.js';
import { EM_CONFIDENCE, emVisit } from '../../../src/pipeline/cpt/em/em-visit.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { LEXICON } from '../../helpers/fixtures.js';

const em = loadKnowledge({} as CodeSet, LEXICON).guidelines.em;
const cpt = loadCptLexicon(LEXICON);
/** The operating threshold the shipped model was fitted to (dictionaries/learned/model.json). */
const OPERATING = 0.269;
const visit = (text: string, setting: Setting = 'outpatient') => emVisit(text, em, { setting });
const coded = (text: string, setting: Setting = 'outpatient'): [string, number][] =>
  visit(text, setting).map((c) => [c.code, c.units]);

describe('E/M level by documented time, each family its own table', () => {
  it.each([
    ['New patient. Assessment: eczema. Total time 16 minutes.', [['99202', 1]]],
    ['New patient. Assessment: eczema. Total time 44 minutes.', [['99203', 1]]],
    ['Established patient. Assessment: gout. I spent 29 minutes on this visit.', [['99213', 1]]],
    ['Established patient. Assessment: gout. I spent 30 minutes on this visit.', [['99214', 1]]],
    // 99417 from 15 minutes past the top level's time: 55 for established, 75 and 90 for new.
    ['Established patient. Assessment: CHF. Total time 54 minutes.', [['99215', 1]]],
    [
      'Established patient. Assessment: CHF. Total time 55 minutes.',
      [
        ['99215', 1],
        ['99417', 1],
      ],
    ],
    [
      'New patient. Assessment: lupus. Total time 89 minutes.',
      [
        ['99205', 1],
        ['99417', 1],
      ],
    ],
    [
      'New patient. Assessment: lupus. Total time 90 minutes.',
      [
        ['99205', 1],
        ['99417', 2],
      ],
    ],
    [
      'Consultation requested by Dr. Ames for anemia.\nIMPRESSION: Iron deficiency anemia.\nTotal time 45 minutes.',
      [['99244', 1]],
    ],
  ])('outpatient: %s', (text, expected) => {
    expect(coded(text)).toEqual(expected);
  });

  it.each([
    [
      'ADMISSION HISTORY AND PHYSICAL\nHPI: Fever.\nASSESSMENT: Urosepsis.\nTotal time 80 minutes.',
      [['99223', 1]],
    ],
    [
      'ADMISSION HISTORY AND PHYSICAL\nHPI: Fever.\nASSESSMENT: Urosepsis.\nTotal time 95 minutes.',
      [
        ['99223', 1],
        ['99418', 1],
      ],
    ],
    [
      'PROGRESS NOTE\nHospital day 2.\nASSESSMENT: Cellulitis, improving.\nTime spent: 30 minutes.',
      [['99231', 1]],
    ],
    [
      'PROGRESS NOTE\nHospital day 2.\nASSESSMENT: Cellulitis, improving.\nTime spent: 40 minutes.',
      [['99232', 1]],
    ],
    [
      'REASON FOR CONSULTATION: Acute kidney injury.\nIMPRESSION: Prerenal azotemia.\nI spent 85 minutes on this consultation.',
      [['99255', 1]],
    ],
    [
      'DISCHARGE SUMMARY\nDISCHARGE DIAGNOSIS: Pneumonia.\nHOSPITAL COURSE: Improved.\nDischarge time: 25 minutes.',
      [['99238', 1]],
    ],
    [
      'DISCHARGE SUMMARY\nDISCHARGE DIAGNOSIS: Pneumonia.\nHOSPITAL COURSE: Improved.\nMore than 30 minutes were spent on the discharge.',
      [['99239', 1]],
    ],
  ])('inpatient: %s', (text, expected) => {
    expect(coded(text, 'inpatient')).toEqual(expected);
  });

  it('codes critical care from 30 minutes, 99292 for each 30 minutes beyond 74', () => {
    const ed = (minutes: number): string =>
      [
        'HPI: Brought to the emergency department unresponsive.',
        'ED COURSE: Intubated; norepinephrine infusion started.',
        'IMPRESSION: Septic shock.',
        `Critical care time, excluding procedures: ${minutes} minutes.`,
      ].join('\n');
    expect(coded(ed(45))).toEqual([['99291', 1]]);
    expect(coded(ed(80))).toEqual([
      ['99291', 1],
      ['99292', 1],
    ]);
    expect(coded(ed(110))).toEqual([
      ['99291', 1],
      ['99292', 2],
    ]);
    // Under 30 minutes of critical care: the ED visit level instead, from decision making.
    const short = visit(ed(20));
    expect(short.map((c) => c.code)).toEqual(['99285']);
    expect(short[0]?.reasons.join(' ')).toMatch(/medical decision making/);
  });

  it('levels an ED visit by decision making even when time is documented (no ED time levels)', () => {
    const note = [
      'HPI: Seen in the emergency department for an ankle injury.',
      'ASSESSMENT: Ankle sprain.',
      'PLAN: Ice, elevation, ibuprofen.',
      'Total time 50 minutes.',
    ].join('\n');
    const [code] = visit(note);
    // An acute uncomplicated injury, no data, over-the-counter treatment: low → 99283.
    expect(code?.code).toBe('99283');
    expect(code?.reasons.join(' ')).toMatch(/Level by medical decision making/);
  });

  it('falls back on decision making when the time is below the lowest level', () => {
    const note =
      'Established patient.\nASSESSMENT: Type 2 diabetes, poorly controlled.\nPLAN: Increase glipizide to 10 mg daily.\nTotal time 8 minutes.';
    const [code] = visit(note);
    expect(code?.code).toBe('99214');
    expect(code?.reasons.join(' ')).toMatch(/8 minutes documented are below the lowest time level/);
  });
});

describe('a short SOAP note', () => {
  it('reads its S/O/A/P letters as the sections they stand for', () => {
    const note = [
      'S: Dad brings her in for ear pain since last night.',
      'O: T 38.4. P: 110. Left TM bulging.',
      'A: Acute otitis media, left.',
      'P: Amoxicillin 90 mg/kg/day divided twice daily for 10 days.',
    ].join('\n');
    const [code] = visit(note);
    // Acute uncomplicated illness (low), historian (limited), prescription drug (moderate): low.
    expect(code?.code).toBe('99213');
    expect(code?.reasons.join(' | ')).toMatch(/Risk of patient management: moderate/);
    expect(code?.reasons.join(' | ')).toMatch(/independent historian/);
  });
});

describe('E/M confidence ranks against the operating threshold', () => {
  it('a time level in a stated family is above it, an assumed one just above, MDM below', () => {
    const clear = visit('Established patient.\nASSESSMENT: Gout.\nTotal time 25 minutes.');
    expect(clear[0]?.confidence).toBe(EM_CONFIDENCE.time);
    const assumed = visit('CC: Gout flare.\nASSESSMENT: Gout.\nTotal time 25 minutes.');
    expect(assumed[0]?.code).toBe('99213');
    expect(assumed[0]?.confidence).toBe(EM_CONFIDENCE.timeAssumed);
    const byMdm = visit('Established patient.\nASSESSMENT: Gout.\nPLAN: Colchicine 0.6 mg daily.');
    expect(byMdm[0]?.confidence).toBe(EM_CONFIDENCE.mdm);
    expect(clear[0]?.confidence).toBeGreaterThan(OPERATING);
    expect(assumed[0]?.confidence).toBeGreaterThan(OPERATING);
    expect(byMdm[0]?.confidence).toBeLessThan(OPERATING);
    const discharge = visit('DISCHARGE SUMMARY\nDISCHARGE DIAGNOSIS: Asthma.', 'inpatient');
    expect(discharge.map((c) => c.code)).toEqual(['99238']);
    expect(discharge[0]?.confidence).toBeLessThan(OPERATING);
  });

  it('proposes a prolonged service for review, critical care beyond the first hour as billed', () => {
    const prolonged = visit('Established patient.\nASSESSMENT: CHF.\nTotal time 70 minutes.');
    expect(prolonged.map((c) => c.code)).toEqual(['99215', '99417']);
    expect(prolonged[0]?.confidence).toBeGreaterThan(OPERATING);
    expect(prolonged[1]?.confidence).toBeLessThan(OPERATING);
    expect(prolonged[1]?.reasons.join(' ')).toMatch(/payers differ/);
    const critical = visit(
      'HPI: Found down.\nED COURSE: Intubated.\nIMPRESSION: Shock.\nCritical care time: 80 minutes.',
    );
    expect(critical.map((c) => c.code)).toEqual(['99291', '99292']);
    expect(critical[1]?.confidence).toBeGreaterThan(OPERATING);
  });
});

describe('an office level by decision making that its problems carry', () => {
  const plan = 'PLAN: Raise the metformin to 1000 mg twice daily. Continue the lisinopril.';
  it('is reported when the problems addressed meet the level and the patient type is stated', () => {
    const office = visit(
      `Established patient, here for a recheck.\nASSESSMENT: 1. Type 2 diabetes, not at goal. 2. Hypertension.\n${plan}`,
    );
    expect(office.map((c) => c.code)).toEqual(['99214']);
    expect(office[0]?.confidence).toBe(EM_CONFIDENCE.mdmProblems);
    expect(office[0]?.confidence).toBeGreaterThan(OPERATING);
  });

  it('stays for review when data and risk carry it over one stable problem, or outside the office', () => {
    const carried = visit(
      'Established patient, here for a recheck.\nASSESSMENT: Knee osteoarthritis, stable.\nPLAN: I reviewed the CBC, the metabolic panel and the knee x-ray. Continue naproxen 500 mg twice daily.',
    );
    expect(carried.map((c) => c.code)).toEqual(['99214']);
    expect(carried[0]?.confidence).toBe(EM_CONFIDENCE.mdm);
    const hospital = visit(
      `PROGRESS NOTE\nSUBJECTIVE: Feels better today.\nASSESSMENT: 1. Type 2 diabetes, not at goal. 2. Hypertension.\n${plan}`,
      'inpatient',
    );
    expect(hospital.map((c) => c.code)).toEqual(['99232']);
    expect(hospital[0]?.confidence).toBeLessThan(OPERATING);
    // Without new or established stated, the family is assumed: lower still.
    const assumed = visit(
      `CC: Sugar readings high.\nASSESSMENT: 1. Type 2 diabetes, not at goal. 2. Hypertension.\n${plan}`,
    );
    expect(assumed[0]?.confidence ?? 0).toBeLessThan(OPERATING);
  });
});

describe('E/M candidates carry evidence and reasons a coder reads', () => {
  const note = [
    'REASON FOR VISIT: Follow-up of hypertension (established).',
    'ASSESSMENT: Hypertension, controlled.',
    'PLAN: Continue amlodipine.',
    'Attestation: Total time 24 minutes on the date of the encounter.',
  ].join('\n');

  it('points its evidence at the time statement and the family words', () => {
    const [candidate] = cptCandidates(note, cpt, [], { setting: 'outpatient', em });
    expect(candidate?.code).toBe('99213');
    expect(candidate?.fixedConfidence).toBe(EM_CONFIDENCE.time);
    const evidence = candidate?.mentions.map((m) => m.evidence) ?? [];
    for (const e of evidence) {
      expect(note.slice(e.start, e.end)).toBe(e.text);
    }
    expect(evidence[0]?.text).toMatch(/Total time 24 minutes/);
    expect(evidence.map((e) => e.text).join(' | ')).toMatch(/Follow-up/);
    expect(candidate?.reasons.join(' | ')).toMatch(
      /office or other outpatient visit, established patient.*Level by time: total time on the date of the encounter 24 minutes/,
    );
    expect(candidate?.title).not.toBe('');
  });

  it('names the three MDM elements with their levels when the level comes from decision making', () => {
    const text = [
      'CC: Chest pain.',
      'HPI: He presents to the emergency department with two hours of chest pressure.',
      'LABS: Troponin, CBC and BMP reviewed.',
      'I personally reviewed the ECG: ST depression in V4-V6.',
      'IMPRESSION: Non-ST elevation myocardial infarction.',
      'PLAN: Heparin drip. Admit to the cardiac unit. Discussed with Dr. Chen, cardiology.',
    ].join('\n');
    const [candidate] = cptCandidates(text, cpt, [], { setting: 'outpatient', em });
    expect(candidate?.code).toBe('99285');
    const reasons = candidate?.reasons.join(' | ') ?? '';
    expect(reasons).toMatch(/Level by medical decision making: high/);
    expect(reasons).toMatch(/Problems addressed: high/);
    expect(reasons).toMatch(/Data reviewed and analysed: extensive/);
    expect(reasons).toMatch(/Risk of patient management: high/);
    for (const m of candidate?.mentions ?? []) {
      expect(text.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.text);
    }
  });
});
