import { describe, expect, it } from 'vitest';
import { isNotecoderError } from '../../../src/core/errors.js';
import type { PhiType } from '../../../src/core/redaction-types.js';
import { loadNameLists } from '../../../src/redact/name-lists.js';
import { createRedactor } from '../../../src/redact/redactor.js';

// Notes written for these tests (no dev note is copied): every value below is made up.
const names = loadNameLists();
const redactor = createRedactor({ names });

/** The spans of a note as `TYPE text` strings, for readable expectations. */
function found(text: string): string[] {
  return redactor.find(text).map((s) => `${s.type} ${text.slice(s.start, s.end)}`);
}

/** True when some span of the given type covers exactly `value`. */
function has(text: string, type: PhiType, value: string): boolean {
  return found(text).includes(`${type} ${value}`);
}

describe('createRedactor: each Safe Harbor identifier', () => {
  it('finds names after titles, labels, first names and credentials, and their repeats', () => {
    const note = [
      'Patient name: Rosalind Okafor',
      'Referring physician: Tobias Whitcombe',
      '',
      'Ms. Okafor is followed by Dr. Priya Venkataraman for her thyroid. She came with her sister',
      'Imelda Fairbanks. Okafor tolerated the procedure. Seen with Gwendolyn Ashby, MD, and J. Lindqvist, RN.',
      'Dictated by: HALVORSEN, MARGIT',
    ].join('\n');
    const spans = found(note);
    expect(spans).toEqual(
      expect.arrayContaining([
        'NAME Rosalind Okafor',
        'NAME Tobias Whitcombe',
        'NAME Okafor',
        'NAME Priya Venkataraman',
        'NAME Imelda Fairbanks',
        'NAME Gwendolyn Ashby',
        'NAME J. Lindqvist',
        'NAME HALVORSEN, MARGIT',
      ]),
    );
    // "Okafor" three times: the label, the title and the bare repeat.
    expect(spans.filter((s) => s.endsWith('Okafor'))).toHaveLength(3);
    expect(spans.some((s) => s.includes('thyroid') || s.includes('sister'))).toBe(false);
  });

  it('finds dates in every usual form, and leaves years, times, vitals and strength alone', () => {
    const note =
      'DOB: 07/04/1941. Admitted 2/9/23, seen again on 3/1 and discharged 2023-02-15. MRI dated ' +
      'Sept. 3rd, 2022; echo on 14 August 2021; last colonoscopy March 2015; seen in June of 2019. ' +
      'Transcribed as "seen1/5/20". Smoked since 1988. BP 128/76 at 10:30. Strength 5/5. Ratio 1/2.';
    for (const d of [
      '07/04/1941',
      '2/9/23',
      '3/1',
      '2023-02-15',
      'Sept. 3rd, 2022',
      '14 August 2021',
      'March 2015',
      'June of 2019',
      '1/5/20',
    ]) {
      expect(has(note, 'DATE', d), d).toBe(true);
    }
    const text = found(note).join(' | ');
    for (const kept of ['1988', '128/76', '10:30', '5/5', '1/2']) {
      expect(text, kept).not.toContain(kept);
    }
  });

  it('finds ages over 89 only', () => {
    const note =
      'A 93-year-old man; his wife is 91 years old; aged 104; mother died in her 90s. ' +
      'A 45-year-old nurse; 89 years old; 95 mg; 90 days.';
    expect(found(note)).toEqual(['AGE 93', 'AGE 91', 'AGE 104', 'AGE 90s']);
  });

  it('finds record, account, social security, licence and device numbers', () => {
    const note =
      'MRN: 0048213377\nAcct #: K4471902\nSSN 321-54-0987\nMedicare ID: 7QX4-RT2-MK81\n' +
      'Pacemaker serial # PJN884213, lot 55Z1209. Driver license: S53017722. Chart no. 88213.\n' +
      'Hemoglobin 13.2, platelets 250,000, ICD-10 E11.9, CPT 99213.';
    for (const id of [
      '0048213377',
      'K4471902',
      '321-54-0987',
      '7QX4-RT2-MK81',
      'PJN884213',
      '55Z1209',
      'S53017722',
      '88213',
    ]) {
      expect(has(note, 'ID', id), id).toBe(true);
    }
    const text = found(note).join(' | ');
    for (const kept of ['13.2', '250,000', 'E11.9', '99213']) {
      expect(text, kept).not.toContain(kept);
    }
  });

  it('finds phone and fax numbers, e-mail, URLs and IP addresses', () => {
    const note =
      'Call (802) 555-0142 or 802.555.0199 ext. 12; fax 802-555-0173; pager 555-0166. ' +
      'E-mail r.okafor_77@mailbox.example.net, portal https://portal.example.org/p/8812, ' +
      'device IP 10.24.3.118.';
    for (const c of [
      '(802) 555-0142',
      '802.555.0199 ext. 12',
      '802-555-0173',
      '555-0166',
      'r.okafor_77@mailbox.example.net',
      'https://portal.example.org/p/8812',
      '10.24.3.118',
    ]) {
      expect(has(note, 'CONTACT', c), c).toBe(true);
    }
  });

  it('finds street addresses with city, state and ZIP, cities, boxes and facilities', () => {
    const note =
      'Address: 4471 N. Juniper Hollow Rd, Apt 3B, Montpelier, VT 05602\n' +
      'Mail: P.O. Box 2291, Barre, VT 05641-2291\n' +
      'She lives in Waterbury, Vermont with her son. Transferred from Green Mountain Regional ' +
      'Medical Center to Saint Brigid Rehabilitation Hospital; followed at Okemo Valley Clinic. ' +
      'Seen in the Pain Clinic, the Wound Care Center and the Emergency Department of County ' +
      'General Hospital.';
    expect(has(note, 'LOCATION', '4471 N. Juniper Hollow Rd, Apt 3B, Montpelier, VT 05602')).toBe(
      true,
    );
    expect(has(note, 'LOCATION', 'P.O. Box 2291')).toBe(true);
    expect(has(note, 'LOCATION', 'Barre, VT 05641-2291')).toBe(true);
    expect(has(note, 'LOCATION', 'Waterbury, Vermont')).toBe(true);
    expect(has(note, 'LOCATION', 'Green Mountain Regional Medical Center')).toBe(true);
    expect(has(note, 'LOCATION', 'Saint Brigid Rehabilitation Hospital')).toBe(true);
    expect(has(note, 'LOCATION', 'Okemo Valley Clinic')).toBe(true);
    expect(has(note, 'LOCATION', 'County General Hospital')).toBe(true);
    const text = found(note).join(' | ');
    for (const kept of ['Pain Clinic', 'Wound Care', 'Emergency']) {
      expect(text, kept).not.toContain(kept);
    }
  });
});

