import type { CodeSystem } from '../core/types.js';

/** A coder's decision on one machine suggestion (`restored`: a suppressed candidate put back). */
export type ReviewVerdict = 'accepted' | 'rejected' | 'restored';

/** A code in a review. */
export interface ReviewCode {
  readonly system: CodeSystem;
  readonly code: string;
}

/** A decision on a suggested (or suppressed) code. */
export interface ReviewDecision extends ReviewCode {
  readonly decision: ReviewVerdict;
  /** Why (free text, kept encrypted at rest). */
  readonly reason?: string;
}

/** A code the machine missed, added by the coder. */
export interface AddedCode extends ReviewCode {
  /** Required for a non-billable code (a category header): why it is coded anyway. */
  readonly explanation?: string;
}

/** What a coder sends with `PUT …/review`: the whole review state of one note. */
export interface ReviewContent {
  readonly decisions: readonly ReviewDecision[];
  readonly added: readonly AddedCode[];
  /** The coder's note on the note. */
  readonly note?: string;
  /** The note text as reviewed (PHI, kept encrypted at rest): what the learning-loop export trains on. */
  readonly text?: string;
}

/** One change to a review: who (an API key id, never the key), when, and what changed. */
export interface AuditEntry {
  readonly at: string;
  readonly by: string;
  readonly changes: readonly string[];
}

/** A note's review as stored and served. `version` 0: nobody reviewed it yet. */
export interface NoteReview extends ReviewContent {
  readonly jobId: string;
  readonly noteId: string;
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
  readonly audit: readonly AuditEntry[];
}

/** The ETag of a review version (strong, quoted). */
export const reviewEtag = (review: { readonly version: number }): string =>
  `"r${String(review.version)}"`;

/** The version an `If-Match` value names, or undefined when it names none. */
export function versionOfEtag(value: string): number | undefined {
  const m = /^(?:W\/)?"r(\d{1,15})"$/.exec(value.trim());
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
