import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildSummary } from '../../src/codes/artifact-types.js';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet, type CodeSet } from '../../src/codes/code-set.js';
import { LEXICON, tempDir } from '../helpers/fixtures.js';
import { testData } from '../helpers/test-data.js';

const icd10cm = testData('icd10cm');
const hcpcs = testData('hcpcs');

describe.skipIf(icd10cm === undefined || hcpcs === undefined)(
  'real FY2026 release (NOTECODER_TEST_DATA)',
  () => {
    const t = tempDir();
    let summary: BuildSummary;
    let codeSet: CodeSet;
    beforeAll(() => {
      const out = join(t.dir, 'codeset.json');
      summary = buildCodeSet({
        icd10cm: [icd10cm ?? ''],
        hcpcs: [hcpcs ?? ''],
        out,
        lexiconDir: LEXICON,
      });
      codeSet = loadCodeSet(out);
    });
    afterAll(() => {
      t.cleanup();
    });

    it('takes the FY2026 order file as the truth and reports the FY2023 XML mismatch', () => {
      expect(summary.fiscalYear).toBe(2026);
      expect(summary.counts.codes).toBe(98_186);
      expect(summary.counts.billable).toBe(74_719);
      expect(summary.counts.chapters).toBe(22);
      expect(summary.counts.sevenChrDefinitions).toBe(507);
      expect(summary.counts.indexPhrases).toBeGreaterThan(100_000);
      expect(summary.counts.indexByKind.neoplasm).toBeGreaterThan(5_000);
      expect(summary.counts.indexByKind.drug).toBeGreaterThan(30_000);
      expect(summary.counts.indexByKind.external).toBeGreaterThan(5_000);
      expect(summary.counts.excludesPairs).toBeGreaterThan(5_000);
      expect(summary.counts.hcpcs).toBe(6_440);
      expect(summary.counts.hcpcsModifiers).toBe(269);
      expect(summary.mismatch.orderCodesWithoutTabularEntry).toBeGreaterThan(1_000);
      expect(summary.warnings.join('\n')).toContain(
        'Tabular List is FY2023, the order file FY2026',
      );
      expect(codeSet.versions.codeSet).toContain('ICD-10-CM FY2026 (tabular FY2023, index FY2023)');
    });

    it('knows the official titles of E11.9, I10 and S72.001A, and FY2026 additions', () => {
      expect(codeSet.get('E11.9')).toMatchObject({
        title: 'Type 2 diabetes mellitus without complications',
        billable: true,
      });
      expect(codeSet.get('I10')).toMatchObject({
        title: 'Essential (primary) hypertension',
        billable: true,
      });
      expect(codeSet.get('s72001a')).toMatchObject({
        title:
          'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
        billable: true,
      });
      expect(codeSet.get('E11.A')?.code).toBe('E11.A');
      expect(codeSet.get('B88.01')?.code).toBe('B88.01');
      expect(codeSet.get('J18.9')).toMatchObject({
        title: 'Pneumonia, unspecified organism',
        billable: true,
      });
    });

    it("has I10's inclusion terms and S72's 7th characters", () => {
      const i10 = codeSet.get('I10');
      expect(i10?.system === 'ICD-10-CM' && i10.notes.includes).toEqual([
        'high blood pressure',
        'hypertension (arterial) (benign) (essential) (malignant) (primary) (systemic)',
      ]);
      const sevenths = codeSet.sevenths('S72.001A');
      expect(sevenths?.declaredAt).toBe('S72');
      expect(Object.keys(sevenths?.chars ?? {})).toEqual([
        'A',
        'B',
        'C',
        'D',
        'E',
        'F',
        'G',
        'H',
        'J',
        'K',
        'M',
        'N',
        'P',
        'Q',
        'R',
        'S',
      ]);
      expect(sevenths?.chars.A).toBe('initial encounter for closed fracture');
      expect(codeSet.isExcludes1Pair('E11.9', 'E10.9')).toBe(true);
    });

    it('searches the way a coder asks', () => {
      const diabetes = codeSet
        .search('type 2 diabetes with kidney disease', { limit: 3 })
        .map((h) => h.code);
      expect(diabetes).toContain('E11.22');
      expect(codeSet.search('3d rendering independent workstation')[0]?.code).toBe('76377');
      expect(codeSet.search('high blood pressure')[0]?.code).toBe('I10');
      expect(
        codeSet.search('diabetes type 2 with hyperglycemia', { limit: 3 }).map((h) => h.code),
      ).toContain('E11.65');
      expect(codeSet.search('acetaminophen poisoning accidental')[0]?.code).toBe('T39.1X1');
      expect(
        codeSet.search('injection dexamethasone sodium phosphate', { system: 'HCPCS' })[0]?.code,
      ).toBe('J1100');
      expect(
        codeSet.search('ct abdomen and pelvis with contrast', { system: 'CPT' })[0]?.code,
      ).toBe('74177');
      expect(codeSet.get('J1100', 'HCPCS')?.title).toBe(
        'Injection, dexamethasone sodium phosphate, 1 mg',
      );
    });

    it('searches by code number: the code first, then the codes under it', () => {
      for (const [q, code] of [
        ['E11.22', 'E11.22'],
        ['71250', '71250'],
        ['99214', '99214'],
        ['I10', 'I10'],
        ['e1122', 'E11.22'],
      ] as const) {
        expect(codeSet.search(q)[0]).toMatchObject({ code, matched: { field: 'code' } });
      }
      const e11 = codeSet.search('E11', { limit: 5 });
      expect(e11.map((h) => h.code)).toEqual(['E11', 'E11.0', 'E11.00', 'E11.01', 'E11.1']);
      expect(e11.map((h) => h.billable)).toEqual([false, false, true, true, false]);
      const kidney = codeSet.search('type 2 diabetes with kidney', { limit: 3 });
      expect(kidney.find((h) => h.code === 'E11.2')?.billable).toBe(false);
    });
  },
);
