import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../../src/codes/build-code-set.js';
import type { DetectResult } from '../../../src/core/types.js';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { until } from '../../helpers/fixture-pipeline.js';
import { LEXICON, tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

// Invented notes.
const NOTES = [
  { id: 'n1', text: 'Type 2 diabetes, well controlled. Blood pressure normal today.' },
  { id: 'n2', text: 'Sprained left ankle playing football; x-ray of the ankle, three views.' },
];

const lexiconOnly = (r: DetectResult): boolean =>
  r.versions.lexiconOnly && r.warnings?.some((w) => w.code === 'LEXICON_ONLY') === true;

describe('lexicon-only start: every answer carries versions.lexiconOnly and the LEXICON_ONLY warning', () => {
  const t = tempDir();
  let server: TestServer;
  beforeAll(async () => {
    const codeset = join(t.dir, 'codeset.lexicon-only.json');
    buildCodeSet({ icd10cm: [], lexiconOnly: true, out: codeset, lexiconDir: LEXICON });
    server = await startTestServer({
      NOTECODER_CODESET: codeset,
      NOTECODER_OFFLINE: '1',
      NOTECODER_DATA_DIR: join(t.dir, 'data'),
    });
  });
  afterAll(async () => {
    await server.close();
    t.cleanup();
  });

  it('/readyz, POST /v1/detect and every result of a job', async () => {
    const ready = (await (await server.call('/readyz')).json()) as { lexiconOnly: boolean };
    expect(ready.lexiconOnly).toBe(true);
    const post = (path: string, body: unknown): Promise<Response> =>
      server.call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const single = (await (await post('/v1/detect', { note: NOTES[0] })).json()) as DetectResult;
    expect(lexiconOnly(single)).toBe(true);
    const submitted = await post('/v1/jobs', { notes: NOTES });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const job = await until(async () => {
      const j = (await (await server.call(`/v1/jobs/${id}`)).json()) as {
        status: string;
        results: { result: DetectResult }[];
      };
      return j.status === 'succeeded' ? j : undefined;
    });
    expect(job.results).toHaveLength(NOTES.length);
    expect(job.results.every((r) => lexiconOnly(r.result))).toBe(true);
  });

  it('the OpenAPI document describes the flag and the warnings', async () => {
    const doc = (await (await server.call('/openapi.json')).json()) as {
      components: { schemas: Record<string, { required?: string[]; properties?: object }> };
    };
    const { ResultVersions, ResultWarning, DetectResult: result } = doc.components.schemas;
    expect(ResultVersions?.required).toContain('lexiconOnly');
    expect(JSON.stringify(ResultWarning)).toContain('LEXICON_ONLY');
    expect(result?.properties).toHaveProperty('warnings');
  });

  it('notecoder detect with no release anywhere falls back and says so in --json', async () => {
    const dir = tempDir();
    const file = join(dir.dir, 'note.txt');
    writeFileSync(file, NOTES[0]?.text ?? '');
    const out = await runCli(['detect', file, '--json', '--no-tagger'], {
      NOTECODER_CODESET: join(dir.dir, 'build', 'codeset.json'),
      NOTECODER_SOURCES_DIR: join(dir.dir, 'sources'),
      NOTECODER_OFFLINE: '1',
    });
    expect(out.code, out.stderr).toBe(0);
    expect(lexiconOnly(JSON.parse(out.stdout) as DetectResult)).toBe(true);
    const table = await runCli(['detect', file, '--no-tagger'], {
      NOTECODER_CODESET: join(dir.dir, 'build', 'codeset.json'),
      NOTECODER_SOURCES_DIR: join(dir.dir, 'sources'),
      NOTECODER_OFFLINE: '1',
    });
    expect(table.stdout).toContain('warning LEXICON_ONLY:');
    dir.cleanup();
  });
});
