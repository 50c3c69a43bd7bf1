import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHcpcs } from '../../../src/codes/hcpcs/parse-hcpcs.js';
import { fixture } from '../../helpers/fixtures.js';

describe('parseHcpcs', () => {
  it('reads the tab-separated layout with modifiers and termination dates', () => {
    const file = fixture('hcpcs', 'hcpcs-2099.tsv');
    const entries = parseHcpcs(readFileSync(file, 'utf8'), file);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toEqual({
      code: 'J1100',
      kind: 'procedure',
      shortTitle: 'Dexamethasone sodium phos',
      longTitle: 'Injection, dexamethasone sodium phosphate, 1 mg',
      terminated: '',
    });
    expect(entries.find((e) => e.code === 'A4206')?.terminated).toBe('20100101');
    expect(entries.find((e) => e.code === 'LT')?.kind).toBe('modifier');
  });

  it('reads the CMS fixed-width layout, joining continuation lines', () => {
    const file = fixture('hcpcs', 'HCPC2099_CONTR_ANWEB.txt');
    const entries = parseHcpcs(readFileSync(file, 'utf8'), file);
    expect(entries.map((e) => e.code)).toEqual(['J1100', 'G0008', 'RT']);
    expect(entries[0]?.longTitle).toBe('Injection, dexamethasone sodium phosphate, 1 mg');
    expect(entries[0]?.shortTitle).toBe('Dexamethasone sodium phos');
    expect(entries[2]?.kind).toBe('modifier');
  });

  it('names file and line of a record it cannot read', () => {
    expect(() => parseHcpcs('J1100 short line\n', 'h.txt')).toThrow(
      /h\.txt:1: not a CMS fixed-width HCPCS record/,
    );
    expect(() =>
      parseHcpcs('code\tkind\tlong_description\n12345\tprocedure\tx\n', 'h.tsv'),
    ).toThrow(/h\.tsv:2: "12345" is not an HCPCS/);
  });
});
