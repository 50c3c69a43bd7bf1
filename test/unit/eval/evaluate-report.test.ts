import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../../eval/datasets/read-dataset.js';
import { evaluate, type EvalSummary } from '../../../eval/metrics/evaluate.js';
import { renderReport } from '../../../eval/report/render-report.js';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { coversCode } from '../../../src/codes/covers-code.js';
import type { Suggestion } from '../../../src/core/types.js';
import { fixture, tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { runCli } from '../../helpers/run-cli.js';

const suggestion = (
  system: Suggestion['system'],
  code: string,
  confidence: number,
): Suggestion => ({
  code,
  system,
  title: '',
  confidence,
  evidence: [{ start: 0, end: 4, text: 'word' }],
  assertion: 'present',
  reasons: [],
});

describe('evaluate and report', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let codeset: string;
  let summary: EvalSummary;
  beforeAll(() => {
    const built = buildFixtureCodeSet(t.dir);
    codeSet = built.codeSet;
    codeset = built.path;
    const dataset = readDataset(fixture('eval', 'codiesp', 'dev'));
    // case-1 gold {E11.9, I10}: predicted I10 .9 ✓, E11.65 .6 ✗, E11.9 .3 ✓
    // case-2 gold {I10, S00.32X}: predicted I10 .8 ✓
    const predictions = new Map<string, Suggestion[]>([
      [
        'case-1',
        [
          suggestion('ICD-10-CM', 'I10', 0.9),
          suggestion('ICD-10-CM', 'E11.65', 0.6),
          suggestion('ICD-10-CM', 'E11.9', 0.3),
        ],
      ],
      ['case-2', [suggestion('ICD-10-CM', 'I10', 0.8)]],
    ]);
    summary = evaluate(dataset, predictions, codeSet, { detector: 'test' });
  });
  afterAll(() => {
    t.cleanup();
  });

  it('scores micro, MAP, category level and unknown gold codes', () => {
    // tp 3, fp 1, fn 1 (S00.32X) → P .75, R .75
    expect(summary.micro).toMatchObject({ tp: 3, fp: 1, fn: 1, p: 0.75, r: 0.75 });
    // case-1 ranked I10 ✓, E11.65 ✗, E11.9 ✓ → AP (1/1 + 2/3) / 2 = 5/6; case-2 I10 ✓ → AP 1/2
    expect(summary.map).toBeCloseTo((5 / 6 + 1 / 2) / 2);
    // categories: case-1 gold {E11, I10}, pred {I10, E11} (E11.65 and E11.9 meet) → all right
    expect(summary.category?.micro).toMatchObject({ tp: 3, fp: 0 });
    expect(summary.goldCodesUnknown).toEqual({ count: 1, distinct: 1, examples: ['S00.32X'] });
    expect(summary.bySystem['ICD-10-CM']?.gold).toBe(4);
    expect(summary.bestThreshold.threshold).toBe(0.3);
    expect(summary.topFalsePositives[0]).toMatchObject({
      code: 'E11.65',
      count: 1,
      noteId: 'case-1',
      evidence: 'word',
    });
    expect(summary.topFalseNegatives[0]).toMatchObject({
      code: 'S00.32X',
      title: '(not in the loaded code set)',
    });
    expect(summary.byChapter.find((c) => c.chapter === '4')).toMatchObject({
      gold: 1,
      predicted: 2,
    });
  });

  it('scores only the listed codes with a score-only list', () => {
    const dataset = readDataset(fixture('eval', 'codiesp', 'dev'));
    const predictions = new Map<string, Suggestion[]>([
      ['case-1', [suggestion('ICD-10-CM', 'E11.65', 0.9)]],
    ]);
    const limited = evaluate(dataset, predictions, codeSet, {
      detector: 'test',
      scoreOnly: new Set(['ICD-10-CM|I10']),
    });
    expect(limited.micro).toMatchObject({ tp: 0, fp: 0, fn: 2 });
    expect(limited.scoreOnly).toBe(1);
  });

  it('matches a gold code the code set cannot bill to one suggested code below it, on request', () => {
    // Gold E11 (a category here, as R51 is in FY2026 after the 2018 edition billed it) and I10.
    const dataset = {
      name: 'older-release',
      format: 'jsonl' as const,
      notes: [
        {
          id: 'n1',
          text: 'x',
          gold: [
            { system: 'ICD-10-CM' as const, code: 'E11' },
            { system: 'ICD-10-CM' as const, code: 'I10' },
          ],
        },
      ],
      warnings: [],
    };
    const predictions = new Map<string, Suggestion[]>([
      [
        'n1',
        [
          suggestion('ICD-10-CM', 'E11.65', 0.9),
          suggestion('ICD-10-CM', 'I10', 0.5),
          suggestion('ICD-10-CM', 'E11.9', 0.3),
        ],
      ],
    ]);
    const strict = evaluate(dataset, predictions, codeSet, { detector: 'test' });
    expect(strict.micro).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    const matched = evaluate(dataset, predictions, codeSet, {
      detector: 'test',
      matchDescendants: true,
    });
    // E11 is met by E11.65 (the better ranked), once: E11.9 stays a false positive.
    expect(matched.micro).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(matched.map).toBeCloseTo(1);
    // A billable gold code is never widened: I10 does not cover "I10.x" (there is none), E11.9 is not E11.65.
    expect(coversCode(codeSet, 'E11.9', 'E11.65')).toBe(false);
    expect(coversCode(codeSet, 'E11', 'E11.65')).toBe(true);
    expect(coversCode(codeSet, 'E11', 'E11')).toBe(false);
    expect(coversCode(codeSet, 'I10', 'I15.0')).toBe(false);
    // Placeholder X's of a code written without its 7th character: "S00.32X" covers S00.32XA.
    expect(coversCode(codeSet, 'S00.32X', 'S00.32XA')).toBe(true);
  });

  it('renders a self-contained HTML report with the charts', () => {
    const html = renderReport(summary);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const id of ['pr-curve', 'reliability', 'by-chapter', 'summary', 'by-system']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect((html.match(/<svg/g) ?? []).length).toBe(3);
    expect((html.match(/<\/svg>/g) ?? []).length).toBe(3);
    expect(html).toContain('<polyline');
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    // Every opened table closes, and the page ends properly.
    expect((html.match(/<table/g) ?? []).length).toBe((html.match(/<\/table>/g) ?? []).length);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('runs from the CLI with --json, --report and a bad dataset', async () => {
    const report = join(t.dir, 'report.html');
    const result = await runCli([
      'eval',
      fixture('eval', 'notes.jsonl'),
      '--codeset',
      codeset,
      '--json',
      '--report',
      report,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    for (const key of [
      'dataset',
      'documents',
      'detector',
      'map',
      'micro',
      'macro',
      'bySystem',
      'category',
      'ece',
      'bestThreshold',
      'goldCodesUnknown',
      'seconds',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json.documents).toBe(2);
    expect(String(json.detector)).toMatch(/^pipeline/);
    expect(json).toHaveProperty('operating.threshold');
    const baseline = await runCli([
      'eval',
      fixture('eval', 'notes.jsonl'),
      '--codeset',
      codeset,
      '--json',
      '--detector',
      'baseline',
    ]);
    expect((JSON.parse(baseline.stdout) as { detector: string }).detector).toBe('baseline');
    expect(readFileSync(report, 'utf8')).toContain('id="pr-curve"');

    const bad = await runCli(['eval', fixture('eval', 'bad.jsonl'), '--codeset', codeset]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DATASET_INVALID: .*bad\.jsonl:2: not valid JSON/);
    const lenient = await runCli([
      'eval',
      fixture('eval', 'bad.jsonl'),
      '--codeset',
      codeset,
      '--lenient',
    ]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/2 input problem\(s\) skipped/);
  });
});
