import type { ReviewDocument } from './review-state.js';

/** Which note a review belongs to: a job's note, or a single `/v1/detect` result (no job). */
export interface NoteRef {
  readonly jobId?: string | undefined;
  readonly noteId: string;
}

/**
 * Where the page keeps reviews. Today {@link MemoryReviewStore} (this tab only); a server store
 * (`GET`/`PUT /v1/jobs/{id}/notes/{noteId}/review` with `If-Match`) implements the same two calls,
 * and the page needs no other change.
 */
export interface ReviewStore {
  /** The saved review of a note, if any. */
  load(ref: NoteRef): Promise<ReviewDocument | undefined>;
  /** Saves the whole review document (called after every change). */
  save(ref: NoteRef, doc: ReviewDocument): Promise<void>;
}

const keyOf = (ref: NoteRef): string => `${ref.jobId ?? ''}\u0000${ref.noteId}`;

/** Reviews in this tab's memory only: never in storage (a coder's reason may name the patient). */
export class MemoryReviewStore implements ReviewStore {
  private readonly docs = new Map<string, ReviewDocument>();

  load(ref: NoteRef): Promise<ReviewDocument | undefined> {
    return Promise.resolve(this.docs.get(keyOf(ref)));
  }

  save(ref: NoteRef, doc: ReviewDocument): Promise<void> {
    this.docs.set(keyOf(ref), doc);
    return Promise.resolve();
  }
}
