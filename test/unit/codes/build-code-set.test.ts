import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../../src/codes/build-code-set.js';
import { readArtifact } from '../../../src/codes/code-set.js';
import { LEXICON, fixture, tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';

describe('buildCodeSet', () => {
  let cleanup = (): void => undefined;
  afterEach(() => {
    cleanup();
  });

  it('merges the newest order file with older tabular and index files and reports the mismatch', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { summary } = buildFixtureCodeSet(t.dir);
    expect(summary.fiscalYear).toBe(2099);
    expect(summary.counts).toMatchObject({
      codes: 33,
      billable: 15,
      chapters: 3,
      sections: 3,
      sevenChrDefinitions: 1,
      hcpcs: 3,
      hcpcsModifiers: 1,
      seeReferences: 3,
      // "High, blood pressure — see Hypertension" leads to I10; "Nephropathy, diabetic — see Kidney,
      // disease" to the sub-term "disease, diabetic" (E11.21), cut at its comma.
      seeReferencesResolved: 2,
    });
    // Inclusion terms: E10 includes 1, E11 inclusionTerm 1, E11.21 1, I10 includes 2.
    expect(summary.counts.inclusionTerms).toBe(5);
    // E11.21 and E11.29 are in the 2098 tabular; E11.29 is gone from the 2099 order file.
    expect(summary.mismatch.tabularCodesNotInOrderFile).toBe(1);
    expect(summary.mismatch.droppedSamples).toContain('tabular E11.29');
    // Index E11.29; neoplasm D02.2- and D14.3- do not exist in the order file.
    expect(summary.mismatch.indexEntriesDropped).toBe(3);
    expect(summary.counts.indexByKind).toEqual({ index: 8, neoplasm: 3, drug: 2, external: 0 });
    expect(summary.warnings.join('\n')).toMatch(/Tabular List is FY2098, the order file FY2099/);
    expect(summary.warnings.join('\n')).toMatch(
      /older order file ignored: .*icd10cm-order-2098\.txt/,
    );
    expect(summary.sources.find((s) => s.kind === 'icd10cm-order' && s.year === 2098)?.used).toBe(
      false,
    );
  });

  it('records versions in the artifact', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { path } = buildFixtureCodeSet(t.dir, true);
    const artifact = readArtifact(path);
    expect(artifact.versions).toMatchObject({
      fiscalYear: 2099,
      tabularYear: 2098,
      lexiconOnly: false,
      cpt: 'lexicon+licensed',
      hcpcsYear: 2099,
    });
    expect(artifact.versions.lexicon).toMatch(/^lexicon-[0-9a-f]{12}$/);
    expect(artifact.versions.codeSet).toContain('ICD-10-CM FY2099');
  });

  it('builds a lexicon-only code set and says so in its versions', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const out = join(t.dir, 'lex.json');
    const summary = buildCodeSet({ icd10cm: [], lexiconOnly: true, out, lexiconDir: LEXICON });
    expect(summary.counts.codes).toBeGreaterThan(40);
    const artifact = readArtifact(out);
    expect(artifact.versions.lexiconOnly).toBe(true);
    expect(artifact.versions.codeSet).toMatch(/^LEXICON ONLY/);
  });

  it('refuses a folder without an order file and leaves no artifact after a failed build', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const out = join(t.dir, 'codeset.json');
    expect(() => buildCodeSet({ icd10cm: [fixture('hcpcs')], out, lexiconDir: LEXICON })).toThrow(
      /no ICD-10-CM order file/,
    );
    writeFileSync(join(t.dir, 'icd10cm-order-2099.txt'), '00001 E11     0 Type 2 diabetes\n');
    expect(() => buildCodeSet({ icd10cm: [t.dir], out, lexiconDir: LEXICON })).toThrow(
      /icd10cm-order-2099\.txt:1:/,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(t.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('names the file and line of malformed XML', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    expect(() =>
      buildCodeSet({
        icd10cm: [fixture('icd10cm', 'icd10cm-order-2099.txt'), fixture('malformed-tabular.xml')],
        out: join(t.dir, 'c.json'),
        lexiconDir: LEXICON,
      }),
    ).toThrow(/malformed-tabular\.xml:11: malformed XML/);
  });
});
