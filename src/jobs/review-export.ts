import type { ReviewWithJob } from './review-book.js';
import type { ReviewCode } from './review-types.js';

/** One reviewed note as a line of eval JSONL (the format `notecoder eval` and `train-selection` read). */
export interface ReviewedNoteRow {
  /** `<jobId>/<noteId>`: unique across jobs. */
  readonly id: string;
  readonly text: string;
  readonly setting?: 'outpatient' | 'inpatient';
  /** The codes the coder confirmed: accepted and restored suggestions, and codes added. */
  readonly codes: readonly ReviewCode[];
  /** Suggestions the coder rejected (negative examples; `eval` ignores them). */
  readonly rejected: readonly (ReviewCode & { readonly reason?: string })[];
}

/**
 * A reviewed note as eval JSONL, or undefined when the review holds no note text (the text of a job's
 * notes is deleted once processed: the coder's client saves it with the review).
 */
export function toReviewedNoteRow({ review, options }: ReviewWithJob): ReviewedNoteRow | undefined {
  if (review.text === undefined || review.version === 0) {
    return undefined;
  }
  const codes: ReviewCode[] = [];
  const rejected: (ReviewCode & { reason?: string })[] = [];
  for (const d of review.decisions) {
    if (d.decision === 'rejected') {
      rejected.push({
        system: d.system,
        code: d.code,
        ...(d.reason === undefined ? {} : { reason: d.reason }),
      });
    } else {
      codes.push({ system: d.system, code: d.code });
    }
  }
  codes.push(...review.added.map((a) => ({ system: a.system, code: a.code })));
  return {
    id: `${review.jobId}/${review.noteId}`,
    text: review.text,
    ...(options.setting === undefined ? {} : { setting: options.setting }),
    codes,
    rejected,
  };
}

/**
 * Writes reviewed notes as JSONL lines through `write`; returns how many were written and how many
 * were skipped for want of note text.
 */
export async function writeReviewedNotes(
  reviews: readonly ReviewWithJob[],
  write: (line: string) => Promise<void> | void,
): Promise<{ written: number; skipped: number }> {
  let written = 0;
  let skipped = 0;
  for (const r of reviews) {
    const row = toReviewedNoteRow(r);
    if (row === undefined) {
      skipped += 1;
      continue;
    }
    await write(`${JSON.stringify(row)}\n`);
    written += 1;
  }
  return { written, skipped };
}

/** A `since` value (ISO date or date-time) as ms, or undefined when it is not one. */
export function parseSince(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
