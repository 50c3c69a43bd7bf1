import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim, ClaimLine } from '../../../../src/core/claim-types.js';
import { buildClaim } from '../../../../src/pipeline/claim/build-claim.js';
import type { ClaimKnowledge } from '../../../../src/pipeline/claim/claim-input.js';
import { claimInput, claimKnowledge, type Spec } from '../../../helpers/claim-fixtures.js';
import { tempDir } from '../../../helpers/fixtures.js';

const t = tempDir();
let knowledge: ClaimKnowledge;
beforeAll(() => {
  knowledge = claimKnowledge(t.dir);
});
afterAll(() => {
  t.cleanup();
});

const claimOf = (text: string, specs: readonly Spec[]): Claim =>
  buildClaim(claimInput(text, specs), knowledge);
const lineOf = (c: Claim, code: string): ClaimLine | undefined =>
  c.lines.find((l) => l.code === code);

describe('units from the note, never more than documented', () => {
  it('laceration lengths are summed per repair family and site group, one line each', () => {
    const text = `PROCEDURE: Simple repair of a 2.0 cm laceration of the left forearm and a 3.5 cm laceration of the left hand with 4-0 nylon.
A 1.5 cm laceration of the chin was closed with 6-0 sutures.
ASSESSMENT: Lacerations without foreign body.`;
    const c = claimOf(text, [{ code: '12001', words: 'Simple repair' }]);
    expect(c.lines.map((l) => [l.code, l.units])).toEqual([
      ['12002', 1],
      ['12011', 1],
    ]);
    const body = lineOf(c, '12002');
    expect(body?.unitsBasis.reason).toMatch(/2 cm \+ 3\.5 cm = 5\.5 cm/);
    expect(body?.unitsBasis.evidence.map((e) => e.text)).toEqual(['2.0 cm', '3.5 cm']);
    expect(lineOf(c, '12011')?.unitsBasis.evidence.map((e) => e.text)).toEqual(['1.5 cm']);
  });

  it('no length documented → the repair line stays, with a note', () => {
    const c = claimOf('Laceration of the scalp sutured after irrigation.', [
      { code: '12001', words: 'Laceration of the scalp sutured' },
    ]);
    expect(lineOf(c, '12001')?.units).toBe(1);
    expect(lineOf(c, '12001')?.notes?.[0]).toMatch(/no wound length/);
  });

  it('each additional spinal interspace: the interspaces documented less the first', () => {
    const text =
      'PROCEDURE: Anterior cervical discectomy and fusion at C4-C5, C5-C6 and C6-C7 with allograft.';
    const c = claimOf(text, [
      { code: '22551', words: 'Anterior cervical discectomy and fusion' },
      { code: '22552', words: 'Anterior cervical discectomy and fusion' },
    ]);
    expect(lineOf(c, '22551')?.units).toBe(1);
    expect(lineOf(c, '22552')?.units).toBe(2);
    expect(lineOf(c, '22552')?.unitsBasis.reason).toMatch(/3 interspaces/);
    const one = claimOf('PROCEDURE: Anterior cervical fusion, additional level.', [
      { code: '22552', words: 'Anterior cervical fusion' },
    ]);
    expect(lineOf(one, '22552')?.units).toBe(1);
    expect(lineOf(one, '22552')?.notes?.[0]).toMatch(/no second interspace/);
  });

  it('each additional premalignant lesion: the documented count less the first', () => {
    const text =
      'Liquid nitrogen cryotherapy applied to 5 actinic keratoses of the scalp and forearms.';
    const c = claimOf(text, [
      { code: '17000', words: 'Liquid nitrogen cryotherapy' },
      { code: '17003', words: 'actinic keratoses' },
    ]);
    expect(lineOf(c, '17000')?.units).toBe(1);
    expect(lineOf(c, '17003')?.units).toBe(4);
    expect(lineOf(c, '17003')?.unitsBasis.evidence[0]?.text).toBe('5 actinic keratoses');
    const one = claimOf('Cryotherapy to an actinic keratosis; additional lesions treated.', [
      { code: '17003', words: 'additional lesions treated' },
    ]);
    expect(lineOf(one, '17003')?.units).toBe(1);
    expect(lineOf(one, '17003')?.notes?.[0]).toMatch(/no count of two or more/);
  });

  it('time units of a prolonged-service add-on from the minutes documented', () => {
    const text =
      'Established patient, complex visit. Total time on the date of the encounter: 85 minutes.\nASSESSMENT: Heart failure.';
    const c = claimOf(text, [
      { code: '99215', words: 'Established patient' },
      { code: '99417', words: 'Total time on the date of the encounter: 85 minutes' },
    ]);
    // Office, established: the first unit from 55 minutes, then one per 15 (55, 70, 85).
    expect(lineOf(c, '99417')?.units).toBe(3);
    expect(lineOf(c, '99417')?.unitsBasis.evidence[0]?.text).toBe('85 minutes');
  });

  it('additional vaccine administrations: one per vaccine after the first', () => {
    const text = 'Vaccine administered: Tdap, Shingrix and a flu shot, each intramuscular.';
    const c = claimOf(text, [
      { code: '90715', words: 'Tdap' },
      { code: '90750', words: 'Shingrix' },
      { code: '90656', words: 'flu shot' },
      { code: '90471', words: 'Vaccine administered' },
      { code: '90472', words: 'Vaccine administered' },
    ]);
    expect(lineOf(c, '90472')?.units).toBe(2);
    expect(lineOf(c, '90471')?.units).toBe(1);
  });

  it('counselled administration through age 18: 90460 per vaccine, 90461 per further component', () => {
    const text =
      'A 4-month-old boy. PLAN: Pediarix, Hib and rotavirus vaccine given today; the parents were counseled on each.';
    const c = claimOf(text, [
      { code: '90723', words: 'Pediarix' },
      { code: '90648', words: 'Hib' },
      { code: '90680', words: 'rotavirus vaccine' },
      { code: '90460', words: 'counseled' },
      { code: '90461', words: 'Pediarix' },
    ]);
    // Three products, one unit each; DTaP-HepB-IPV has five components, four beyond its first.
    expect(lineOf(c, '90460')?.units).toBe(3);
    expect(lineOf(c, '90461')?.units).toBe(4);
    expect(lineOf(c, '90461')?.unitsBasis.evidence.map((e) => e.text)).toEqual([
      'Pediarix',
      'Hib',
      'rotavirus vaccine',
    ]);
  });

  it('no combined vaccine: the further-component line keeps one unit and says why', () => {
    const c = claimOf('A 2-year-old. Hepatitis A vaccine given after counselling.', [
      { code: '90633', words: 'Hepatitis A vaccine' },
      { code: '90460', words: 'counselling' },
      { code: '90461', words: 'Hepatitis A vaccine' },
    ]);
    expect(lineOf(c, '90460')?.units).toBe(1);
    expect(lineOf(c, '90461')?.units).toBe(1);
    expect((lineOf(c, '90461')?.notes ?? []).join(' ')).toMatch(/no combined vaccine/);
  });
});

