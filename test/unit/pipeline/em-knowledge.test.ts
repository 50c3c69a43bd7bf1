import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import { NotecoderError } from '../../../src/core/errors.js';
import { emDoc } from '../../../src/pipeline/cpt/em/em-doc.js';
import { hitsIn } from '../../../src/pipeline/cpt/em/em-hits.js';
import { anchorsOf, keysOf, wordKeys } from '../../../src/pipeline/cpt/em/word-keys.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { LEXICON, tempDir } from '../../helpers/fixtures.js';

const noCodeSet = {} as CodeSet;
const em = loadKnowledge(noCodeSet, LEXICON).guidelines.em;

describe('E/M tables', () => {
  it('hold every family with its levels, and every code has our own description', () => {
    const byFamily = new Map<string, string[]>();
    for (const row of em.levels) {
      byFamily.set(row.family, [...(byFamily.get(row.family) ?? []), row.code]);
    }
    expect(Object.fromEntries(byFamily)).toEqual({
      'office-new': ['99202', '99203', '99204', '99205'],
      'office-established': ['99212', '99213', '99214', '99215'],
      ed: ['99282', '99283', '99284', '99285'],
      'hospital-initial': ['99221', '99222', '99223'],
      'hospital-subsequent': ['99231', '99232', '99233'],
      discharge: ['99238', '99239'],
      'office-consult': ['99242', '99243', '99244', '99245'],
      'inpatient-consult': ['99252', '99253', '99254', '99255'],
      'critical-care': ['99291'],
    });
    expect(em.prolonged.map((p) => [p.family, p.code, p.firstAt, p.step])).toContainEqual([
      'office-established',
      '99417',
      55,
      15,
    ]);
    const cpt = new Map(loadCptLexicon(LEXICON).entries.map((e) => [e.code, e]));
    for (const code of [...em.levels, ...em.prolonged].map((r) => r.code)) {
      expect(cpt.get(code)?.ownDescription, code).toMatch(/\w/);
      expect(cpt.get(code)?.category, code).toBe('evaluation-management');
    }
  });
});

