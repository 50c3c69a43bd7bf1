import { describe, expect, it } from 'vitest';
import type { DetectResult, Suggestion } from '../../../src/core/types.js';
import type { NoteReview as ServerReview } from '../../../src/jobs/review-types.js';
import { evidenceItems } from '../../../src/web/highlight-note.js';
import { NoteReview } from '../../../src/web/review-state.js';
import { toContent, toDocument } from '../../../src/web/server-review-store.js';

const suggestion = (code: string, system: Suggestion['system']): Suggestion => ({
  code,
  system,
  title: `title of ${code}`,
  confidence: 0.8,
  evidence: [{ start: 0, end: 4, text: 'word' }],
  assertion: 'present',
  reasons: [],
});

const result: DetectResult = {
  noteId: 'n1',
  suggestions: [suggestion('I12.9', 'ICD-10-CM'), suggestion('71250', 'CPT')],
  suppressed: [{ ...suggestion('I10', 'ICD-10-CM'), reason: 'less-specific' }],
  versions: { codeSet: 'x', lexiconOnly: false, detector: 'd' },
};

describe('ServerReviewStore documents (page ⇄ server)', () => {
  it('sends decisions by code, explains a kept category, keeps the note text; loads back by key', () => {
    const review = new NoteReview(result, evidenceItems(result));
    review.accept('k0');
    review.reject('k1', 'no contrast planned');
    review.restore('s0');
    review.add({ system: 'ICD-10-CM', code: 'E11', title: 'Type 2 diabetes', billable: false });
    review.setNote('asked the physician');
    const content = toContent(review.toDocument(), 'the note text');
    expect(content.decisions).toEqual([
      { system: 'ICD-10-CM', code: 'I12.9', decision: 'accepted' },
      { system: 'CPT', code: '71250', decision: 'rejected', reason: 'no contrast planned' },
      { system: 'ICD-10-CM', code: 'I10', decision: 'restored' },
    ]);
    expect(content.added[0]?.explanation).toMatch(/not billable/);
    expect(content).toMatchObject({ note: 'asked the physician', text: 'the note text' });

    const served: ServerReview = { ...content, jobId: 'j', noteId: 'n1', version: 2, audit: [] };
    const again = new NoteReview(result, evidenceItems(result));
    again.load(toDocument(served, result, undefined));
    expect(again.decision('k0')).toEqual({ status: 'accepted' });
    expect(again.decision('k1')).toEqual({ status: 'rejected', reason: 'no contrast planned' });
    expect(again.decision('s0')).toEqual({ status: 'restored' });
    expect(again.added).toEqual([
      { system: 'ICD-10-CM', code: 'E11', title: 'E11', billable: false },
    ]);
    expect(again.note).toBe('asked the physician');
  });
});
