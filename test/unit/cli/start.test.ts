import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../../helpers/fixtures.js';
import {
  fixtureReleaseZips,
  startReleaseServer,
  type ReleaseServer,
} from '../../helpers/release-server.js';
import { runCli } from '../../helpers/run-cli.js';

describe('notecoder start', () => {
  let server: ReleaseServer | undefined;
  let cleanup = (): void => undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    cleanup();
  });

  const envFor = (dir: string): Record<string, string> => ({
    NOTECODER_CODESET: join(dir, 'build', 'codeset.json'),
    NOTECODER_SOURCES_DIR: join(dir, 'sources'),
  });

  it('builds from NOTECODER_ICD10CM_SOURCE when no code set exists, then loads it', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const env = { ...envFor(t.dir), NOTECODER_ICD10CM_SOURCE: fixture('icd10cm') };
    const first = await runCli(['start', '--prepare-only'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('notecoder ready — ICD-10-CM FY2099');
    expect(first.stderr).toContain('"msg":"code set built"');
    expect(first.stdout).toContain('CMS edits: NONE LOADED');
    expect(first.stderr).toMatch(/"level":"error","msg":"no CMS edit tables in the code set/);
    const second = await runCli(['start', '--prepare-only'], env);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('code set built');
  });

  it('compiles the CMS edit tables from NOTECODER_MUE_SOURCE/NCCI/ADDONS and names them', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const result = await runCli(['start', '--prepare-only'], {
      ...envFor(t.dir),
      NOTECODER_ICD10CM_SOURCE: fixture('icd10cm'),
      NOTECODER_MUE_SOURCE: fixture('cms', 'mue'),
      NOTECODER_NCCI_SOURCE: fixture('cms', 'ncci'),
      NOTECODER_ADDONS_SOURCE: fixture('cms', 'addons'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'CMS edits: MCR_MUE_PractitionerServices_Eff_01-01-2099.csv; ccipra-v991r0-f1.txt; AOC_V2099Q1.csv',
    );
    expect(result.stderr).not.toContain('no CMS edit tables');
  });

  it('downloads the release when nothing is configured, showing progress', async () => {
    const zips = fixtureReleaseZips();
    const hcpcs = zipSync({ 'hcpcs-2099.tsv': readFileSync(fixture('hcpcs', 'hcpcs-2099.tsv')) });
    server = await startReleaseServer({
      '/order.zip': zips.order,
      '/tables.zip': zips.tables,
      '/hcpcs.zip': hcpcs,
    });
    const t = tempDir();
    cleanup = t.cleanup;
    const result = await runCli(['start', '--prepare-only'], {
      ...envFor(t.dir),
      NOTECODER_ICD10CM_URLS: `${server.url}/order.zip,${server.url}/tables.zip`,
      NOTECODER_HCPCS_URL: `${server.url}/hcpcs.zip`,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('downloading the public ICD-10-CM release');
    expect(result.stderr).toMatch(/download .*100%/);
    expect(result.stdout).toContain('ICD-10-CM FY2099 (tabular FY2098, index FY2098); HCPCS 2099');
    expect(result.stdout).toMatch(/, 3 HCPCS, /);
    expect(server.requests).toEqual(['/hcpcs.zip', '/order.zip', '/tables.zip']);
  });

  it('offline, starts with the team lexicon only and says so loudly', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const result = await runCli(['start', '--prepare-only'], {
      ...envFor(t.dir),
      NOTECODER_OFFLINE: '1',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/"level":"error","msg":"NO ICD-10-CM RELEASE LOADED/);
    expect(result.stdout).toContain('notecoder ready — LEXICON ONLY');
  });

  it('falls back to the lexicon when the download fails', async () => {
    server = await startReleaseServer({});
    const t = tempDir();
    cleanup = t.cleanup;
    const result = await runCli(['start', '--prepare-only'], {
      ...envFor(t.dir),
      NOTECODER_ICD10CM_URLS: `${server.url}/gone.zip`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/download failed.*HTTP 404/);
    expect(result.stdout).toContain('LEXICON ONLY');
  });

  it('dict fetch downloads into the cache folder', async () => {
    const zips = fixtureReleaseZips();
    server = await startReleaseServer({ '/order.zip': zips.order });
    const t = tempDir();
    cleanup = t.cleanup;
    const result = await runCli(
      ['dict', 'fetch', '--url', `${server.url}/order.zip`, '--json'],
      envFor(t.dir),
    );
    expect(result.code, result.stderr).toBe(0);
    const files = JSON.parse(result.stdout) as { file: string; cached: boolean }[];
    expect(files[0]?.file).toBe(join(t.dir, 'sources', 'icd10cm', 'order.zip'));
    expect(files[0]?.cached).toBe(false);
  });
});
