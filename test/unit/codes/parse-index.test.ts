import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIndex } from '../../../src/codes/icd10cm/parse-index.js';
import { fixture } from '../../helpers/fixtures.js';

const read = (name: string): [string, string] => {
  const file = fixture('icd10cm', name);
  return [readFileSync(file, 'utf8'), file];
};

describe('parseIndex', () => {
  it('flattens main terms and sub-terms into phrases, keeping nonessential modifiers', () => {
    const index = parseIndex(...read('icd10cm_index_2098.xml'), 'index');
    expect(index.year).toBe(2098);
    expect(index.entries).toContainEqual({
      phrase: 'Diabetes, diabetic (mellitus) (sugar), type 2, with, hyperglycemia',
      code: 'E11.65',
    });
    expect(index.entries).toContainEqual({ phrase: 'Diabetes, diabetic (mellitus) (sugar)', code: 'E11.9' });
    expect(index.entries).toContainEqual({ phrase: 'Fracture, traumatic, femur, femoral, neck', code: 'S72.00-' });
    expect(index.entries.some((e) => e.phrase.endsWith(', with'))).toBe(false);
  });

  it('keeps see and see-also cross-references', () => {
    const index = parseIndex(...read('icd10cm_index_2098.xml'), 'index');
    expect(index.seeRefs).toContainEqual({ phrase: 'High, blood pressure', target: 'Hypertension', also: false });
    expect(index.seeRefs).toContainEqual({ phrase: 'Fracture, traumatic', target: 'Injury', also: true });
  });

  it('reads table cells by their column headings and skips empty cells', () => {
    const neoplasm = parseIndex(...read('icd10cm-neoplasm-2099.xml'), 'neoplasm');
    expect(neoplasm.entries).toHaveLength(5);
    expect(neoplasm.entries[0]).toEqual({
      phrase: 'Neoplasm, neoplastic, lung',
      code: 'C34.9-',
      column: 'Malignant Primary',
    });
    const drug = parseIndex(...read('icd10cm-drug-2099.xml'), 'drug');
    expect(drug.entries).toEqual([
      { phrase: 'Acetaminophen', code: 'T39.1X1', column: 'Poisoning Accidental (unintentional)' },
      { phrase: 'Acetaminophen', code: 'T39.1X5', column: 'Adverse effect' },
    ]);
  });
});
