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
