import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../../src/core/types.js';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import type { FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

// Written for this test (no dev note): one code the scorer is sure of, and a fracture it weighs
// below the operating threshold but above the CLI's former default of 0.1.
const NOTE =
  'Oncology follow-up: known lung cancer, now with spread to the other lung. Sugars poorly ' +
  'controlled. Blood pressure up today. Right femoral neck fracture last month, in rehab now.';

let server: TestServer;
let fixture: FixturePipeline;
let stop: () => Promise<void>;
const t = tempDir();
const file = join(t.dir, 'note.txt');

beforeAll(async () => {
  ({ server, fixture, stop } = await startFixtureServer());
  writeFileSync(file, NOTE);
});
afterAll(async () => {
  await stop();
  t.cleanup();
});

async function viaApi(options: Record<string, unknown>): Promise<DetectResult> {
  const res = await server.call('/v1/detect', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note: { id: file, text: NOTE }, options }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DetectResult;
}

async function viaCli(args: string[]): Promise<DetectResult> {
  const out = await runCli(['detect', file, '--json', ...args], fixture.env);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as DetectResult;
}

describe('notecoder detect and POST /v1/detect give the same codes by default', () => {
  for (const [label, cliArgs, apiOptions] of [
    ['with the tagger', [], {}],
    ['without the tagger', ['--no-tagger'], { tagger: false }],
  ] as const) {
    it(`${label}: the CLI's default threshold is the operating threshold the API applies`, async () => {
      const api = await viaApi(apiOptions);
      const cli = await viaCli([...cliArgs]);
      // The note must hold a suggestion between 0.1 (the CLI's old default) and the operating
      // threshold, or this test could not tell the two defaults apart.
      const everything = await viaCli([...cliArgs, '--threshold', '0']);
      const lowest = Math.min(...api.suggestions.map((s) => s.confidence));
      const hidden = everything.suggestions.filter((s) => s.confidence < lowest);
      expect(hidden.some((s) => s.confidence >= 0.1)).toBe(true);
      expect(api.suggestions.length).toBeGreaterThan(0);
      expect(cli).toEqual(api);
    });
  }

  it('an explicit --threshold still filters the CLI output as options.threshold filters the API', async () => {
    const api = await viaApi({ threshold: 0.1 });
    const cli = await viaCli(['--threshold', '0.1']);
    expect(cli).toEqual(api);
    expect(cli.suggestions.some((s) => s.confidence < 0.25)).toBe(true);
  });

  it('the table says which threshold it applied', async () => {
    const out = await runCli(['detect', file], fixture.env);
    expect(out.code, out.stderr).toBe(0);
    const ready = (await (await server.call('/readyz')).json()) as { operatingThreshold: number };
    expect(ready.operatingThreshold).toBeGreaterThan(0.1);
    expect(out.stdout).toContain(`suggestions at or above ${String(ready.operatingThreshold)}:`);
  });
});
