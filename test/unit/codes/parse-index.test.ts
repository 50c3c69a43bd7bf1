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
    expect(index.entries).toContainEqual(
      expect.objectContaining({
        phrase: 'Diabetes, diabetic (mellitus) (sugar), type 2, with, hyperglycemia',
        code: 'E11.65',
      }),
    );
    expect(index.entries).toContainEqual(
      expect.objectContaining({
        phrase: 'Diabetes, diabetic (mellitus) (sugar)',
        code: 'E11.9',
      }),
    );
    expect(index.entries).toContainEqual(
      expect.objectContaining({
        phrase: 'Fracture, traumatic, femur, femoral, neck',
        code: 'S72.00-',
      }),
    );
    expect(index.entries.some((e) => e.phrase.endsWith(', with'))).toBe(false);
  });

  it('keeps the term tree the phrases are paths of', () => {
    const index = parseIndex(...read('icd10cm_index_2098.xml'), 'index');
    const hyperglycemia = index.entries.find((e) => e.code === 'E11.65');
    const path: string[] = [];
    for (let n = hyperglycemia?.node ?? -1; n >= 0; n = index.nodes[n]?.parent ?? -1) {
      path.unshift(index.nodes[n]?.title ?? '');
    }
    expect(path.join(', ')).toBe(hyperglycemia?.phrase);
    expect(index.nodes.filter((n) => n.title === 'with')).toHaveLength(1);
  });

  it('keeps see and see-also cross-references', () => {
    const index = parseIndex(...read('icd10cm_index_2098.xml'), 'index');
    expect(index.seeRefs).toContainEqual(
      expect.objectContaining({
        phrase: 'High, blood pressure',
        target: 'Hypertension',
        also: false,
      }),
    );
    expect(index.seeRefs).toContainEqual(
      expect.objectContaining({
        phrase: 'Fracture, traumatic',
        target: 'Injury',
        also: true,
      }),
    );
  });

  it('reads table cells by their column headings and skips empty cells', () => {
    const neoplasm = parseIndex(...read('icd10cm-neoplasm-2099.xml'), 'neoplasm');
    expect(neoplasm.entries).toHaveLength(5);
    expect(neoplasm.entries[0]).toMatchObject({
      phrase: 'Neoplasm, neoplastic, lung',
      code: 'C34.9-',
      column: 'Malignant Primary',
    });
    const drug = parseIndex(...read('icd10cm-drug-2099.xml'), 'drug');
    expect(drug.entries.map(({ phrase, code, column }) => ({ phrase, code, column }))).toEqual([
      { phrase: 'Acetaminophen', code: 'T39.1X1', column: 'Poisoning Accidental (unintentional)' },
      { phrase: 'Acetaminophen', code: 'T39.1X5', column: 'Adverse effect' },
    ]);
  });
});
