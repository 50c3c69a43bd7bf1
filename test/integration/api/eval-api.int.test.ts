import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import type { FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { fixture } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

const KEY = 'eval-key-0123456789abcdef';
let fx: FixturePipeline;
let server: TestServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({
    server,
    fixture: fx,
    stop,
  } = await startFixtureServer({
    NOTECODER_API_KEYS: KEY,
    NOTECODER_HOST: '127.0.0.1',
  }));
});
afterAll(() => stop());

interface Summary {
  documents: number;
  detector: string;
  map: number;
  micro: { f1: number; precision: number; recall: number };
  ece: number;
}

describe('notecoder eval --api', () => {
  it('scores a running server through the job API exactly as in process', async () => {
    const data = fixture('eval', 'notes.jsonl');
    const local = await runCli(['eval', data, '--codeset', fx.codeSetPath, '--json']);
    expect(local.code, local.stderr).toBe(0);
    const remote = await runCli(
      ['eval', data, '--codeset', fx.codeSetPath, '--api', server.url, '--json'],
      {
        NOTECODER_API_KEY: KEY,
      },
    );
    expect(remote.code, remote.stderr).toBe(0);
    const a = JSON.parse(local.stdout) as Summary;
    const b = JSON.parse(remote.stdout) as Summary;
    expect(b.detector).toContain(`via ${server.url}`);
    expect(b.documents).toBe(a.documents);
    expect(b.map).toBeCloseTo(a.map, 6);
    expect(b.micro).toEqual(a.micro);
    expect(b.ece).toBeCloseTo(a.ece, 6);
  });

  it('names the problem when the key is wrong', async () => {
    const data = fixture('eval', 'notes.jsonl');
    const res = await runCli(['eval', data, '--codeset', fx.codeSetPath, '--api', server.url], {
      NOTECODER_API_KEY: 'wrong-key-0123456789abcdef',
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/FETCH_FAILED: .*401 UNAUTHORIZED/);
  });
});
