import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import { until, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

// The learning loop end to end: a job coded by the server, reviewed over HTTP, exported by
// `notecoder review export` from the server's own store (encrypted) and scored by `notecoder eval`.
const KEY = Buffer.alloc(32, 9).toString('base64');
const NOTES = [
  {
    id: 'a',
    text: 'Assessment: essential hypertension. Type 2 diabetes mellitus without complications.',
  },
  { id: 'b', text: 'Plan: continue metformin for type 2 diabetes mellitus with hyperglycemia.' },
];

interface Code {
  system: string;
  code: string;
}
interface Job {
  id: string;
  status: string;
  results: { noteId: string; result: { suggestions: Code[] } }[];
}

describe('review → export → eval (embedded store, encrypted)', () => {
  let server: TestServer;
  let fixture: FixturePipeline;
  let stop: () => Promise<void>;
  let dataDir: string;
  const out = tempDir();
  beforeAll(async () => {
    const t = tempDir();
    dataDir = join(t.dir, 'data');
    ({ server, fixture, stop } = await startFixtureServer({
      NOTECODER_DATA_DIR: dataDir,
      NOTECODER_ENCRYPTION_KEY: KEY,
    }));
  }, 60_000);
  afterAll(async () => {
    await stop();
    out.cleanup();
  });

  it('scores the current model on the reviewed notes with the numbers worked out by hand', async () => {
    const put = (init: RequestInit): RequestInit => ({
      ...init,
      headers: { 'content-type': 'application/json', 'if-match': '"r0"' },
    });
    const sub = await server.call('/v1/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notes: NOTES, options: { setting: 'outpatient' } }),
    });
    const { id } = (await sub.json()) as { id: string };
    const job = await until(async () => {
      const body = (await (await server.call(`/v1/jobs/${id}`)).json()) as Job;
      return body.status === 'succeeded' ? body : undefined;
    });
    const suggested = (noteId: string): Code[] =>
      (job.results.find((r) => r.noteId === noteId)?.result.suggestions ?? []).map((s) => ({
        system: s.system,
        code: s.code,
      }));
    const a = suggested('a');
    const b = suggested('b');
    expect(a.map((c) => c.code)).toEqual(expect.arrayContaining(['I10', 'E11.9']));
    expect(b.length).toBeGreaterThan(0);
    // Note a: I10 accepted, E11.9 rejected (the coder reads "with hyperglycemia" elsewhere), E11.65 added.
    const reviewA = {
      decisions: a.map((c) =>
        c.code === 'E11.9'
          ? { ...c, decision: 'rejected', reason: 'more specific code applies' }
          : { ...c, decision: 'accepted' },
      ),
      added: [{ system: 'ICD-10-CM', code: 'E11.65' }],
      text: NOTES[0]?.text,
    };
    const reviewB = {
      decisions: b.map((c) => ({ ...c, decision: 'accepted' })),
      text: NOTES[1]?.text,
    };
    for (const [noteId, review] of [
      ['a', reviewA],
      ['b', reviewB],
    ] as const) {
      const res = await server.call(
        `/v1/jobs/${id}/notes/${noteId}/review`,
        put({ method: 'PUT', body: JSON.stringify(review) }),
      );
      expect(res.status).toBe(200);
    }

    const file = join(out.dir, 'reviews.jsonl');
    const env = { ...fixture.env, NOTECODER_DATA_DIR: dataDir, NOTECODER_ENCRYPTION_KEY: KEY };
    const exported = await runCli(['review', 'export', '--job', id, '--out', file], env);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('wrote 2 reviewed notes');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as object);
    expect(rows[0]).toEqual({
      id: `${id}/a`,
      text: NOTES[0]?.text,
      setting: 'outpatient',
      codes: [...a.filter((c) => c.code !== 'E11.9'), { system: 'ICD-10-CM', code: 'E11.65' }],
      rejected: [{ system: 'ICD-10-CM', code: 'E11.9', reason: 'more specific code applies' }],
    });
    // Without the key the store cannot be read: a catalogued error, no text.
    const noKey = await runCli(['review', 'export', '--job', id], {
      ...fixture.env,
      NOTECODER_DATA_DIR: dataDir,
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('JOB_DATA_INVALID');
    expect(noKey.stdout).toBe('');

    // By hand: note a predicts a (E11.9 among them) against gold a − E11.9 + E11.65, so one false
    // positive and one false negative; note b is confirmed as predicted. TP = |a| − 1 + |b|.
    const tp = a.length - 1 + b.length;
    const evaluated = await runCli(['eval', file, '--codeset', fixture.codeSetPath, '--json'], env);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const summary = JSON.parse(evaluated.stdout) as {
      documents: number;
      micro: { p: number; r: number; tp: number; fp: number; fn: number };
    };
    expect(summary.documents).toBe(2);
    expect(summary.micro).toMatchObject({ tp, fp: 1, fn: 1 });
    expect(summary.micro.p).toBeCloseTo(tp / (tp + 1), 6);
    expect(summary.micro.r).toBeCloseTo(tp / (tp + 1), 6);

    // The same file refits the selection stage (README: the learning loop).
    const model = join(out.dir, 'selection.json');
    const trained = await runCli(
      ['train-selection', file, '--no-tagger', '--folds', '2', '--out', model],
      env,
    );
    expect(trained.code, trained.stderr).toBe(0);
    expect((JSON.parse(readFileSync(model, 'utf8')) as { version: string }).version).toMatch(
      /^selection-2-[0-9a-f]{8}$/,
    );
  }, 120_000);
});
