import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { emDoc } from '../../../src/pipeline/cpt/em/em-doc.js';
import { encounterTimes } from '../../../src/pipeline/cpt/em/em-time.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { LEXICON } from '../../helpers/fixtures.js';

// The E/M lexicons do not depend on the code set.
const em = loadKnowledge({} as CodeSet, LEXICON).guidelines.em;
const times = (text: string): [number, string][] =>
  encounterTimes(emDoc(text), em.cues).map((t) => [t.minutes, t.kind]);

describe('E/M time statements', () => {
  it.each([
    ['Total time spent on this date: 42 minutes.', 42],
    [
      'I spent a total of 25 minutes with the patient and her daughter, more than half counseling.',
      25,
    ],
    ['Face-to-face time was approximately thirty-five minutes.', 35],
    [
      'Over 40 minutes were spent reviewing outside records, examining him and coordinating care.',
      41,
    ],
    ['This was a 45-minute visit, most of it spent on education about insulin.', 45],
    ['Time: 18 min', 18],
    ['Attestation: total time on the day of service was one hour and ten minutes.', 70],
    ['We talked for an hour and a half about his treatment options.', 90],
    ['I spent 30 to 40 minutes counseling the family about the diagnosis.', 30],
    ['Length of this encounter: 1.5 hours.', 90],
    ['Half an hour was spent discussing the results with her.', 30],
  ])('reads "%s" as %i minutes of the visit', (text, minutes) => {
    expect(times(text)).toEqual([[minutes, 'visit']]);
  });

  it('reads critical care and discharge time apart from the visit', () => {
    expect(times('Critical care time, exclusive of the central line, was 50 minutes.')).toEqual([
      [50, 'critical'],
    ]);
    expect(times('Critical care: 1.5 hours at the bedside managing pressors.')).toEqual([
      [90, 'critical'],
    ]);
    // Under the 30 minutes that 99291 needs.
    expect(times('Less than 30 minutes of critical care were provided.')).toEqual([
      [29, 'critical'],
    ]);
    expect(
      times('Discharge took more than 30 minutes, with medication reconciliation and teaching.'),
    ).toEqual([[31, 'discharge']]);
    expect(times('25 minutes were spent on discharge planning and paperwork.')).toEqual([
      [25, 'discharge'],
    ]);
  });

  it.each([
    ['Pulse 88 per minute, respirations 18/min, blood pressure 132/84.'],
    ['The tingling lasts 10 minutes and resolves with rest.'],
    ['TOURNIQUET TIME: 42 minutes.'],
    ['Fluoroscopy time 3.2 minutes.'],
    ['Apgars 8 at 1 minute and 9 at 5 minutes.'],
    ['Ice the knee for 20 minutes three times a day.'],
    ['He lives about 2 hours away from the clinic and drives himself.'],
    ['Treadmill exercise lasted 9 minutes on the standard protocol.'],
    ['Seven hours of counseling were provided at the diabetes camp.'],
  ])('does not take "%s" as encounter time', (text) => {
    expect(times(text)).toEqual([]);
  });

  it.each([
    ['She will return in 3 weeks for a 30-minute follow-up to review the sleep study.'],
    ['Schedule a 60-minute appointment next month to discuss the results.'],
    ['Return to clinic in 4 weeks for a 40 minute visit with her husband.'],
  ])('does not take a planned visit as this encounter\'s time: "%s"', (text) => {
    expect(times(text)).toEqual([]);
  });

  it('keeps the time statement of the plan, not a duration told in the history', () => {
    const note = [
      'HISTORY OF PRESENT ILLNESS: She sat in the waiting room of another clinic for 2 hours last week.',
      'PLAN: Refill metformin.',
      'I spent 22 minutes with her today.',
    ].join('\n');
    expect(times(note)).toEqual([[22, 'visit']]);
  });
});
