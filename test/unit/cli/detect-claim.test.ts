import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { tempDir } from '../../helpers/fixtures.js';
import { fhirErrors } from '../../helpers/fhir-validate.js';
import { runCli } from '../../helpers/run-cli.js';

const NOTE = `EXAM: MRI RIGHT KNEE WITHOUT CONTRAST
INDICATION: Knee pain after a twisting injury.
FINDINGS: Complex tear of the medial meniscus.
IMPRESSION: Medial meniscus tear.`;

describe('notecoder detect --claim and --format fhir', () => {
  const t = tempDir();
  let codeset = '';
  const file = join(t.dir, 'note.txt');
  beforeAll(() => {
    codeset = buildFixtureCodeSet(t.dir).path;
    writeFileSync(file, NOTE);
  });
  afterAll(() => {
    t.cleanup();
  });
  const detect = (...args: string[]): ReturnType<typeof runCli> =>
    runCli(['detect', file, '--no-tagger', '--codeset', codeset, ...args]);

  it('--claim prints the lines with their modifiers and reasons; --component sets 26/TC', async () => {
    const pro = await detect('--claim');
    expect(pro.code, pro.stderr).toBe(0);
    expect(pro.stdout).toMatch(/line 1: 73721-26-RT\s+units 1/);
    expect(pro.stdout).toMatch(/RT: the right side is documented for this service — "RIGHT"/);
    const tech = await detect('--claim', '--component', 'technical');
    expect(tech.stdout).toMatch(/line 1: 73721-TC-RT/);
    const bad = await detect('--claim', '--component', 'both');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/INVALID_OPTIONS: --component/);
  });

  it('--format fhir prints a FHIR R4 Bundle that validates', async () => {
    const out = await detect('--format', 'fhir');
    expect(out.code, out.stderr).toBe(0);
    const bundle = JSON.parse(out.stdout) as { resourceType: string };
    expect(bundle.resourceType).toBe('Bundle');
    expect(JSON.stringify(bundle)).toContain('"code":"73721"');
    expect(fhirErrors(bundle)).toEqual([]);
  });
});
