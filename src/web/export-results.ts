import { claimCsvRows } from './claim-csv.js';
import type { DetectResult, Suppressed } from '../core/types.js';
import { evidenceItems } from './highlight-note.js';
import { codeLine, type NoteReview } from './review-state.js';

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** A result and, when a coder reviewed it, the review. */
export interface ReviewedResult {
  readonly result: DetectResult;
  readonly review?: NoteReview | undefined;
}

/**
 * One row per suggestion, suppressed candidate and added code: note, code, system, title, confidence,
 * status, the note's assertion (with `rules: mentions` a suggestion may be `absent` or `historical`),
 * evidence, and the coder's review (accepted, rejected, restored, added; empty when not reviewed) with
 * its reason.
 */
export function toCsv(entries: readonly ReviewedResult[]): string {
  const header = [
    'note_id',
    'code',
    'system',
    'title',
    'confidence',
    'status',
    'assertion',
    'reason',
    'modifiers',
    'evidence',
    'units',
    'diagnoses',
    'review',
    'review_reason',
  ];
  const rows = entries.flatMap(({ result: r, review }) => {
    const items = evidenceItems(r);
    const reviewOf = (key: string): string[] => {
      const d = review?.decision(key) ?? { status: 'pending' as const };
      return [
        d.status === 'pending' ? '' : d.status,
        d.status === 'rejected' ? (d.reason ?? '') : '',
      ];
    };
    return [
      ...items.map(({ key, suggestion: s, suppressed }) => [
        r.noteId,
        s.code,
        s.system,
        s.title,
        s.confidence,
        suppressed ? 'suppressed' : 'suggested',
        s.assertion,
        suppressed ? (s as Suppressed).reason : '',
        (review?.modifiers(key) ?? s.modifiers ?? []).join(' '),
        s.evidence.map((e) => e.text).join(' | '),
        '',
        '',
        ...reviewOf(key),
      ]),
      ...(review?.added ?? []).map((a) => [
        r.noteId,
        a.code,
        a.system,
        a.title,
        '',
        'added',
        'present',
        '',
        (a.modifiers ?? []).join(' '),
        '',
        '',
        '',
        'added',
        '',
      ]),
      ...claimCsvRows(r),
    ];
  });
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The JSON export: each result with its review (decisions, added codes, the coder's note) and the
 * reviewed codes as they go on the claim.
 */
export function toJson(entries: readonly ReviewedResult[]): string {
  const out = entries.map(({ result, review }) =>
    review === undefined
      ? result
      : {
          ...result,
          review: review.toDocument(),
          reviewedCodes: review.reviewedCodes(),
          reviewedCodeLine: codeLine(review.reviewedCodes()),
        },
  );
  return JSON.stringify(out.length === 1 ? out[0] : out, null, 2);
}

/** "notecoder-<job or note>-<yyyy-mm-dd>.<ext>": a name that says what and when. */
export function exportName(source: string, ext: string, now = new Date()): string {
  const safe = source.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'results';
  return `notecoder-${safe}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** Offers `content` as a file download (an object URL: nothing goes into the page URL). */
export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
