import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/run-cli.js';

describe('notecoder CLI', () => {
  const t = tempDir();
  const out = join(t.dir, 'build');
  const codeset = join(out, 'codeset.json');
  beforeAll(async () => {
    const built = await runCli([
      'dict',
      'build',
      '--icd10cm',
      fixture('icd10cm'),
      '--hcpcs',
      fixture('hcpcs', 'hcpcs-2099.tsv'),
      '--out',
      out,
    ]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/code set FY2099 written to .*codeset\.json/);
    expect(built.stdout).toMatch(/33 codes, 15 billable/);
  });
  afterAll(() => {
    t.cleanup();
  });

  it('dict build --json prints the summary object', async () => {
    const result = await runCli([
      'dict',
      'build',
      '--icd10cm',
      fixture('icd10cm'),
      '--out',
      join(t.dir, 'b2'),
      '--json',
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      fiscalYear: number;
      counts: { codes: number };
      warnings: string[];
      buildMs: number;
    };
    expect(summary.fiscalYear).toBe(2099);
    expect(summary.counts.codes).toBe(33);
    expect(summary.warnings.length).toBeGreaterThan(0);
    expect(typeof summary.buildMs).toBe('number');
  });

  it('codes show prints title, hierarchy, notes and 7th characters', async () => {
    const result = await runCli(['codes', 'show', 's72001a', '--codeset', codeset]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'S72.001A  Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    );
    expect(result.stdout).toContain('billable: yes');
    expect(result.stdout).toContain('chapter 19:');
    expect(result.stdout).toContain('7th characters (from S72):');
    expect(result.stdout).toContain('A  initial encounter for closed fracture');

    const json = await runCli(['codes', 'show', 'I10', '--codeset', codeset, '--json']);
    const info = JSON.parse(json.stdout) as {
      code: string;
      notes: { includes: string[] };
      excludes1: unknown[];
    };
    expect(info.code).toBe('I10');
    expect(info.notes.includes).toContain('high blood pressure');
    expect(info.excludes1).toHaveLength(2);

    const cpt = await runCli(['codes', 'show', '76377', '--codeset', codeset]);
    expect(cpt.stdout).toContain('source: notecoder lexicon (own words, not the AMA descriptor)');
    expect(cpt.stdout).toMatch(/26 {2}Professional component/);
  });

  it('codes search ranks and filters', async () => {
    const result = await runCli([
      'codes',
      'search',
      'type 2 diabetes with kidney disease',
      '--codeset',
      codeset,
      '--json',
      '--limit',
      '3',
    ]);
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as { code: string }[];
    expect(hits[0]?.code).toBe('E11.22');
    const cpt = await runCli([
      'codes',
      'search',
      '3d rendering independent workstation',
      '--codeset',
      codeset,
      '--system',
      'cpt',
    ]);
    expect(cpt.stdout.split('\n')[0]).toMatch(/CPT +76377/);
  });

  it('answers bad input with a catalogued error, the file and line, and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['codes', 'show', 'ZZZ', '--codeset', codeset], /INVALID_CODE/],
      [['codes', 'show', 'Z99.99', '--codeset', codeset], /CODE_NOT_FOUND/],
      [['codes', 'search', '  ', '--codeset', codeset], /EMPTY_QUERY/],
      [['codes', 'search', 'x', '--limit', '0', '--codeset', codeset], /INVALID_OPTIONS: --limit/],
      [
        ['codes', 'search', 'x', '--system', 'loinc', '--codeset', codeset],
        /INVALID_OPTIONS: --system/,
      ],
      [
        ['dict', 'build', '--icd10cm', fixture('bad-order-2099.txt'), '--out', join(t.dir, 'bad')],
        /ORDER_FILE_LINE_INVALID: .*bad-order-2099\.txt:4:/,
      ],
      [
        [
          'dict',
          'build',
          '--icd10cm',
          fixture('icd10cm', 'icd10cm-order-2099.txt'),
          fixture('malformed-tabular.xml'),
          '--out',
          join(t.dir, 'bad'),
        ],
        /SOURCE_XML_MALFORMED: .*malformed-tabular\.xml:11:/,
      ],
      [['codes', 'show', 'I10', '--codeset', join(t.dir, 'missing.json')], /CODESET_NOT_BUILT/],
      [['detect', '-', '--rules', 'claims', '--codeset', codeset], /INVALID_OPTIONS: --rules/],
      [
        ['eval', fixture('eval'), '--rules', 'claims', '--codeset', codeset],
        /INVALID_OPTIONS: --rules/,
      ],
      [['train', '--codiesp', fixture('eval'), '--tagger-only'], /INVALID_OPTIONS: --tagger-only/],
      [
        [
          'tagger-data',
          '--codiesp',
          fixture('eval'),
          '--out',
          join(t.dir, 'x'),
          '--labels',
          'gold',
        ],
        /INVALID_OPTIONS: --labels/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(existsSync(join(t.dir, 'bad', 'codeset.json'))).toBe(false);
  });
});