describe('E/M lexicon errors name the file and line', () => {
  const temp = tempDir();
  afterEach(() => {
    temp.cleanup();
  });
  const broken = (file: string, line: string): NotecoderError => {
    const dir = join(temp.dir, 'lexicon');
    cpSync(LEXICON, dir, { recursive: true });
    appendFileSync(join(dir, file), line);
    try {
      loadKnowledge(noCodeSet, dir);
    } catch (err) {
      return err as NotecoderError;
    }
    throw new Error('no error');
  };

  it.each([
    [
      'em-cues.tsv',
      'family\toffice\ttext\t2\t\\b(unclosed\n',
      /em-cues\.tsv:\d+: pattern is not a valid/,
    ],
    [
      'em-cues.tsv',
      'family\tdentist\ttext\t2\t\\bteeth\\b\n',
      /em-cues\.tsv:\d+: unknown kind or value/,
    ],
    [
      'em-mdm.tsv',
      'risk\textreme\tx\tmanagement\t\\bx\\b\n',
      /em-mdm\.tsv:\d+: unknown element or category/,
    ],
    ['em-levels.tsv', 'office-new\t99206\tsevere\t75\n', /em-levels\.tsv:\d+: mdm must be/],
    ['em-levels.tsv', 'nursing-home\t99304\tlow\t25\n', /em-levels\.tsv:\d+: unknown family/],
  ])('%s: %j', (file, line, message) => {
    const error = broken(file, line);
    expect(error).toBeInstanceOf(NotecoderError);
    expect(error.code).toBe('LEXICON_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('the word-key pre-check', () => {
  it('reads keys off patterns that begin a word at a literal, and none off the others', () => {
    expect(keysOf(/\b(presents?|came) to\b/gi)).toHaveLength(2);
    expect(keysOf(/\b\d+ mg\b/gi)).toBeUndefined();
    expect(keysOf(/(^|\n)\s*plan:/gi)).toBeUndefined();
    expect(keysOf(/\b(\w+ )*visit\b/gi)).toBeUndefined();
    // An optional first group: a match begins with its words or with the word after it.
    expect(keysOf(/\b(the )?visit\b/gi)).toHaveLength(2);
    const table = wordKeys('Seen in CLINIC today');
    expect(keysOf(/\bclinic\b/gi)?.every((k) => table[k] === 1)).toBe(true);
    expect(keysOf(/\bzebra\b/gi)?.some((k) => table[k] === 1)).toBe(false);
  });

  it('reads the character or the start a match must begin at', () => {
    expect(anchorsOf(/(^|\n|:)\s*follow[- ]?up\b/gi)).toEqual({
      keys: [],
      chars: '\n:',
      start: true,
    });
    expect(anchorsOf(/\n\s*sincerely|\bbest regards\b/gi)).toMatchObject({
      chars: '\n',
      start: false,
    });
    expect(anchorsOf(/\n*\s*sincerely/gi)).toBeUndefined();
    expect(anchorsOf(/^\s*dear\b/gim)).toBeUndefined();
    expect(anchorsOf(/\b\w{3,}pril\b/gi)).toBeUndefined();
  });

  // Notes written for this test, in the styles the lexicons meet; the pre-check must never drop a
  // match that the pattern alone would find.
  const notes = [
    'CHIEF COMPLAINT: Follow-up of diabetes.\nHPI: Since her last visit her A1c rose to 8.2. She was seen in the ER last month.\nASSESSMENT: Type 2 diabetes, poorly controlled; hypertension; hyperlipidemia.\nPLAN: Increase metformin to 1000 mg b.i.d. Recheck A1c, lipid panel and BMP in 3 months. I spent 32 minutes with her.',
    'REASON FOR CONSULTATION: Syncope.\nHPI: I was asked by Dr. Ruiz to see this 80-year-old who was admitted to telemetry. History obtained from the patient’s daughter.\nDATA: I personally reviewed the EKG and the echocardiogram. Troponin negative x2.\nIMPRESSION: Syncope, likely orthostatic.\nRECOMMENDATIONS: Hold lisinopril. Discussed with the hospitalist.',
    'ED NOTE\nThe patient presents to the emergency department after a motor vehicle collision.\nED COURSE: Given morphine 4 mg IV. CT head and C-spine negative.\nDIAGNOSES: Concussion. Scalp laceration, repaired.\nDISPOSITION: Discharged home; return precautions.',
    'DISCHARGE SUMMARY\nDATE OF DISCHARGE: 05/02\nDISCHARGE DIAGNOSES: Sepsis due to pyelonephritis; acute kidney injury.\nHOSPITAL COURSE: Treated with ceftriaxone; creatinine normalized.\nCONDITION ON DISCHARGE: Stable. More than 30 minutes were spent on the discharge. DNR status confirmed with family.',
    'S: Mom brings him in for ear pain since last night.\nO: Right TM bulging.\nA: Acute otitis media.\nP: Amoxicillin 90 mg/kg/day divided b.i.d. for 10 days; ibuprofen as needed. Follow up in 2 weeks.',
    'PROGRESS NOTE\nHospital day #4, post-op day 2. Afebrile overnight.\nLABS: WBC 9.1, hemoglobin 10.2.\nASSESSMENT: Small bowel obstruction, resolved. Critical care time 0.\nPLAN: Advance diet; taper off the insulin drip; transfer to the floor.',
  ];

  it('never drops a match of any E/M lexicon pattern', () => {
    const patterns = [...em.cues.map((c) => c.pattern), ...em.mdm.map((c) => c.pattern)];
    let matched = 0;
    for (const text of notes) {
      const doc = emDoc(text);
      // The whole note, and ranges that cut words (a range is read as a text of its own).
      const cuts = [
        [{ start: 0, end: text.length }],
        [
          { start: 7, end: 60 },
          { start: 61, end: text.length - 3 },
        ],
      ];
      for (const ranges of cuts) {
        for (const pattern of patterns) {
          const plain = ranges.flatMap((r) =>
            [...text.slice(r.start, r.end).matchAll(pattern)].map((m) => ({
              start: r.start + m.index,
              text: m[0],
            })),
          );
          const checked = hitsIn(doc, pattern, ranges).map((h) => ({
            start: h.start,
            text: h.text,
          }));
          expect(checked, `${pattern.source.slice(0, 60)} on note ${notes.indexOf(text)}`).toEqual(
            plain,
          );
          matched += plain.length;
        }
      }
    }
    // The notes exercise the lexicons: many patterns match somewhere.
    expect(matched).toBeGreaterThan(160);
  });
});
