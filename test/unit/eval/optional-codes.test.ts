import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../../eval/datasets/read-dataset.js';
import { evaluate, type EvalSummary } from '../../../eval/metrics/evaluate.js';
import { predictionRows } from '../../../eval/metrics/prediction-rows.js';
import { renderReport } from '../../../eval/report/render-report.js';
import type { CodeSet } from '../../../src/codes/code-set.js';
import type { Suggestion } from '../../../src/core/types.js';
import { fixture, tempDir } from '../../helpers/fixtures.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';

const suggestion = (
  system: Suggestion['system'],
  code: string,
  confidence: number,
): Suggestion => ({
  code,
  system,
  title: code,
  confidence,
  evidence: [{ start: 0, end: 4, text: 'word' }],
  assertion: 'present',
  reasons: [],
});

// o1: required E11.9; optional Z79.84, 99213. o2: required R51.9 (also listed optional: required wins), 70450.
// o3 (kind, no specialty): required I10.
const predictions = new Map<string, Suggestion[]>([
  [
    'o1',
    [
      suggestion('ICD-10-CM', 'E11.9', 0.9), // tp
      suggestion('ICD-10-CM', 'Z79.84', 0.7), // optional: neither tp nor fp
      suggestion('ICD-10-CM', 'E78.5', 0.6), // fp
      suggestion('CPT', '99214', 0.2), // below the threshold
    ],
  ],
  ['o2', [suggestion('CPT', '70450', 0.95), suggestion('ICD-10-CM', 'R51.9', 0.4)]],
  ['o3', [suggestion('ICD-10-CM', 'I10', 0.1)]], // below the threshold: a miss at 0.3
]);

describe('optional gold codes and scores by note type', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let summary: EvalSummary;
  beforeAll(() => {
    codeSet = buildFixtureCodeSet(t.dir).codeSet;
    summary = evaluate(readDataset(fixture('eval', 'optional.jsonl')), predictions, codeSet, {
      detector: 'test',
      threshold: 0.3,
    });
  });
  afterAll(() => {
    t.cleanup();
  });

  it('reads the optional flag and the note type', () => {
    const dataset = readDataset(fixture('eval', 'optional.jsonl'));
    expect(dataset.notes.map((n) => n.group)).toEqual([
      'Office Notes',
      'Radiology',
      'Office Notes',
    ]);
    expect(dataset.notes[0]?.gold.filter((g) => g.optional === true).map((g) => g.code)).toEqual([
      'Z79.84',
      '99213',
    ]);
  });

  it('counts a suggested optional code as neither right nor wrong, and a missing one as no miss', () => {
    // All suggestions: tp E11.9, 70450, R51.9, I10 = 4; fp E78.5, 99214 = 2; fn none.
    expect(summary.micro).toMatchObject({ tp: 4, fp: 2, fn: 0 });
    // At 0.3: tp E11.9, 70450, R51.9 = 3; fp E78.5 = 1; fn I10 = 1 (99213 optional and absent: no miss).
    expect(summary.operating.micro).toMatchObject({ tp: 3, fp: 1, fn: 1 });
    // Required R51.9 listed again as optional stays required: 2 optional gold codes, Z79.84 suggested.
    expect(summary.optional).toEqual({ gold: 2, suggested: 1 });
  });

  it('breaks the operating scores down by note type, largest group first', () => {
    expect(summary.byNoteType.map((g) => [g.noteType, g.documents])).toEqual([
      ['Office Notes', 2],
      ['Radiology', 1],
    ]);
    const office = summary.byNoteType[0];
    // o1 + o3 at 0.3: tp E11.9; fp E78.5; fn I10.
    expect(office?.micro).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(office?.bySystem['ICD-10-CM']).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(summary.byNoteType[1]?.micro).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('lays out each note with its per-code outcome for --predictions', () => {
    const rows = predictionRows(readDataset(fixture('eval', 'optional.jsonl')), predictions, 0.3);
    expect(rows[0]?.suggestions.map((s) => [s.code, s.outcome, s.gold])).toEqual([
      ['E11.9', 'tp', 'required'],
      ['Z79.84', 'optional', 'optional'],
      ['E78.5', 'fp', null],
      ['99214', 'below-threshold', null],
    ]);
    expect(rows[0]?.missed).toEqual([]);
    expect(rows[2]?.missed).toEqual([{ system: 'ICD-10-CM', code: 'I10', confidence: 0.1 }]);
    expect(rows[1]?.noteType).toBe('Radiology');
  });

  it('shows the note types and the optional codes in the HTML report', () => {
    const html = renderReport(summary);
    expect(html).toContain('id="by-note-type"');
    expect(html).toMatch(/<th scope="row">Office Notes<\/th><td>2<\/td>/);
    expect(html).toContain('optional gold codes');
  });
});