describe('createRedactor: clinical words are not names', () => {
  it('keeps eponyms, drugs and devices, even for a patient who shares their name', () => {
    const note = [
      'Patient: Harriet Parkinson',
      'Ms. Parkinson has Parkinson disease and a history of Hodgkin lymphoma, Down syndrome in her',
      "brother, Alzheimer's dementia in her mother, Crohn's disease, Bell palsy last year, Graves",
      'disease, Cushing syndrome, Wilson disease and Addison disease. Positive Babinski sign, negative',
      "Homans sign, Murphy sign equivocal. Barrett's esophagus. Marcus Gunn pupil. Foley catheter,",
      'Swan-Ganz catheter, Jackson-Pratt drain, Blake drain. Stevens-Johnson syndrome. Mallory-Weiss',
      'tear. Tommy John surgery. Glasgow Coma Scale 15. Gleason score 7. Apgar scores 8 and 9.',
      'Medications: Lasix 40 mg, Allegra 180 mg, Lyrica 75 mg, Coumadin, Eliquis, Humira.',
      'Device: Medtronic Azure pacemaker.',
    ].join('\n');
    const spans = found(note);
    // The patient's own name in the label and after the title...
    expect(spans).toEqual(['NAME Harriet Parkinson', 'NAME Parkinson']);
    // ...and nothing else: every eponym, drug and device survives.
    const redacted = redactor.redact(note).text;
    for (const word of [
      'Parkinson disease',
      'Hodgkin',
      'Down syndrome',
      'Alzheimer',
      'Crohn',
      'Bell palsy',
      'Graves',
      'Cushing',
      'Wilson disease',
      'Addison',
      'Babinski',
      'Homans',
      'Murphy',
      'Barrett',
      'Marcus Gunn',
      'Foley',
      'Swan-Ganz',
      'Jackson-Pratt',
      'Blake drain',
      'Stevens-Johnson',
      'Mallory-Weiss',
      'Tommy John',
      'Glasgow',
      'Gleason',
      'Apgar',
      'Lasix',
      'Allegra',
      'Lyrica',
      'Coumadin',
      'Eliquis',
      'Humira',
      'Medtronic Azure',
    ]) {
      expect(redacted, word).toContain(word);
    }
  });

  it('does not carry a word-like surname to the places the note uses it as a word', () => {
    const note =
      'Patient: Walter Long\nMr. Long has had a long history of asthma. Long-term inhaled steroids.';
    expect(found(note)).toEqual(['NAME Walter Long', 'NAME Long']);
  });
});

