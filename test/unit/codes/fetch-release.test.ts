import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheName, fetchRelease, type FetchProgress } from '../../../src/codes/fetch-release.js';
import { readSourceEntries } from '../../../src/codes/source-files.js';
import { classifySource } from '../../../src/codes/classify-source.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/fixtures.js';
import {
  fixtureReleaseZips,
  startReleaseServer,
  type ReleaseServer,
} from '../../helpers/release-server.js';

describe('fetchRelease', () => {
  let server: ReleaseServer | undefined;
  let cleanup = (): void => undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    cleanup();
  });

  it('downloads the release zips with progress, then serves them from the cache', async () => {
    const zips = fixtureReleaseZips();
    server = await startReleaseServer({
      '/2099/icd10cm-Code Descriptions-2099.zip': zips.order,
      '/2099/icd10cm-table and index-2099.zip': zips.tables,
    });
    const t = tempDir();
    cleanup = t.cleanup;
    const urls = [
      `${server.url}/2099/icd10cm-Code%20Descriptions-2099.zip`,
      `${server.url}/2099/icd10cm-table%20and%20index-2099.zip`,
    ];
    const progress: FetchProgress[] = [];
    const files = await fetchRelease({ urls, dir: t.dir, onProgress: (p) => progress.push(p) });
    expect(files.map((f) => [f.file.slice(t.dir.length + 1), f.bytes, f.cached])).toEqual([
      ['icd10cm-Code Descriptions-2099.zip', zips.order.length, false],
      ['icd10cm-table and index-2099.zip', zips.tables.length, false],
    ]);
    expect(progress.at(-1)).toMatchObject({
      received: zips.tables.length,
      total: zips.tables.length,
    });
    const kinds = readSourceEntries([t.dir]).map(classifySource).sort();
    expect(kinds).toEqual([
      'icd10cm-drug',
      'icd10cm-index',
      'icd10cm-neoplasm',
      'icd10cm-order',
      'icd10cm-tabular',
    ]);

    const again = await fetchRelease({ urls, dir: t.dir });
    expect(again.every((f) => f.cached)).toBe(true);
    expect(server.requests).toHaveLength(2);
    await fetchRelease({ urls: urls.slice(0, 1), dir: t.dir, force: true });
    expect(server.requests).toHaveLength(3);
  });

  it('fails on an HTTP error, a broken-off download and a corrupt archive, caching nothing', async () => {
    const zips = fixtureReleaseZips();
    server = await startReleaseServer({
      '/missing.zip': { status: 404 },
      '/cut.zip': { truncate: zips.tables.subarray(0, 200) },
      '/corrupt.zip': zips.tables.subarray(0, zips.tables.length - 30),
    });
    const t = tempDir();
    cleanup = t.cleanup;
    const errorOf = async (path: string): Promise<unknown> => {
      try {
        await fetchRelease({ urls: [`${server?.url ?? ''}${path}`], dir: t.dir, timeoutMs: 5000 });
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const missing = await errorOf('/missing.zip');
    expect(isNotecoderError(missing, 'FETCH_FAILED') && missing.message).toMatch(/HTTP 404/);
    expect(isNotecoderError(await errorOf('/cut.zip'), 'FETCH_FAILED')).toBe(true);
    expect(isNotecoderError(await errorOf('/corrupt.zip'), 'SOURCE_ZIP_CORRUPT')).toBe(true);
    expect(readdirSync(t.dir)).toEqual([]);
    const refused = await fetchRelease({
      urls: ['http://127.0.0.1:9/x.zip'],
      dir: join(t.dir, 'sub'),
    }).catch((err: unknown) => err);
    expect(isNotecoderError(refused, 'FETCH_FAILED')).toBe(true);
    expect(existsSync(join(t.dir, 'sub', 'x.zip'))).toBe(false);
    expect(statSync(t.dir).isDirectory()).toBe(true);
  });

  it('names cache files after the URL', () => {
    expect(cacheName('https://ftp.cdc.gov/a/icd10cm-table%20and%20index-2026.zip')).toBe(
      'icd10cm-table and index-2026.zip',
    );
  });
});
