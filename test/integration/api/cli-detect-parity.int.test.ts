import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../../src/core/types.js';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import type { FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

// Written for this test (no dev note). Between them they hold codes the scorer is sure of and codes it
// weighs below the operating threshold but above the CLI's former default of 0.1.
const NOTES = [
  'Follow-up. Diabetes, type not documented, sugars high. Hypertensive. CKD.',
  'Oncology follow-up: known lung cancer, now with spread to the other lung. Sugars poorly ' +
    'controlled. Blood pressure up today. Right femoral neck fracture last month, in rehab now.',
  'Assessment and plan:\n1. Type 2 diabetes mellitus with hyperglycemia - increase metformin.\n' +
    '2. Essential hypertension - continue lisinopril.\n3. Chronic kidney disease stage 3 - recheck ' +
    'BMP in 3 months.\nCT chest without contrast today.',
  'Seen for fatigue. She mentions occasional palpitations and some heartburn after meals. Knee ' +
    'aches on stairs. Blood pressure a little high today; sugars borderline on home checks.',
];

let server: TestServer;
let fixture: FixturePipeline;
let stop: () => Promise<void>;
const t = tempDir();
const files = NOTES.map((_, i) => join(t.dir, `note-${String(i)}.txt`));

beforeAll(async () => {
  ({ server, fixture, stop } = await startFixtureServer());
  NOTES.forEach((text, i) => {
    writeFileSync(files[i] ?? '', text);
  });
});
afterAll(async () => {
  await stop();
  t.cleanup();
});

async function viaApi(i: number, options: Record<string, unknown>): Promise<DetectResult> {
  const res = await server.call('/v1/detect', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note: { id: files[i], text: NOTES[i] }, options }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DetectResult;
}

async function viaCli(i: number, args: string[]): Promise<DetectResult> {
  const out = await runCli(['detect', files[i] ?? '', '--json', ...args], fixture.env);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as DetectResult;
}

describe('notecoder detect and POST /v1/detect give the same codes by default', () => {
  for (const [label, cliArgs, apiOptions] of [
    ['with the tagger', [], {}],
    ['without the tagger', ['--no-tagger'], { tagger: false }],
  ] as const) {
    it(`${label}: the CLI's default threshold is the operating threshold the API applies`, async () => {
      const { operatingThreshold } = (await (await server.call('/readyz')).json()) as {
        operatingThreshold: number;
      };
      let shown = 0;
      let hidden = 0;
      for (let i = 0; i < NOTES.length; i += 1) {
        const api = await viaApi(i, apiOptions);
        expect(await viaCli(i, [...cliArgs])).toEqual(api);
        shown += api.suggestions.length;
        const everything = await viaCli(i, [...cliArgs, '--threshold', '0']);
        const lowest = Math.min(1, ...api.suggestions.map((s) => s.confidence));
        hidden += everything.suggestions.filter(
          (s) => s.confidence >= 0.1 && s.confidence < lowest,
        ).length;
      }
      // The notes must hold suggestions, and codes between 0.1 (the CLI's old default) and the
      // operating threshold, or this test could not tell the two defaults apart.
      expect(shown).toBeGreaterThan(0);
      expect(hidden).toBeGreaterThan(0);
      expect(operatingThreshold).toBeGreaterThan(0.1);
    });
  }

  it('an explicit --threshold still filters the CLI output as options.threshold filters the API', async () => {
    const below: number[] = [];
    for (let i = 0; i < NOTES.length; i++) {
      const api = await viaApi(i, { threshold: 0.1 });
      const cli = await viaCli(i, ['--threshold', '0.1']);
      expect(cli).toEqual(api);
      below.push(...cli.suggestions.map((s) => s.confidence).filter((c) => c < 0.25));
    }
    // Across the notes, codes under the operating threshold but over 0.1 are shown.
    expect(below.length).toBeGreaterThan(0);
  });

  it('the table says which threshold it applied', async () => {
    const out = await runCli(['detect', files[0] ?? ''], fixture.env);
    expect(out.code, out.stderr).toBe(0);
    const ready = (await (await server.call('/readyz')).json()) as { operatingThreshold: number };
    expect(ready.operatingThreshold).toBeGreaterThan(0.1);
    expect(out.stdout).toContain(`suggestions at or above ${String(ready.operatingThreshold)}:`);
  });
});