describe('createRedactor: output', () => {
  const note =
    'Patient: Delphine Marchetti\nDOB: 02/11/1950\nMs. Marchetti saw Dr. Anselm Riedl on 3/14/2022 ' +
    'and again on 4/1/2022. Marchetti called 413-555-0187. MRN 77120455.';

  it('replaces each span with [TYPE] and keeps offsets into the submitted text', () => {
    const r = redactor.redact(note);
    expect(r.text).toBe(
      'Patient: [NAME]\nDOB: [DATE]\nMs. [NAME] saw Dr. [NAME] on [DATE] and again on [DATE]. ' +
        '[NAME] called [CONTACT]. MRN [ID].',
    );
    for (const s of r.spans) {
      expect(s.replacement).toBe(`[${s.type}]`);
      expect(note.slice(s.start, s.end)).not.toMatch(/^\s|\s$/);
    }
  });

  it('gives the same name the same surrogate everywhere in a note, and keeps intervals', () => {
    const r = redactor.redact(note, { surrogate: true, seed: 'fixed' });
    const byOriginal = new Map<string, Set<string>>();
    for (const s of r.spans) {
      const key = note.slice(s.start, s.end);
      byOriginal.set(key, (byOriginal.get(key) ?? new Set()).add(s.replacement));
    }
    // "Marchetti" appears three times (label, title, bare): one fake, never the original.
    const fake = [...(byOriginal.get('Marchetti') ?? [])];
    expect(fake).toHaveLength(1);
    expect(fake[0]).not.toBe('Marchetti');
    expect(byOriginal.get('Delphine Marchetti')?.size).toBe(1);
    // The surname inside the full name is the same fake as the bare surname.
    expect(
      [...(byOriginal.get('Delphine Marchetti') ?? [])][0]?.endsWith(` ${fake[0] ?? ''}`),
    ).toBe(true);
    for (const original of ['Delphine', 'Marchetti', 'Anselm', 'Riedl', '77120455', '413-555']) {
      expect(r.text).not.toContain(original);
    }
    // Dates move together: 3/14/2022 → 4/1/2022 stays 18 days apart.
    const dates = r.spans.filter((s) => s.type === 'DATE').map((s) => s.replacement);
    const [a, b] = [dates[1], dates[2]].map((d) => {
      const [m, day, y] = (d ?? '').split('/').map(Number);
      return Date.UTC(y ?? 0, (m ?? 1) - 1, day ?? 1);
    });
    expect(((b ?? 0) - (a ?? 0)) / 86_400_000).toBe(18);
    // The same seed gives the same fakes; another seed other fakes.
    expect(redactor.redact(note, { surrogate: true, seed: 'fixed' }).text).toBe(r.text);
    expect(redactor.redact(note, { surrogate: true, seed: 'other' }).text).not.toBe(r.text);
  });

  it('redacts only the types asked for, and validates its options', () => {
    const dates = createRedactor({ names, types: ['DATE'] });
    expect(dates.find(note).every((s) => s.type === 'DATE')).toBe(true);
    expect(() => createRedactor({ names: { first: [], last: ['Smith'] } })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    try {
      createRedactor({ names, types: ['PHONE' as PhiType] });
      expect.unreachable();
    } catch (err) {
      expect(isNotecoderError(err, 'INVALID_OPTIONS')).toBe(true);
    }
  });

  it('handles empty, huge and hostile text in linear time', () => {
    expect(redactor.redact('')).toEqual({ text: '', spans: [] });
    const hostile = `${'A'.repeat(50_000)}a ${'1/'.repeat(20_000)} ${'Dr. '.repeat(10_000)}${'x@'.repeat(10_000)}`;
    const started = performance.now();
    redactor.find(hostile);
    // Not a speed target (that is in npm run bench): a guard against catastrophic backtracking.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
