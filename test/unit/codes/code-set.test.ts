import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodeSet, type CodeSet } from '../../../src/codes/code-set.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';

describe('CodeSet', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  beforeAll(() => {
    codeSet = buildFixtureCodeSet(t.dir, true).codeSet;
  });
  afterAll(() => {
    t.cleanup();
  });

  it('gets a code however it is typed', () => {
    for (const raw of ['e119', 'E11.9', ' e11.9 ', 'E119']) {
      expect(codeSet.get(raw)?.code).toBe('E11.9');
    }
    const info = codeSet.get('E11.9');
    expect(info).toMatchObject({
      system: 'ICD-10-CM',
      title: 'Type 2 diabetes mellitus without complications',
      billable: true,
      chapter: { id: '4' },
      section: { id: 'E08-E13', title: 'Diabetes mellitus (E08-E13)' },
    });
    expect(codeSet.get('E11')).toMatchObject({ billable: false });
    expect(codeSet.get('E11.A')?.title).toBe(
      'Type 2 diabetes mellitus without complications in remission',
    );
    expect(codeSet.get('Z99.99')).toBeUndefined();
  });

  it('gets CPT and HCPCS codes, and both for a code text two systems share', () => {
    expect(codeSet.get('76376')).toMatchObject({
      system: 'CPT',
      title: 'LICENSED DESCRIPTOR FOR TEST A',
      source: 'licensed',
    });
    expect(codeSet.get('76377')).toMatchObject({ system: 'CPT', source: 'lexicon' });
    expect(
      codeSet.get('76377', 'CPT')?.system === 'CPT' && codeSet.get('76377', 'CPT'),
    ).toMatchObject({
      modifierDescriptions: { '26': expect.stringMatching(/Professional component/) as unknown },
    });
    expect(codeSet.get('j1100', 'HCPCS')).toMatchObject({
      system: 'HCPCS',
      title: 'Injection, dexamethasone sodium phosphate, 1 mg',
    });
    expect(codeSet.get('LT')).toMatchObject({ system: 'HCPCS', kind: 'modifier' });
    expect(codeSet.get('A4206')).toMatchObject({ terminated: '20100101' });
    expect(codeSet.isBillable('A4206')).toBe(false);
  });

  it('walks the hierarchy', () => {
    expect(codeSet.ancestors('S72.001A').map((a) => a.code)).toEqual([
      'S72.001',
      'S72.00',
      'S72.0',
      'S72',
    ]);
    expect(codeSet.children('E11').map((c) => c.code)).toEqual([
      'E11.2',
      'E11.6',
      'E11.9',
      'E11.A',
    ]);
    expect(codeSet.children('E11.2').map((c) => c.code)).toEqual(['E11.21', 'E11.22']);
    expect(codeSet.isBillable('E11.65')).toBe(true);
    expect(codeSet.isBillable('E11.6')).toBe(false);
  });

  it('applies excludes notes from the code, its ancestors, section and chapter', () => {
    const notes = codeSet.excludes1('E11.65');
    expect(notes.map((n) => n.declaredAt)).toEqual(['E11']);
    expect(notes[0]?.refs).toEqual([{ from: 'E10', to: 'E10' }]);
    expect(codeSet.excludes1('I10').map((n) => n.declaredAt)).toEqual(['I10', 'I10-I16']);
    expect(codeSet.excludes2('E11.9').map((n) => n.declaredAt)).toEqual(['chapter 4']);
    expect(codeSet.isExcludes1Pair('E11.9', 'E10.9')).toBe(true);
    expect(codeSet.isExcludes1Pair('E10.9', 'E11.65')).toBe(true);
    expect(codeSet.isExcludes1Pair('E11.9', 'I10')).toBe(false);
  });

  it('finds 7th characters at the declaring ancestor', () => {
    const sevenths = codeSet.sevenths('S72.001A');
    expect(sevenths?.declaredAt).toBe('S72');
    expect(sevenths?.chars.A).toBe('initial encounter for closed fracture');
    expect(codeSet.sevenths('E11.9')).toBeUndefined();
  });

  it('lists the index phrases and table cells leading to a code', () => {
    expect(codeSet.indexPhrases('E11.65')).toEqual([
      {
        phrase: 'Diabetes, diabetic (mellitus) (sugar), type 2, with, hyperglycemia',
        kind: 'index',
      },
    ]);
    expect(codeSet.indexPhrases('T39.1X5')).toEqual([
      { phrase: 'Acetaminophen', kind: 'drug', column: 'Adverse effect' },
    ]);
    expect(codeSet.indexPhrases('S72.00')).toEqual([
      { phrase: 'Fracture, traumatic, femur, femoral, neck', kind: 'index' },
    ]);
  });

  it('turns a see-reference to a coded path into an index entry', () => {
    expect(codeSet.indexPhrases('I10').map((p) => p.phrase)).toEqual([
      'Hypertension, hypertensive (accelerated) (benign) (essential)',
      'High, blood pressure',
    ]);
  });

  it('searches titles, inclusion terms, index phrases, synonyms and CPT descriptions', () => {
    expect(
      codeSet.search('type 2 diabetes with kidney disease', { limit: 3 }).map((h) => h.code),
    ).toContain('E11.22');
    expect(codeSet.search('type 2 diabetes with kidney disease')[0]?.code).toBe('E11.22');
    expect(codeSet.search('3d rendering independent workstation')[0]?.code).toBe('76377');
    const bp = codeSet.search('high blood pressure')[0];
    expect(bp?.code).toBe('I10');
    expect(codeSet.search('acetaminophen adverse effect')[0]).toMatchObject({
      code: 'T39.1X5',
      matched: { field: 'index', text: 'Acetaminophen — Adverse effect' },
    });
    expect(codeSet.search('dexamethasone', { system: 'HCPCS' }).map((h) => h.system)).toEqual([
      'HCPCS',
    ]);
    expect(codeSet.search('diabetes', { limit: 2 })).toHaveLength(2);
    expect(codeSet.search('zzzzqqq')).toEqual([]);
  });

  it('answers bad input with catalogued errors', () => {
    const codeOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (err) {
        return isNotecoderError(err) ? err.code : 'uncatalogued';
      }
      return undefined;
    };
    expect(codeOf(() => codeSet.search('   '))).toBe('EMPTY_QUERY');
    expect(codeOf(() => codeSet.search('of the'))).toBe('EMPTY_QUERY');
    expect(codeOf(() => codeSet.require('Z99.99'))).toBe('CODE_NOT_FOUND');
    expect(codeOf(() => codeSet.require('hello world'))).toBe('INVALID_CODE');
  });

  it('refuses a missing or foreign artifact', () => {
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, '{"format":"something-else"}');
    expect(() => loadCodeSet(join(t.dir, 'none.json'))).toThrow(/run `notecoder dict build` first/);
    expect(() => loadCodeSet(bad)).toThrow(/not a notecoder code set/);
    writeFileSync(bad, '{"format":');
    expect(() => loadCodeSet(bad)).toThrow(/not valid JSON/);
  });
});
