import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LearnedModel } from '../../../src/pipeline/learned/learned-model.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { ROOT, tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

// `notecoder train --notes`: coded US notes (the team's format, required and optional codes with
// evidence quotes) trained on beside a CodiEsp-layout split. Hand-made notes, fixture code set.
const SPLIT: readonly (readonly [string, readonly string[]])[] = [
  ['A 60-year-old man with type 2 diabetes mellitus and hypertension.', ['e11.9', 'i10']],
  ['She has hypertension. No diabetes.', ['i10']],
  ['Chronic kidney disease stage 3 and hypertension were known.', ['n18.30', 'i10']],
];

const CODED = [
  {
    id: 'us-1',
    text: 'ASSESSMENT: Hypertension, stable on lisinopril. Type 2 diabetes mellitus, diet controlled.',
    codes: [
      { system: 'ICD-10-CM', code: 'I10', optional: false, evidence: 'Hypertension, stable' },
      { system: 'ICD-10-CM', code: 'E11.9', optional: false, evidence: 'Type 2 diabetes mellitus' },
      { system: 'CPT', code: '99213', optional: true, evidence: 'ASSESSMENT' },
    ],
  },
  {
    id: 'us-2',
    codes: [{ system: 'ICD-10-CM', code: 'I10', optional: false, evidence: 'high blood pressure' }],
  },
];

let t: { dir: string; cleanup: () => void };
let env: Record<string, string>;
let split: string;
let coded: string;
let texts: string;
beforeAll(() => {
  t = tempDir();
  env = { NOTECODER_CODESET: buildFixtureCodeSet(t.dir).path };
  split = join(t.dir, 'train');
  mkdirSync(join(split, 'text_files_en'), { recursive: true });
  mkdirSync(join(split, 'text_files_es'), { recursive: true });
  const d: string[] = [];
  const x: string[] = [];
  SPLIT.forEach(([text, codes], i) => {
    writeFileSync(join(split, 'text_files_en', `n${i}.txt`), text);
    writeFileSync(join(split, 'text_files_es', `n${i}.txt`), text);
    for (const code of codes) {
      d.push(`n${i}\t${code}`);
      x.push(`n${i}\tDIAGNOSTICO\t${code}\t${text.slice(0, 10)}\t0 10`);
    }
  });
  writeFileSync(join(split, 'trainD.tsv'), `${d.join('\n')}\n`);
  writeFileSync(join(split, 'trainX.tsv'), `${x.join('\n')}\n`);
  coded = join(t.dir, 'coded.jsonl');
  writeFileSync(coded, `${CODED.map((r) => JSON.stringify(r)).join('\n')}\n`);
  texts = join(t.dir, 'texts.jsonl');
  writeFileSync(
    texts,
    `${JSON.stringify({ id: 'us-2', text: 'HPI: Long history of high blood pressure, on amlodipine.' })}\n`,
  );
});
afterAll(() => {
  t.cleanup();
});

describe('notecoder train --notes', () => {
  it('trains on the split and the coded notes, and keeps the tagger scorer when asked', async () => {
    const out = join(t.dir, 'model.json');
    const run = await runCli(
      [
        'train',
        '--codiesp',
        split,
        '--notes',
        coded,
        '--texts',
        texts,
        '--keep-tagged',
        '--folds',
        '2',
        '--out',
        out,
      ],
      { ...env, NOTECODER_MODEL: join(ROOT, 'dictionaries', 'learned', 'model.json') },
    );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8')) as LearnedModel;
    expect(model.version).toBe('codiesp-us-train-5');
    expect(model.provenance.documents).toBe(5);
    expect(String(model.provenance.dataset)).toMatch(/2 team-coded US notes/);
    const shipped = JSON.parse(
      readFileSync(join(ROOT, 'dictionaries', 'learned', 'model.json'), 'utf8'),
    ) as LearnedModel;
    expect(model.tagged).toEqual(shipped.tagged);
  }, 120_000);

  it('names the file and line of a coded note without its text', async () => {
    const run = await runCli(
      ['train', '--codiesp', split, '--notes', coded, '--out', join(t.dir, 'x.json')],
      env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/coded\.jsonl:2: no text for note "us-2"/);
  }, 60_000);

  it('refuses --keep-tagged with --tagger-folds', async () => {
    const run = await runCli(
      ['train', '--codiesp', split, '--keep-tagged', '--tagger-folds', t.dir],
      env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--keep-tagged keeps the tagger scorer/);
  }, 60_000);
});
