import type { DetectResult, Note } from '../core/types.js';
import type { JobOptions } from '../jobs/job-types.js';
import type { NoteReview, ReviewContent } from '../jobs/review-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import type { ReviewDocument } from './review-state.js';
import { MemoryReviewStore, type NoteRef, type ReviewStore } from './review-store.js';

/** What the page shows next to the review: saving, saved, or why the review stays in this tab. */
export type SaveState = 'saving' | 'saved' | 'local' | 'conflict' | 'error';

export interface ServerReviewStoreHooks {
  /** The result a note's review belongs to (decisions are matched to its suggestions). */
  resultOf(ref: NoteRef): DetectResult | undefined;
  /** The note text as the page holds it (redacted when the page redacts), kept with the review. */
  textOf(ref: NoteRef): string | undefined;
  /** Says the save state (a short line for the page). */
  state(state: SaveState, message: string): void;
  /** Another coder saved this note's review in between: the page opens it again from the store. */
  reloaded(ref: NoteRef): void;
}

/** No newer change waits to be saved (read again after an await). */
const idle = (slot: Slot): boolean => slot.pending === undefined;

/** A review's decisions, added codes and note, in a form to compare (note text left out). */
const sameness = (c: ReviewContent): string =>
  JSON.stringify([
    c.decisions.map((d) => [d.system, d.code, d.decision, d.reason ?? '']),
    c.added.map((a) => [a.system, a.code]),
    c.note ?? '',
  ]);

/** Why a non-billable code the coder kept is on the review (the server asks for one). */
const KEPT_HEADER = 'Kept by the coder on the review page although the code is not billable.';
export const READ_ONLY_MESSAGE = 'read-only key: review kept in this tab only';
export const CONFLICT_MESSAGE = 'Review changed elsewhere — reloaded';

interface Slot {
  etag?: string | undefined;
  /** The note text the server holds for this review (sent back so a save never drops it). */
  text?: string | undefined;
  loading?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  pending?: ReviewDocument | undefined;
  /** The server's review, as {@link sameness} writes it: a save of the same content is skipped. */
  sent?: string | undefined;
  flight: Promise<void>;
}

/**
 * Reviews kept on the server (`GET`/`PUT /v1/jobs/{id}/notes/{noteId}/review`) for the jobs named
 * with {@link track}; any other note (a single run not saved) stays in {@link MemoryReviewStore}.
 * Saves are debounced and sent with `If-Match`; a 412 reloads the note, a 403 (read-only key) keeps
 * every later review in this tab. Modifier edits, titles of added codes and "finished" have no place on
 * the server yet: they stay in this tab's memory.
 */
export class ServerReviewStore implements ReviewStore {
  private readonly memory = new MemoryReviewStore();
  private readonly jobs = new Set<string>();
  private readonly slots = new Map<string, Slot>();
  private readOnly = false;

  constructor(
    private readonly api: ApiClient,
    private readonly hooks: ServerReviewStoreHooks,
    private readonly delayMs = 500,
  ) {}

  /** Reviews of this job go to the server. */
  track(jobId: string): void {
    this.jobs.add(jobId);
  }

  private onServer(ref: NoteRef): ref is NoteRef & { jobId: string } {
    return !this.readOnly && ref.jobId !== undefined && this.jobs.has(ref.jobId);
  }

