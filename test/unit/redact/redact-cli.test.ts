import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

const t = tempDir();
afterAll(t.cleanup);

describe('notecoder redact', () => {
  const file = join(t.dir, 'note.txt');
  writeFileSync(
    file,
    'Patient: Osric Tamblyn\nDOB: 09/30/1948\nMr. Tamblyn reports Parkinson disease. Phone 207-555-0131.\n',
  );

  it('prints the note with [TYPE] in place of each identifier', async () => {
    const r = await runCli(['redact', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Patient: [NAME]\nDOB: [DATE]\nMr. [NAME] reports Parkinson disease. Phone [CONTACT].\n',
    );
  });

  it('--json --surrogate gives the spans and fake values', async () => {
    const r = await runCli(['redact', file, '--json', '--surrogate']);
    const out = JSON.parse(r.stdout) as {
      text: string;
      spans: { type: string; replacement: string }[];
    };
    expect(out.spans.map((s) => s.type)).toEqual(['NAME', 'DATE', 'NAME', 'CONTACT']);
    expect(out.text).not.toMatch(/Osric|Tamblyn|09\/30\/1948|207-555-0131/);
    expect(out.text).toContain('Parkinson disease');
  });

  it('names the file it cannot read', async () => {
    const r = await runCli(['redact', join(t.dir, 'nope.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SOURCE_NOT_FOUND: .*nope\.txt/);
  });
});
