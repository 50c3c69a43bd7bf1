import { describe, expect, it } from 'vitest';
import type { DetectResult, Suggestion } from '../../../src/core/types.js';
import { companionWarnings, type Instruction } from '../../../src/web/companion-warnings.js';
import { exportName, toCsv } from '../../../src/web/export-results.js';
import { evidenceItems } from '../../../src/web/highlight-note.js';
import {
  codeSetLabel,
  declaredAtLabel,
  noteKindLabel,
  reasonLabel,
} from '../../../src/web/humanize.js';
import { NoteInput, unsupportedReason } from '../../../src/web/note-input.js';
import { codeLine, NoteReview } from '../../../src/web/review-state.js';
import { MemoryReviewStore } from '../../../src/web/review-store.js';

const suggestion = (
  code: string,
  system: Suggestion['system'],
  modifiers?: string[],
): Suggestion => ({
  code,
  system,
  title: `title of ${code}`,
  confidence: 0.8,
  evidence: [{ start: 0, end: 4, text: 'word' }],
  assertion: 'present',
  reasons: [],
  ...(modifiers ? { modifiers } : {}),
});

const result: DetectResult = {
  noteId: 'n1',
  suggestions: [
    suggestion('I12.9', 'ICD-10-CM'),
    suggestion('71250', 'CPT', ['26']),
    suggestion('R16.0', 'ICD-10-CM'),
  ],
  suppressed: [{ ...suggestion('I10', 'ICD-10-CM'), reason: 'less-specific' }],
  versions: { codeSet: 'x', lexiconOnly: false, detector: 'd' },
};

const fresh = (): NoteReview => new NoteReview(result, evidenceItems(result));

describe('NoteReview (the page’s client-side review state)', () => {
  it('accepts, rejects with a reason, restores, adds, and gives the claim line procedures first', () => {
    const review = fresh();
    let changes = 0;
    review.onChange(() => (changes += 1));
    review.accept('k0');
    review.reject('k2', '  not hepatomegaly: negated  ');
    review.restore('s0');
    review.add({ system: 'ICD-10-CM', code: 'N18.30', title: 'CKD 3', billable: true });
    expect(changes).toBe(4);
    expect(review.decision('k2')).toEqual({
      status: 'rejected',
      reason: 'not hepatomegaly: negated',
    });
    expect(codeLine(review.reviewedCodes())).toBe(
      'CPT 71250-26; ICD-10-CM I12.9; ICD-10-CM I10; ICD-10-CM N18.30',
    );
    expect(review.counts()).toEqual({
      accepted: 1,
      rejected: 1,
      pending: 1,
      added: 1,
      restored: 1,
    });
    // A rejected code leaves the claim; accepting a suppressed candidate restores it.
    const other = fresh();
    other.accept('s0');
    expect(other.decision('s0').status).toBe('restored');
  });

  it('takes the coder’s modifiers for a procedure, and refuses what is not a modifier', () => {
    const review = fresh();
    review.setModifiers('k1', ['tc', '', '59']);
    expect(codeLine(review.reviewedCodes())).toContain('CPT 71250-TC-59');
    expect(() => {
      review.setModifiers('k1', ['XYZ']);
    }).toThrow(/two letters or digits/);
    expect(review.toDocument().modifiers).toEqual([
      { key: 'k1', code: '71250', modifiers: ['TC', '59'] },
    ]);
    const again = fresh();
    again.load(review.toDocument());
    expect(again.modifiers('k1')).toEqual(['TC', '59']);
  });

  it('undoes one item’s last change, or the note’s last change', () => {
    const review = fresh();
    review.accept('k1');
    review.reject('k1');
    review.add({ system: 'CPT', code: '76376', title: '3D', billable: true });
    expect(review.undo('k1')).toBe(true);
    expect(review.decision('k1').status).toBe('accepted');
    expect(review.undo()).toBe(true); // the added code
    expect(review.added).toEqual([]);
    expect(review.undo('k1')).toBe(true);
    expect(review.decision('k1').status).toBe('pending');
    expect(review.undo('k1')).toBe(false);
  });

  it('finishes (every pending suggestion accepted) and round-trips through its document', () => {
    const review = fresh();
    review.reject('k0', 'wrong');
    review.setNote('checked with the physician');
    review.finish();
    expect(review.finished).toBe(true);
    expect(review.counts().pending).toBe(0);
    const doc = review.toDocument();
    expect(doc).toMatchObject({ noteId: 'n1', note: 'checked with the physician', finished: true });
    expect(doc.decisions).toContainEqual({
      key: 'k0',
      system: 'ICD-10-CM',
      code: 'I12.9',
      status: 'rejected',
      reason: 'wrong',
    });
    const loaded = fresh();
    loaded.load(JSON.parse(JSON.stringify(doc)) as typeof doc);
    expect(loaded.toDocument()).toEqual(doc);
  });

  it('saves to and loads from a review store, by job and note', async () => {
    const store = new MemoryReviewStore();
    const review = fresh();
    review.reject('k2', 'not documented');
    await store.save({ jobId: 'job-1', noteId: 'n1' }, review.toDocument());
    expect(await store.load({ noteId: 'n1' })).toBeUndefined();
    const doc = await store.load({ jobId: 'job-1', noteId: 'n1' });
    const again = fresh();
    if (doc !== undefined) {
      again.load(doc);
    }
    expect(again.decision('k2')).toEqual({ status: 'rejected', reason: 'not documented' });
  });

  it('exports rows with the review and its reason, and names the file after the job and the date', () => {
    const review = fresh();
    review.reject('k2', 'says "not", here');
    review.add({ system: 'ICD-10-CM', code: 'N18.30', title: 'CKD 3', billable: true });
    const rows = toCsv([{ result, review }]).split('\r\n');
    expect(rows[0]?.endsWith(',review,review_reason')).toBe(true);
    expect(rows.find((r) => r.includes(',R16.0,'))).toMatch(/,rejected,"says ""not"", here"$/);
    expect(rows.find((r) => r.includes(',I12.9,'))).toMatch(/,suggested,.*,,$/);
    expect(rows.find((r) => r.includes(',N18.30,'))).toMatch(/,added,present,.*,added,$/);
    expect(exportName('job 42/x', 'csv', new Date('2026-03-04T10:00:00Z'))).toBe(
      'notecoder-job-42-x-2026-03-04.csv',
    );
  });
});