describe('diagnosis pointers and the first-listed diagnosis', () => {
  const report = (impression: string): string => `EXAM: CT HEAD WITHOUT CONTRAST
INDICATION: Headache after a fall.
FINDINGS: ${impression}
IMPRESSION: See findings.`;

  it('a diagnostic test with a confirmed finding: the finding first, then the indication', () => {
    const text = report('Acute subdural hematoma over the left convexity.');
    const c = claimOf(text, [
      { code: '70450', words: 'CT HEAD WITHOUT CONTRAST' },
      { code: 'R51.9', words: 'Headache' },
      { code: 'S06.5X0A', words: 'Acute subdural hematoma' },
    ]);
    expect(c.firstListed?.code).toBe('S06.5X0A');
    expect(c.firstListed?.reason).toMatch(/confirmed finding/);
    expect(c.diagnoses.map((d) => d.code)).toEqual(['S06.5X0A', 'R51.9']);
    expect(lineOf(c, '70450')?.diagnosisPointers).toEqual([1, 2]);
    expect(lineOf(c, '70450')?.pointerReasons[0]?.reason).toMatch(/finding/);
  });

  it('a diagnostic test without a coded finding: the indication first', () => {
    const text = report('No intracranial hemorrhage.');
    const c = claimOf(text, [
      { code: '70450', words: 'CT HEAD WITHOUT CONTRAST' },
      { code: 'R51.9', words: 'Headache' },
    ]);
    expect(c.firstListed?.code).toBe('R51.9');
    expect(c.firstListed?.reason).toMatch(/indication/);
  });

  it('a visit: the reason for the encounter first, at most four pointers per line', () => {
    const text = `CHIEF COMPLAINT: Follow-up of type 2 diabetes.
ASSESSMENT: Hypertension. Hyperlipidemia. Obesity. Chronic kidney disease stage 3a. Type 2 diabetes.`;
    const c = claimOf(text, [
      { code: '99214', words: 'Follow-up' },
      { code: 'I10', words: 'Hypertension' },
      { code: 'E78.5', words: 'Hyperlipidemia' },
      { code: 'E66.9', words: 'Obesity' },
      { code: 'N18.31', words: 'Chronic kidney disease stage 3a' },
      { code: 'E11.9', words: 'type 2 diabetes' },
    ]);
    expect(c.firstListed?.code).toBe('E11.9');
    expect(c.firstListed?.reason).toMatch(/reason for the encounter/);
    expect(lineOf(c, '99214')?.diagnosisCodes).toHaveLength(4);
    expect(lineOf(c, '99214')?.diagnosisCodes[0]).toBe('E11.9');
    expect(c.diagnoses[0]).toEqual({ sequence: 1, code: 'E11.9', title: 'title of E11.9' });
  });

  it('a symptom is not listed first when a definitive diagnosis is documented', () => {
    const text = `CHIEF COMPLAINT: Cough.
ASSESSMENT: Community-acquired pneumonia.`;
    const c = claimOf(text, [
      { code: '99213', words: 'CHIEF COMPLAINT' },
      { code: 'R05.9', words: 'Cough' },
      { code: 'J18.9', words: 'Community-acquired pneumonia' },
    ]);
    expect(c.firstListed?.code).toBe('J18.9');
  });

  it('a service with no diagnosis on the note says so', () => {
    const c = claimOf('Venipuncture done.', [{ code: '36415', words: 'Venipuncture' }]);
    expect(lineOf(c, '36415')?.diagnosisCodes).toEqual([]);
    expect(lineOf(c, '36415')?.notes).toContain(
      'no diagnosis on the note supports this service: add one before billing',
    );
  });
});
