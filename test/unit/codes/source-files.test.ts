import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { classifySource, yearFromName } from '../../../src/codes/classify-source.js';
import { readSourceEntries } from '../../../src/codes/source-files.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { fixture, tempDir } from '../../helpers/fixtures.js';

describe('readSourceEntries', () => {
  let cleanup = (): void => undefined;
  afterEach(() => {
    cleanup();
  });

  it('walks folders and classifies every official file by content', () => {
    const entries = readSourceEntries([fixture('icd10cm')]);
    expect(entries.map((e) => [e.fileName, classifySource(e)])).toEqual([
      ['icd10cm-drug-2099.xml', 'icd10cm-drug'],
      ['icd10cm-neoplasm-2099.xml', 'icd10cm-neoplasm'],
      ['icd10cm-order-2099.txt', 'icd10cm-order'],
      ['icd10cm_index_2098.xml', 'icd10cm-index'],
      ['icd10cm_tabular_2098.xml', 'icd10cm-tabular'],
    ]);
  });

  it('opens .gz files and .zip archives, nested ones too', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const order = readFileSync(fixture('icd10cm', 'icd10cm-order-2099.txt'));
    const tabular = readFileSync(fixture('icd10cm', 'icd10cm_tabular_2098.xml'));
    writeFileSync(join(t.dir, 'icd10cm-order-2099.txt.gz'), gzipSync(order));
    const inner = zipSync({
      'icd10cm_tabular_2098.xml': tabular,
      'readme.pdf': new Uint8Array([1, 2]),
    });
    writeFileSync(join(t.dir, 'release.zip'), zipSync({ 'nested/inner.zip': inner }));
    const entries = readSourceEntries([t.dir]);
    expect(entries.map((e) => [e.name.slice(t.dir.length + 1), classifySource(e)])).toEqual([
      ['icd10cm-order-2099.txt.gz', 'icd10cm-order'],
      ['release.zip!nested/inner.zip!icd10cm_tabular_2098.xml', 'icd10cm-tabular'],
    ]);
    expect(Buffer.from(entries[0]?.bytes ?? []).equals(order)).toBe(true);
  });

  it('fails with a catalogued error on a truncated zip, a corrupt gzip and a missing path', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const zip = zipSync({
      'icd10cm-order-2099.txt': readFileSync(fixture('icd10cm', 'icd10cm-order-2099.txt')),
    });
    const truncated = join(t.dir, 'cut.zip');
    writeFileSync(truncated, zip.subarray(0, Math.floor(zip.length / 2)));
    expect(() => readSourceEntries([truncated])).toThrow(/cut\.zip: cannot open the zip archive/);
    const gz = join(t.dir, 'bad.txt.gz');
    writeFileSync(gz, gzipSync(Buffer.from('hello')).subarray(0, 12));
    try {
      readSourceEntries([gz]);
      expect.unreachable();
    } catch (err) {
      expect(isNotecoderError(err, 'SOURCE_GZIP_CORRUPT')).toBe(true);
    }
    expect(() => readSourceEntries([join(t.dir, 'nope')])).toThrow(/no such file or directory/);
  });

  it('reads the fiscal year from a file name', () => {
    expect(yearFromName('icd10cm-order-2026.txt')).toBe(2026);
    expect(yearFromName('x.zip!icd10cm_tabular_2023.xml')).toBe(2023);
    expect(yearFromName('order.txt')).toBeUndefined();
  });
});
