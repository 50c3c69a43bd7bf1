import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { codeQuery } from '../../../src/codes/search-by-code.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { tempDir } from '../../helpers/fixtures.js';

describe('search by code number', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  beforeAll(() => {
    codeSet = buildFixtureCodeSet(t.dir).codeSet;
  });
  afterAll(() => {
    t.cleanup();
  });
  const codes = (q: string, limit = 10): string[] =>
    codeSet.search(q, { limit }).map((h) => h.code);

  it('finds the exact code first, however it is typed', () => {
    for (const q of ['E11.22', 'e11.22', ' E1122 ']) {
      expect(codeSet.search(q)[0]).toMatchObject({
        system: 'ICD-10-CM',
        code: 'E11.22',
        score: 1,
        billable: true,
        matched: { field: 'code', text: 'E11.22' },
      });
    }
    expect(codeSet.search('71250')[0]).toMatchObject({
      system: 'CPT',
      code: '71250',
      billable: true,
    });
    expect(codeSet.search('99214')[0]).toMatchObject({ system: 'CPT', code: '99214' });
    expect(codeSet.search('I10')[0]).toMatchObject({ code: 'I10', billable: true });
  });

  it('lists the codes under a prefix in code order after the code itself, categories marked', () => {
    expect(codes('E11')).toEqual([
      'E11',
      'E11.2',
      'E11.21',
      'E11.22',
      'E11.6',
      'E11.65',
      'E11.9',
      'E11.A',
    ]);
    const hits = codeSet.search('E11');
    expect(hits[0]).toMatchObject({ billable: false, matched: { field: 'code' } });
    expect(hits.find((h) => h.code === 'E11.2')).toMatchObject({
      billable: false,
      matched: { field: 'code prefix' },
    });
    expect(codes('E11', 3)).toEqual(['E11', 'E11.2', 'E11.21']);
    expect(codes('9921')).toEqual(expect.arrayContaining(['99211', '99212', '99213', '99214']));
    expect(codes('9921').every((c) => c.startsWith('9921'))).toBe(true);
  });

  it('keeps to the system asked for, then falls back to the text search', () => {
    expect(codeSet.search('E11', { system: 'CPT' })).toEqual([]);
    // Undotted, J1100 is the HCPCS code first; dotted, only ICD-10-CM J11.00.
    expect(codeSet.search('J1100')[0]).toMatchObject({ system: 'HCPCS', code: 'J1100' });
    expect(
      codeSet
        .search('J11.00')
        .filter((h) => h.matched.field === 'code')
        .map((h) => h.system),
    ).not.toContain('HCPCS');
    // Words are not code numbers: a text query is searched as text, billable flags on every hit.
    const text = codeSet.search('type 2 diabetes with kidney complications', { limit: 5 });
    expect(text[0]?.matched.field).not.toBe('code');
    expect(text.find((h) => h.code === 'E11.2')?.billable).toBe(false);
    expect(text.find((h) => h.code === 'E11.22')?.billable).toBe(true);
  });

  it('treats only code shapes as code numbers', () => {
    expect(codeQuery('e11.22')).toBe('E1122');
    expect(codeQuery('71250')).toBe('71250');
    expect(codeQuery('I10')).toBe('I10');
    expect(codeQuery('diabetes')).toBeUndefined();
    expect(codeQuery('type 2')).toBeUndefined();
    expect(codeQuery('7')).toBeUndefined();
    expect(codeQuery('E 11')).toBeUndefined();
  });
});
