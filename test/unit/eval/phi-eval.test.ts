import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scorePhi } from '../../../eval/phi/phi-metrics.js';
import { readPhiDataset } from '../../../eval/phi/read-phi-dataset.js';
import { renderPhiReport } from '../../../eval/report/render-phi-report.js';
import { tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

const t = tempDir();
afterAll(t.cleanup);

// A hand-made note: "Seen by Dr. Ines Obi on 3/4/2021 at Birchwood Hospital, MRN 9912004."
const text = 'Seen by Dr. Ines Obi on 3/4/2021 at Birchwood Hospital, MRN 9912004.';
const at = (s: string): { start: number; end: number } => {
  const start = text.indexOf(s);
  return { start, end: start + s.length };
};

describe('scorePhi', () => {
  it('scores tokens (any type covers) and exact spans, by hand', () => {
    const summary = scorePhi(
      'hand',
      [
        {
          id: 'n1',
          text,
          gold: [
            { ...at('Ines Obi'), type: 'NAME' },
            { ...at('3/4/2021'), type: 'DATE' },
            { ...at('Birchwood Hospital'), type: 'LOCATION' },
            { ...at('9912004'), type: 'ID' },
          ],
          predicted: [
            // Name exact; the date found as an ID; the facility half found; "MRN" predicted too.
            { ...at('Ines Obi'), type: 'NAME' },
            { ...at('3/4/2021'), type: 'ID' },
            { ...at('Birchwood'), type: 'LOCATION' },
            { ...at('MRN 9912004'), type: 'ID' },
          ],
        },
      ],
      0.01,
    );
    // Gold tokens: Ines, Obi, 3, 4, 2021, Birchwood, Hospital, 9912004 = 8; found all but "Hospital".
    expect(summary.token.overall).toMatchObject({ gold: 8, found: 7 });
    expect(summary.token.overall.r).toBeCloseTo(7 / 8);
    // Predicted tokens: Ines, Obi, 3, 4, 2021, Birchwood, MRN, 9912004 = 8; right all but "MRN".
    expect(summary.token.overall).toMatchObject({ predicted: 8, right: 7 });
    expect(summary.token.byType.LOCATION).toMatchObject({
      gold: 2,
      found: 1,
      predicted: 1,
      right: 1,
    });
    expect(summary.token.byType.ID).toMatchObject({ gold: 1, found: 1, predicted: 5, right: 4 });
    // Typed: the date's 3 tokens under an ID span are not found as dates.
    expect(summary.tokenTyped.byType.DATE).toMatchObject({ gold: 3, found: 0 });
    // Spans: only the name is exact.
    expect(summary.span.overall).toMatchObject({ gold: 4, found: 1, predicted: 4, right: 1 });
    expect(summary.misses).toEqual([
      { noteId: 'n1', type: 'LOCATION', ...at('Birchwood Hospital'), tokens: 1 },
    ]);
    expect(summary.falsePositives).toEqual([
      { noteId: 'n1', type: 'ID', ...at('MRN 9912004'), tokens: 1 },
    ]);
    const html = renderPhiReport(summary);
    expect(html).toContain('<table id="misses">');
    // Positions, never text.
    expect(html).not.toContain('Birchwood');
    expect(html).not.toContain('Obi');
  });
});

describe('readPhiDataset and notecoder eval --task phi', () => {
  const file = join(t.dir, 'phi.jsonl');
  const line = (id: string, phi: object[]): string => JSON.stringify({ id, text, phi });
  writeFileSync(
    file,
    [
      line('a', [
        { ...at('Ines Obi'), type: 'NAME', text: 'Ines Obi' },
        { ...at('3/4/2021'), type: 'DATE' },
        { ...at('Birchwood Hospital'), type: 'LOCATION' },
        { ...at('9912004'), type: 'ID' },
      ]),
    ].join('\n'),
  );

  it('reads the set and rejects spans that do not match the text, naming the line', () => {
    expect(readPhiDataset(file)[0]?.phi).toHaveLength(4);
    const bad = join(t.dir, 'bad.jsonl');
    writeFileSync(
      bad,
      `${line('a', [])}\n${line('b', [{ start: 0, end: 4, type: 'NAME', text: 'Dr.' }])}\n`,
    );
    expect(() => readPhiDataset(bad)).toThrow(/bad\.jsonl:2: span 0–4/);
    writeFileSync(bad, `${line('a', [{ start: 0, end: 4, type: 'PHONE' }])}\n`);
    expect(() => readPhiDataset(bad)).toThrow(expect.objectContaining({ code: 'DATASET_INVALID' }));
  });

  it('prints per-type scores, writes a report without note text, and fails cleanly on bad input', async () => {
    const report = join(t.dir, 'phi.html');
    const ok = await runCli(['eval', '--task', 'phi', file, '--report', report]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/NAME\s+2\s+1\.000/);
    expect(ok.stdout).toMatch(/overall\s+8\s+1\.000/);
    const json = await runCli(['eval', '--task', 'phi', file, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ documents: 1, token: { overall: { r: 1 } } });
    const bad = await runCli(['eval', '--task', 'phi', join(t.dir, 'missing.jsonl')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DATASET_INVALID: .*missing\.jsonl/);
    const task = await runCli(['eval', '--task', 'names', file]);
    expect(task.stderr).toMatch(/INVALID_OPTIONS: --task must be codes or phi/);
  });
});
