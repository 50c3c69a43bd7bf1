import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrderFile } from '../../../src/codes/icd10cm/parse-order-file.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { fixture } from '../../helpers/fixtures.js';

describe('parseOrderFile', () => {
  it('reads codes, billable flags and both titles from the fixed-width layout', () => {
    const file = fixture('icd10cm', 'icd10cm-order-2099.txt');
    const rows = parseOrderFile(readFileSync(file, 'utf8'), file);
    expect(rows).toHaveLength(33);
    expect(rows[0]).toEqual({
      code: 'E10',
      billable: false,
      shortTitle: 'Type 1 diabetes mellitus',
      longTitle: 'Type 1 diabetes mellitus',
    });
    const fracture = rows.find((r) => r.code === 'S72.001A');
    expect(fracture?.billable).toBe(true);
    expect(fracture?.longTitle).toBe(
      'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    );
    expect(fracture?.shortTitle).toBe(
      'Fracture of unspecified part of neck of right femur, initial',
    );
    expect(rows.find((r) => r.code === 'E11.A')?.billable).toBe(true);
  });

  it('names file and line of a line with the wrong width', () => {
    const file = fixture('bad-order-2099.txt');
    let error: unknown;
    try {
      parseOrderFile(readFileSync(file, 'utf8'), file);
    } catch (err) {
      error = err;
    }
    expect(isNotecoderError(error, 'ORDER_FILE_LINE_INVALID')).toBe(true);
    expect((error as Error).message).toContain('bad-order-2099.txt:4:');
    expect((error as Error).message).toContain('40 characters wide');
  });

  it('rejects a bad flag and a misplaced code', () => {
    const good =
      '00001 E119    1 Type 2 diabetes mellitus without complications               Type 2 diabetes mellitus without complications';
    expect(() => parseOrderFile(good.replace(' 1 Type', ' 7 Type'), 'x.txt')).toThrow(
      /x\.txt:1: billable flag/,
    );
    expect(() => parseOrderFile(good.replace('E119   ', 'e1-9   '), 'x.txt')).toThrow(
      /not an ICD-10-CM code/,
    );
    expect(() => parseOrderFile('\n\n', 'empty.txt')).toThrow(/no code lines/);
  });
});
