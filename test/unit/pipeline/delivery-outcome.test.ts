import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/core/types.js';
import {
  deliveryOutcome,
  documentedDelivery,
} from '../../../src/pipeline/select/delivery-outcome.js';
import { trimesterCodes } from '../../../src/pipeline/select/trimester-codes.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

// Phrasings written for these tests: delivery notes, a newborn's record, a past delivery.
describe('a delivery documented on the mother’s record', () => {
  it('reads a birth at this encounter with its outcome', () => {
    const outcome = (t: string): string | undefined => documentedDelivery(t)?.code;
    expect(
      outcome(
        'Uterine incision made. Delivery of a vigorous male infant from the vertex position. Placenta removed manually.',
      ),
    ).toBe('Z37.0');
    expect(
      outcome('Second stage 40 minutes; the baby was delivered over an intact perineum.'),
    ).toBe('Z37.0');
    expect(
      outcome('Apgar scores of 7 and 9. Estimated blood loss 350 mL. Fundus firm below umbilicus.'),
    ).toBe('Z37.0');
    expect(
      outcome(
        'Twin A was delivered by vertex, twin B by breech extraction, both vigorous. Placentas delivered.',
      ),
    ).toBe('Z37.2');
    expect(
      outcome(
        'Induction for intrauterine fetal demise at 30 weeks. A stillborn female infant was delivered; placenta sent to pathology.',
      ),
    ).toBe('Z37.1');
  });

  it('reads no outcome on a newborn’s record, for a past delivery or without the mother’s words', () => {
    const outcome = (t: string): string | undefined => documentedDelivery(t)?.code;
    expect(
      outcome(
        'Infant boy born by cesarean section to a 25-year-old gravida 2, Apgars 8 and 9, now 2 days old.',
      ),
    ).toBeUndefined();
    expect(
      outcome('OB HISTORY: Gravida 3, para 2, two prior vaginal deliveries. Now with pelvic pain.'),
    ).toBeUndefined();
    expect(outcome('The baby was delivered to the front desk in a car seat.')).toBeUndefined();
  });
});

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)(
  'the outcome of delivery and the weeks of gestation (guideline I.C.15.b.5)',
  () => {
    const codeSet = suiteReleaseCodeSet(icd10cm);
    const titled = (code: string, confidence: number): Suggestion => ({
      ...suggestion(code, confidence),
      title: codeSet().get(code, 'ICD-10-CM')?.title ?? code,
    });
    const note =
      'IUP at 38 weeks in active labor. Spontaneous vaginal delivery of a liveborn female infant. Second degree perineal laceration repaired.';

    it('adds Z37.0 at the operating threshold, and with it the weeks of gestation', () => {
      const out = trimesterCodes(
        deliveryOutcome(detectResult(), note, codeSet(), 0.3),
        note,
        codeSet(),
        0.3,
      );
      expect(out.suggestions.map((s) => [s.code, s.confidence])).toEqual([
        ['Z37.0', 0.3],
        ['Z3A.38', 0.3],
      ]);
      expect(out.suggestions[0]?.evidence[0]?.text).toMatch(/^delivery of a liveborn/i);
    });

    it('lets another outcome give way, and takes Z37 off a newborn’s record', () => {
      const out = deliveryOutcome(detectResult(titled('Z37.9', 0.5)), note, codeSet(), 0.3);
      expect(out.suggestions.map((s) => s.code)).toEqual(['Z37.0']);
      expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([['Z37.9', 'less-specific']]);
      const newborn = deliveryOutcome(
        detectResult(titled('Z37.0', 0.6), titled('P59.9', 0.7)),
        'Term female born via vaginal delivery to a G1 mother, now 30 hours old, with jaundice.',
        codeSet(),
        0.3,
      );
      expect(newborn.suggestions.map((s) => s.code)).toEqual(['P59.9']);
      expect(newborn.suppressed.map((s) => [s.code, s.reason])).toEqual([
        ['Z37.0', 'newborn-record'],
      ]);
    });

    it('keeps each record’s chapter: no pregnancy code on the newborn’s, no perinatal code on the mother’s', () => {
      const newborn = deliveryOutcome(
        detectResult(titled('O77.0', 0.6), titled('P96.83', 0.5)),
        'Male infant born by vaginal delivery through thick meconium, now 12 hours old, feeding well.',
        codeSet(),
        0.3,
      );
      expect(newborn.suggestions.map((s) => s.code)).toEqual(['P96.83']);
      expect(newborn.suppressed.map((s) => [s.code, s.reason])).toEqual([
        ['O77.0', 'newborn-record'],
      ]);
      const mother = deliveryOutcome(
        detectResult(titled('O77.0', 0.6), titled('P96.83', 0.5)),
        note + ' Thick meconium at amniotomy.',
        codeSet(),
        0.3,
      );
      expect(mother.suggestions.map((s) => s.code).sort()).toEqual(['O77.0', 'Z37.0']);
      expect(mother.suppressed.map((s) => [s.code, s.reason])).toEqual([
        ['P96.83', 'maternal-record'],
      ]);
    });
  },
);
