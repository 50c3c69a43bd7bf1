import { describe, expect, it } from 'vitest';
import { cesareanScar, previousCesarean } from '../../../src/pipeline/select/cesarean-scar.js';
import { deliveryOutcome } from '../../../src/pipeline/select/delivery-outcome.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

// Phrasings written for these tests: labour and delivery notes, antepartum visits, gynecologic records.
describe('an earlier cesarean in the words notes use', () => {
  const read = (t: string): string | undefined => previousCesarean(t)?.text;

  it('reads previous, prior, counted, repeat, history-of and VBAC wordings', () => {
    expect(read('Indication: prior cesarean section, desires repeat.')).toBe(
      'prior cesarean section',
    );
    expect(read('She has had 2 previous C-sections and declines labor.')).toBe(
      '2 previous C-sections',
    );
    expect(read('Delivered by repeat low transverse cesarean delivery.')).toBe(
      'repeat low transverse cesarean delivery',
    );
    expect(read('PSH: status post cesarean x1 in 2019.')).toBe('status post cesarean');
    expect(read('Counseled at length regarding VBAC versus elective repeat.')).toBe('VBAC');
    expect(read('Admitted for a trial of labor after cesarean.')).toBe(
      'trial of labor after cesarean',
    );
  });

  it('reads nothing when the earlier cesarean is denied or absent', () => {
    expect(read('G2P1, no prior cesarean, one uncomplicated vaginal birth.')).toBeUndefined();
    expect(read('She has never had a previous C-section.')).toBeUndefined();
    expect(read('Primary low transverse cesarean section for arrest of descent.')).toBeUndefined();
  });
});

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)('maternal care for the scar of an earlier cesarean', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);
  const scar = (text: string, ...codes: string[]): string[] =>
    cesareanScar(
      detectResult(...codes.map((c) => suggestion(c, 0.6))),
      text,
      codeSet(),
      0.3,
    ).suggestions.map((s) => s.code);

  it('reports O34.219 on a pregnancy’s record that names an earlier cesarean', () => {
    expect(
      scar(
        'Term pregnancy at 39 weeks gestation. One prior cesarean; scheduled for elective repeat section.',
      ),
    ).toEqual(['O34.219']);
    // A pregnancy code already billed says the record is the pregnancy's.
    expect(scar('History of cesarean delivery. Blood pressure 150/100 today.', 'O13.3')).toEqual([
      'O13.3',
      'O34.219',
    ]);
  });

  it('reports nothing on a record that is not a pregnancy’s, or when an O34.2 code is billed', () => {
    expect(
      scar(
        'Total abdominal hysterectomy for fibroids. Past surgical history: two prior cesareans.',
      ),
    ).toEqual([]);
    expect(
      scar('Intrauterine pregnancy at 37 weeks, prior low transverse cesarean.', 'O34.211'),
    ).toEqual(['O34.211']);
  });

  it('gives way on a newborn’s record, however the newborn’s age is written', () => {
    const newborn = (text: string) =>
      deliveryOutcome(cesareanScar(detectResult(), text, codeSet(), 0.3), text, codeSet(), 0.3);
    const transfer = newborn(
      'A 3-day-old girl transferred for jaundice. She was born at 38 weeks gestation by repeat cesarean section.',
    );
    expect(transfer.suggestions).toEqual([]);
    const out = newborn(
      'Male infant born by repeat cesarean section at 39 weeks gestation, now 20 hours old, feeding well.',
    );
    expect(out.suggestions).toEqual([]);
    expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([['O34.219', 'newborn-record']]);
  });
});
