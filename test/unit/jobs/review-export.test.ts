import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../../eval/datasets/read-jsonl.js';
import { reviewChanges } from '../../../src/jobs/review-audit.js';
import { parseSince, toReviewedNoteRow } from '../../../src/jobs/review-export.js';
import type { NoteReview } from '../../../src/jobs/review-types.js';
import { versionOfEtag } from '../../../src/jobs/review-types.js';
import { tempDir } from '../../helpers/fixtures.js';

const review: NoteReview = {
  jobId: 'job_1',
  noteId: 'n',
  version: 3,
  decisions: [
    { system: 'ICD-10-CM', code: 'I10', decision: 'accepted' },
    { system: 'CPT', code: '99213', decision: 'rejected', reason: 'level not supported' },
    { system: 'ICD-10-CM', code: 'R51.9', decision: 'restored' },
  ],
  added: [{ system: 'HCPCS', code: 'G2211' }],
  text: 'Headache again today; blood pressure runs high.',
  audit: [],
};

describe('review export rows', () => {
  it('requires accepted, restored and added codes; records rejected ones with their reason', () => {
    expect(toReviewedNoteRow({ review, options: { setting: 'inpatient' } })).toEqual({
      id: 'job_1/n',
      text: review.text,
      setting: 'inpatient',
      codes: [
        { system: 'ICD-10-CM', code: 'I10' },
        { system: 'ICD-10-CM', code: 'R51.9' },
        { system: 'HCPCS', code: 'G2211' },
      ],
      rejected: [{ system: 'CPT', code: '99213', reason: 'level not supported' }],
    });
  });

  it('leaves out a review without note text, and one never saved', () => {
    const noText: NoteReview = { ...review };
    delete (noText as { text?: string }).text;
    expect(toReviewedNoteRow({ review: noText, options: {} })).toBeUndefined();
    expect(toReviewedNoteRow({ review: { ...review, version: 0 }, options: {} })).toBeUndefined();
  });

  it('is read back by the eval reader, rejected codes kept out of the gold set', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'r.jsonl');
      const row = toReviewedNoteRow({ review, options: {} });
      writeFileSync(file, `${JSON.stringify(row)}\n`);
      const gold = readJsonl(file).notes[0]?.gold.map((g) => g.code);
      expect(gold).toEqual(['I10', 'R51.9', 'G2211']);
      writeFileSync(file, `${JSON.stringify({ ...row, rejected: [{ code: 'X' }] })}\n`);
      expect(() => readJsonl(file)).toThrow(/line 1|rejected/);
    } finally {
      t.cleanup();
    }
  });

  it('parses since dates and ETags strictly', () => {
    expect(parseSince('2026-01-31')).toBe(Date.parse('2026-01-31'));
    expect(parseSince('2026-01-31T10:00:00Z')).toBe(Date.parse('2026-01-31T10:00:00Z'));
    expect(parseSince('yesterday')).toBeUndefined();
    expect(parseSince('2026-13-45')).toBeUndefined();
    expect(versionOfEtag('"r12"')).toBe(12);
    expect(versionOfEtag('W/"r2"')).toBe(2);
    expect(versionOfEtag('*')).toBeUndefined();
  });
});

describe('review audit changes', () => {
  it('names what changed without quoting free text', () => {
    const after = {
      ...review,
      decisions: [{ system: 'ICD-10-CM' as const, code: 'I10', decision: 'rejected' as const }],
      added: [],
      note: 'secret words',
    };
    const changes = reviewChanges(review, after);
    expect(changes).toEqual([
      'rejected ICD-10-CM I10',
      'decision undone for CPT 99213',
      'decision undone for ICD-10-CM R51.9',
      'removed added HCPCS G2211',
      'note changed',
    ]);
    expect(changes.join(' ')).not.toContain('secret');
  });
});