  private slot(ref: NoteRef): Slot {
    const key = `${ref.jobId ?? ''}\u0000${ref.noteId}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { flight: Promise.resolve() };
      this.slots.set(key, slot);
    }
    return slot;
  }

  async load(ref: NoteRef): Promise<ReviewDocument | undefined> {
    const local = await this.memory.load(ref);
    if (!this.onServer(ref)) {
      return local;
    }
    const slot = this.slot(ref);
    let loaded: NoteReview | undefined;
    slot.loading = this.api.loadReview(ref.jobId, ref.noteId).then(
      ({ review, etag }) => {
        loaded = review;
        slot.etag = etag;
        slot.text = review.text;
      },
      (err: unknown) => {
        this.failed(err);
      },
    );
    await slot.loading;
    slot.sent = loaded === undefined ? undefined : sameness(loaded);
    // A fresh note (nothing decided yet) leaves the page as it is: nothing to load.
    if (
      loaded === undefined ||
      (loaded.decisions.length === 0 && loaded.added.length === 0 && !loaded.note)
    ) {
      return local;
    }
    return toDocument(loaded, this.hooks.resultOf(ref), local);
  }

  async save(ref: NoteRef, doc: ReviewDocument): Promise<void> {
    await this.memory.save(ref, doc);
    if (!this.onServer(ref)) {
      return;
    }
    const slot = this.slot(ref);
    if (sameness(toContent(doc, undefined)) === slot.sent) {
      if (slot.pending !== undefined) {
        slot.pending = undefined;
        this.hooks.state('saved', 'Review saved.');
      }
      return; // what the server holds already (the page loading a review back)
    }
    slot.pending = doc;
    this.hooks.state('saving', 'Saving…');
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.flight = slot.flight.then(() => this.flush(ref, slot));
    }, this.delayMs);
  }

  /** Sends the latest document of a note (one PUT at a time per note). */
  private async flush(ref: NoteRef & { jobId: string }, slot: Slot): Promise<void> {
    const doc = slot.pending;
    slot.pending = undefined;
    await slot.loading;
    if (doc === undefined || slot.etag === undefined || !this.onServer(ref)) {
      return;
    }
    const text = slot.text ?? this.hooks.textOf(ref);
    try {
      const saved = await this.api.saveReview(
        ref.jobId,
        ref.noteId,
        toContent(doc, text),
        slot.etag,
      );
      slot.etag = saved.etag;
      slot.text = saved.review.text;
      slot.sent = sameness(saved.review);
      if (idle(slot)) {
        this.hooks.state('saved', `Review saved (version ${String(saved.review.version)}).`);
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        slot.pending = undefined;
        this.hooks.state('conflict', CONFLICT_MESSAGE);
        this.hooks.reloaded(ref);
        return;
      }
      this.failed(err);
    }
  }

  private failed(err: unknown): void {
    if (err instanceof ApiError && err.status === 403) {
      this.readOnly = true;
      this.hooks.state('local', READ_ONLY_MESSAGE);
      return;
    }
    const why = err instanceof Error ? err.message : 'unknown error';
    this.hooks.state('error', `Review not saved: ${why}`);
  }
}

/** `/v1/detect` kept as a one-note job when the server and key allow it; otherwise a plain detect. */
export async function detectKept(
  api: ApiClient,
  note: Note,
  opts: JobOptions,
): Promise<DetectResult & { jobId?: string }> {
  try {
    return await api.detectAndSave(note, opts);
  } catch (err) {
    if (err instanceof ApiError && [400, 403, 404].includes(err.status)) {
      return api.detect(note, opts);
    }
    throw err;
  }
}

/** The page's document as the server's review (pending decisions are not sent). */
export function toContent(doc: ReviewDocument, text: string | undefined): ReviewContent {
  return {
    decisions: doc.decisions
      .filter((d) => d.status !== 'pending')
      .map((d) => ({
        system: d.system,
        code: d.code,
        decision: d.status as 'accepted' | 'rejected' | 'restored',
        ...(d.status === 'rejected' && d.reason ? { reason: d.reason } : {}),
      })),
    added: doc.added.map((a) => ({
      system: a.system,
      code: a.code,
      ...(a.billable ? {} : { explanation: KEPT_HEADER }),
    })),
    ...(doc.note === '' ? {} : { note: doc.note }),
    ...(text === undefined || text === '' ? {} : { text }),
  };
}

/**
 * The server's review as the page's document: decisions find their item by code (`k<i>` a
 * suggestion, `s<i>` a suppressed candidate); what the server does not keep comes from `local`.
 */
export function toDocument(
  review: NoteReview,
  result: DetectResult | undefined,
  local: ReviewDocument | undefined,
): ReviewDocument {
  const keyOf = (system: string, code: string, restored: boolean): string | undefined => {
    const list = restored ? result?.suppressed : result?.suggestions;
    const i = list?.findIndex((s) => s.system === system && s.code === code) ?? -1;
    return i < 0 ? undefined : `${restored ? 's' : 'k'}${String(i)}`;
  };
  return {
    noteId: review.noteId,
    decisions: review.decisions.flatMap((d) => {
      const key = keyOf(d.system, d.code, d.decision === 'restored');
      return key === undefined
        ? []
        : [
            {
              key,
              system: d.system,
              code: d.code,
              status: d.decision,
              ...(d.reason ? { reason: d.reason } : {}),
            },
          ];
    }),
    added: review.added.map((a) => {
      const known = local?.added.find((l) => l.system === a.system && l.code === a.code);
      return known ?? { system: a.system, code: a.code, title: a.code, billable: !a.explanation };
    }),
    modifiers: local?.modifiers ?? [],
    note: review.note ?? '',
    finished: local?.finished ?? false,
  };
}
