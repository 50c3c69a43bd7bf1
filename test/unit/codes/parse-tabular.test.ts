import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTabular } from '../../../src/codes/icd10cm/parse-tabular.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { fixture } from '../../helpers/fixtures.js';

describe('parseTabular', () => {
  const file = fixture('icd10cm', 'icd10cm_tabular_2098.xml');
  const tabular = parseTabular(readFileSync(file, 'utf8'), file);

  it('reads version, chapters and sections with their notes', () => {
    expect(tabular.year).toBe(2098);
    expect(tabular.chapters.map((c) => c.id)).toEqual(['4', '9', '19']);
    expect(tabular.chapters[0]?.notes.excludes2).toEqual([
      'transitory endocrine and metabolic disorders specific to newborn (P70-P74)',
    ]);
    expect(tabular.sections.map((s) => [s.id, s.chapter])).toEqual([
      ['E08-E13', '4'],
      ['I10-I16', '9'],
      ['S70-S79', '19'],
    ]);
    expect(tabular.sections[1]?.notes.excludes1).toEqual(['neonatal hypertension (P29.2)']);
  });

  it('reads every diag with its own notes, not its children’s or the introduction’s', () => {
    const byCode = new Map(tabular.diags.map((d) => [d.code, d]));
    expect(byCode.get('I10')?.notes.includes).toEqual([
      'high blood pressure',
      'hypertension (arterial) (benign) (essential) (malignant) (primary) (systemic)',
    ]);
    expect(byCode.get('E11')?.notes.inclusionTerms).toEqual([
      'diabetes (mellitus) due to insulin secretory defect',
    ]);
    expect(byCode.get('E11')?.notes.useAdditionalCode).toEqual([
      'code to identify control using insulin (Z79.4)',
    ]);
    expect(byCode.get('E11.22')?.notes.useAdditionalCode).toHaveLength(1);
    expect(byCode.get('E11.2')?.notes).toEqual({});
    expect(byCode.get('E11.22')?.section).toBe('E08-E13');
    expect(JSON.stringify(tabular)).not.toContain('introductory note');
  });

  it('reads 7th-character definitions where they are declared', () => {
    const s72 = tabular.diags.find((d) => d.code === 'S72');
    expect(s72?.sevenths?.chars).toEqual({
      A: 'initial encounter for closed fracture',
      B: 'initial encounter for open fracture type I or II',
      D: 'subsequent encounter for closed fracture with routine healing',
      S: 'sequela',
    });
    expect(s72?.sevenths?.note).toMatch(/7th character/);
    expect(tabular.diags.find((d) => d.code === 'S72.0')?.sevenths).toBeUndefined();
  });

  it('reports malformed XML with file and line', () => {
    const bad = fixture('malformed-tabular.xml');
    let error: unknown;
    try {
      parseTabular(readFileSync(bad, 'utf8'), bad);
    } catch (err) {
      error = err;
    }
    expect(isNotecoderError(error, 'SOURCE_XML_MALFORMED')).toBe(true);
    expect((error as Error).message).toMatch(/malformed-tabular\.xml:11: malformed XML/);
    expect(isNotecoderError(error) && error.details.line).toBe(11);
  });
});
