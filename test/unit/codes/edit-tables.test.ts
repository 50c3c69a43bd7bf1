import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../../src/codes/code-set.js';
import { readEditTables } from '../../../src/codes/edits/read-edit-tables.js';
import { LEXICON, fixture, tempDir } from '../../helpers/fixtures.js';

const t = tempDir();
afterAll(() => {
  t.cleanup();
});
const cms = (...parts: string[]): string => fixture('cms', ...parts);

describe('CMS edit tables in their official layouts', () => {
  const tables = readEditTables({
    mue: [cms('mue')],
    ncci: [cms('ncci')],
    addons: [cms('addons')],
  });

  it('reads the practitioner MUE table past its notices: value, MAI, rationale', () => {
    expect(tables?.mue?.source).toBe('MCR_MUE_PractitionerServices_Eff_01-01-2099.csv');
    expect(tables?.mue?.rows).toContainEqual({
      code: '76376',
      value: 2,
      mai: '3',
      rationale: 'Clinical: Data',
    });
    expect(tables?.mue?.rows).toHaveLength(4);
  });

  it('reads NCCI PTP rows past the multi-line headings: dates, * before 1996, modifier indicator', () => {
    const rows = tables?.ptp?.rows ?? [];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      column1: '70486',
      column2: '76376',
      priorTo1996: false,
      effective: '2026-01-01',
      modifier: '1',
      rationale: 'Misuse of column two code with column one code',
    });
    expect(rows.find((r) => r.column2 === '36415')?.priorTo1996).toBe(true);
    expect(rows.find((r) => r.column1 === '71250')?.deletion).toBe('2025-01-01');
  });

  it('groups add-on rows by add-on code with their primary codes and edit type', () => {
    expect(tables?.addons?.rows).toContainEqual({
      addon: '99417',
      type: '1',
      primaries: ['99205', '99215'],
    });
  });

  it('a row off the layout fails naming the file and line; a spreadsheet asks for CSV', () => {
    const bad = join(t.dir, 'ccipra-bad.txt');
    writeFileSync(bad, 'heading\n70486\t76376\t\t2026-13\t*\t1\twhy\n');
    let thrown: unknown;
    try {
      readEditTables({ ncci: [bad] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'EDIT_FILE_INVALID', details: { line: 2 } });
    const sheet = join(t.dir, 'MCR_MUE.xlsx');
    writeFileSync(sheet, 'PK');
    expect(() => readEditTables({ mue: [sheet] })).toThrow(/save it as CSV/);
  });

  it('dict build compiles them into the artifact, with their file names as the version', () => {
    const out = join(t.dir, 'codeset.json');
    const summary = buildCodeSet({
      icd10cm: [fixture('icd10cm-rules')],
      out,
      lexiconDir: LEXICON,
      edits: { mue: [cms('mue')], ncci: [cms('ncci', 'ccipra-v991r0-f1.txt')] },
    });
    expect(summary.sources.map((s) => s.kind)).toEqual(
      expect.arrayContaining(['edits-mue', 'edits-ptp']),
    );
    const codeSet = loadCodeSet(out);
    expect(codeSet.edits?.ptp?.source).toBe('ccipra-v991r0-f1.txt');
    expect(codeSet.edits?.addons).toBeUndefined();
  });
});
