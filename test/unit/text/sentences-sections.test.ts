import { describe, expect, it } from 'vitest';
import { detectSections, sectionAt } from '../../../src/text/sections.js';
import { splitSentences } from '../../../src/text/sentences.js';
import { tokenize } from '../../../src/text/tokenize.js';

describe('splitSentences', () => {
  it('splits on line breaks and sentence punctuation, not on decimals or abbreviations', () => {
    const text =
      'Temp 38.5 today. Seen by Dr. Smith, A. fumigatus grew.\nIMPRESSION: pneumonia; no effusion';
    const parts = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(parts).toEqual([
      'Temp 38.5 today.',
      'Seen by Dr. Smith, A. fumigatus grew.',
      'IMPRESSION: pneumonia;',
      'no effusion',
    ]);
  });

  it('stays linear on a long line of abbreviations', () => {
    const text = 'a.'.repeat(200_000);
    expect(splitSentences(text).length).toBeGreaterThan(0);
  });
});

describe('detectSections', () => {
  it('finds colon and all-caps headings and maps them to canonical names', () => {
    const text =
      'HPI: cough for 3 days.\nPast Medical History: HTN.\nFAMILY HISTORY\nmother with diabetes\nImpression: bronchitis';
    const sections = detectSections(text);
    expect(sections.map((s) => s.name)).toEqual(['hpi', 'pmh', 'family history', 'impression']);
    expect(sectionAt(sections, text.indexOf('mother'))?.name).toBe('family history');
  });

  it('reads a known heading in the plural, and the headings operative notes name procedures by', () => {
    const text =
      'POSTOPERATIVE DIAGNOSES: Cataract, right eye.\nOPERATIVE PROCEDURES: Phacoemulsification, right eye.\nSURGICAL INTERVENTION: Lens implant.\nCONDITIONS: Stable.';
    expect(detectSections(text).map((s) => s.name)).toEqual([
      'postoperative diagnosis',
      'procedure',
      'procedure',
      'other',
    ]);
  });

  it('reads procedure headings by their type, their details, and with an article', () => {
    const text =
      'TYPE OF PROCEDURE: Sigmoidoscopy.\nINDICATIONS FOR THE OPERATION: Bleeding.\n' +
      'PROCEDURE DETAILS: The scope was passed.\nDESCRIPTION OF THE OPERATION: Closed.\n' +
      'DETAILS OF THE PROCEDURES: None.\nTHE END: Signed.';
    expect(detectSections(text).map((s) => s.name)).toEqual([
      'procedure',
      'indication',
      'procedure',
      'procedure',
      'procedure',
      'other',
    ]);
  });

  it('reads a capital heading ended by a comma, in the plural and with a colon later in its list', () => {
    const text =
      'PREOPERATIVE DIAGNOSES,1. Lumbar stenosis.\nPROCEDURES PERFORMED,1. Laminectomy, L4.\n' +
      'OPERATIVE PROCEDURE,1. Code 63047: decompression, L4-L5.\nHPI: pain, numbness.';
    expect(detectSections(text).map((s) => [s.name, s.heading])).toEqual([
      ['preoperative diagnosis', 'PREOPERATIVE DIAGNOSES'],
      ['procedure', 'PROCEDURES PERFORMED'],
      ['procedure', 'OPERATIVE PROCEDURE'],
      ['hpi', 'HPI'],
    ]);
    // A lower-case line is prose, and a colon before the comma is the heading's own.
    expect(detectSections('Procedures performed, 1. none').map((s) => s.name)).toEqual([]);
  });

  it('reads diagnosis headings with hyphens, "op" for operative and a plural marker in brackets', () => {
    const names = (headings: string[]): string[] =>
      detectSections(headings.map((h) => `${h}: Something.`).join('\n')).map((s) => s.name);
    expect(
      names([
        'PRE-OP DIAGNOSIS',
        'POST OP DIAGNOSES',
        'Postop Diagnoses',
        'POST-PROCEDURE DIAGNOSIS',
      ]),
    ).toEqual([
      'preoperative diagnosis',
      'postoperative diagnosis',
      'postoperative diagnosis',
      'postoperative diagnosis',
    ]);
    expect(
      names(['PREOPERATIVE DIAGNOSIS (ES)', 'POSTOPERATIVE DIAGNOSIS (ES)', 'PROCEDURE (S)']),
    ).toEqual(['preoperative diagnosis', 'postoperative diagnosis', 'procedure']);
    expect(
      names(['PRE AND POSTOPERATIVE DIAGNOSIS', 'PRIMARY DIAGNOSES', 'DIAGNOSIS AT ADMISSION']),
    ).toEqual(['postoperative diagnosis', 'assessment', 'admission diagnosis']);
    // A differential is no diagnosis statement: its heading only ends the section before.
    expect(names(['HPI', 'DIFFERENTIAL DIAGNOSES'])).toEqual(['hpi', 'other']);
    expect(
      names(['PROCEDURE #1', 'DESCRIPTION OF PROCEDURE #1', 'PROCEDURE 2', 'OPERATION NO. 3']),
    ).toEqual(['procedure', 'procedure', 'procedure', 'procedure']);
  });

  it('reads the preoperative diagnosis as the postoperative one when that only says "Same"', () => {
    const names = (text: string): string[] => detectSections(text).map((s) => s.name);
    for (const same of ['Same.', 'Same as above.', 'same as preoperative diagnosis', 'Unchanged']) {
      expect(
        names(
          `PREOPERATIVE DIAGNOSIS: Torn meniscus.\nPOSTOPERATIVE DIAGNOSIS: ${same}\nPROCEDURE: x`,
        ),
      ).toEqual(['postoperative diagnosis', 'postoperative diagnosis', 'procedure']);
    }
    expect(
      names(
        'PREOPERATIVE DIAGNOSIS: Torn meniscus.\nPOSTOPERATIVE DIAGNOSIS: Same, with chondromalacia.',
      ),
    ).toEqual(['preoperative diagnosis', 'postoperative diagnosis']);
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text, folds and stems', () => {
    const text = 'Ménière’s disease\nFractures of the femur';
    const { tokens, sentences } = tokenize(text);
    for (const t of tokens) {
      expect(
        text
          .slice(t.start, t.end)
          .toLowerCase()
          .normalize('NFKD')
          .replace(/[\u0300-\u036f]/g, ''),
      ).toBe(t.norm);
    }
    expect(tokens.map((t) => t.stem)).toEqual([
      'menier',
      'diseas',
      'fractur',
      'of',
      'the',
      'femur',
    ]);
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(sentences).toHaveLength(2);
  });
});