describe('companion-code warnings', () => {
  const notes: Record<string, Instruction[]> = {
    'I12.9': [
      {
        kind: 'useAdditionalCode',
        note: 'code to identify the stage of chronic kidney disease (N18.1-N18.4, N18.9)',
        declaredAt: 'I12',
        refs: [
          { from: 'N181', to: 'N184' },
          { from: 'N189', to: 'N189' },
        ],
      },
      {
        kind: 'codeAlso',
        note: 'something (Z99.2)',
        declaredAt: 'I12',
        refs: [{ from: 'Z992', to: 'Z992' }],
      },
    ],
  };
  it('warns when no reviewed code answers a "use additional code" note, and not once one does', () => {
    const review = fresh();
    const warnings = companionWarnings(review.reviewedCodes(), (c) => notes[c]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('I12.9: Use additional code');
    expect(warnings[0]?.message).toContain('N18.1–N18.4, N18.9');
    review.add({ system: 'ICD-10-CM', code: 'N18.30', title: 'CKD 3', billable: true });
    expect(companionWarnings(review.reviewedCodes(), (c) => notes[c])).toEqual([]);
    review.reject('k0');
    expect(companionWarnings(review.reviewedCodes(), (c) => notes[c])).toEqual([]);
  });

  it('gives one warning for one note the book splits in parts', () => {
    const part = (note: string, ref: string): Instruction => ({
      kind: 'useAdditionalCode',
      note,
      declaredAt: 'E11',
      refs: [{ from: ref, to: ref }],
    });
    const e11: Instruction[] = [
      {
        kind: 'useAdditionalCode',
        note: 'code to identify control using:',
        declaredAt: 'E11',
        refs: [],
      },
      part('insulin (Z79.4)', 'Z794'),
      part('oral antidiabetic drugs (Z79.84)', 'Z7984'),
      part('oral hypoglycemic drugs (Z79.84)', 'Z7984'),
    ];
    const codes = [
      {
        system: 'ICD-10-CM',
        code: 'E11.65',
        title: '',
        modifiers: [],
        source: 'suggested',
        accepted: false,
      },
    ] as const;
    const warnings = companionWarnings(codes, () => e11);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('None of Z79.4, Z79.84 is among the codes');
    expect(
      companionWarnings([...codes, { ...codes[0], code: 'Z79.84' }], (c) =>
        c === 'E11.65' ? e11 : [],
      ),
    ).toEqual([]);
  });
});

describe('words for internal names, and which input is coded', () => {
  it('humanizes reasons, note kinds, where a note was declared and the code set line', () => {
    expect(reasonLabel('excludes1-conflict')).toMatch(/^Excludes1 conflict/);
    expect(reasonLabel('some-new-reason')).toBe('some new reason');
    expect(noteKindLabel('useAdditionalCode')).toBe('Use additional code');
    expect(noteKindLabel('inclusionTerms')).toBe('Inclusion terms');
    expect(declaredAtLabel('chapter 9', 'I10')).toBe('applies to all of chapter 9');
    expect(declaredAtLabel('I12', 'I12.9')).toBe('inherited from I12');
    expect(codeSetLabel('ICD-10-CM FY2026; CPT lexicon; lexicon-618c9d360aec')).toBe(
      'ICD-10-CM FY2026; CPT (the team’s own descriptions); team lexicon (version 618c9d36)',
    );
  });

  it('refuses PDF, Word and image files with a reason; the last change wins', () => {
    expect(unsupportedReason({ name: 'a.pdf', type: 'application/pdf' })).toBe(
      'a.pdf is a PDF, not plain text',
    );
    expect(unsupportedReason({ name: 'b.DOCX', type: '' })).toBe(
      'b.DOCX is a Word document, not plain text',
    );
    expect(unsupportedReason({ name: 'c.bin', type: '' })).toBe('c.bin is not a plain text file');
    expect(unsupportedReason({ name: 'd.txt', type: '' })).toBeUndefined();
    const input = new NoteInput();
    const file = { name: 'n.txt', type: 'text/plain' } as File;
    input.setFiles([file, { name: 'x.pdf', type: 'application/pdf' } as File]);
    expect(input.source).toBe('files');
    expect(input.refusal()).toContain('x.pdf is a PDF');
    expect(input.choice(true)).toContain('n.txt) will be coded, not the pasted note');
    input.textChanged('a pasted note');
    expect(input.source).toBe('text');
    expect(input.choice(true)).toContain('The pasted note will be coded');
    input.textChanged('');
    expect(input.source).toBe('files');
  });
});
