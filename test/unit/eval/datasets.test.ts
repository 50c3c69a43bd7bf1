import { describe, expect, it } from 'vitest';
import { readDataset, readScoreOnly } from '../../../eval/datasets/read-dataset.js';
import { isNotecoderError } from '../../../src/core/errors.js';
import { fixture } from '../../helpers/fixtures.js';

const errorOf = (fn: () => unknown): Error | undefined => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  return undefined;
};

describe('dataset readers', () => {
  it('reads a CodiEsp split, normalising codes and ignoring the PCS file', () => {
    const dataset = readDataset(fixture('eval', 'codiesp', 'dev'));
    expect(dataset.format).toBe('codiesp');
    expect(dataset.name).toBe('codiesp/dev');
    expect(dataset.notes.map((n) => [n.id, n.gold.map((g) => g.code)])).toEqual([
      ['case-1', ['E11.9', 'I10']],
      ['case-2', ['I10', 'S00.32X']],
    ]);
    expect(dataset.notes[0]?.text).toContain('type 2 diabetes mellitus');
  });

  it('names the tsv line of an unknown article id, or counts it with --lenient', () => {
    const err = errorOf(() => readDataset(fixture('eval', 'codiesp-bad', 'dev')));
    expect(isNotecoderError(err, 'DATASET_INVALID')).toBe(true);
    expect(err?.message).toMatch(/devD\.tsv:2: unknown article id "case-9"/);
    const lenient = readDataset(fixture('eval', 'codiesp-bad', 'dev'), undefined, {
      lenient: true,
    });
    expect(lenient.notes).toHaveLength(1);
    expect(lenient.warnings).toHaveLength(1);
  });

  it('reads JSONL with settings and canonical codes', () => {
    const dataset = readDataset(fixture('eval', 'notes.jsonl'));
    expect(dataset.format).toBe('jsonl');
    expect(dataset.notes[0]).toMatchObject({ id: 'n1', setting: 'outpatient' });
    expect(dataset.notes[1]?.gold).toEqual([{ system: 'ICD-10-CM', code: 'I10' }]);
  });

  it('names file and line of a bad JSON line; --lenient skips and counts', () => {
    const err = errorOf(() => readDataset(fixture('eval', 'bad.jsonl')));
    expect(err?.message).toMatch(/bad\.jsonl:2: not valid JSON/);
    const lenient = readDataset(fixture('eval', 'bad.jsonl'), 'jsonl', { lenient: true });
    expect(lenient.notes.map((n) => n.id)).toEqual(['n1', 'n4']);
    expect(lenient.warnings).toHaveLength(2);
    expect(lenient.warnings[1]).toMatch(/bad\.jsonl:3: field codes\.0\.system/);
  });

  it('refuses a folder of unknown shape and a missing path', () => {
    expect(errorOf(() => readDataset(fixture('eval')))?.message).toMatch(/cannot tell the format/);
    expect(errorOf(() => readDataset(fixture('eval', 'none.jsonl')))?.message).toMatch(
      /no such file/,
    );
  });

  it('reads a score-only list in every system a code fits', () => {
    expect([...readScoreOnly(fixture('eval', 'score-only.txt'))].sort()).toEqual([
      'CPT|70450',
      'ICD-10-CM|I10',
    ]);
  });
});
