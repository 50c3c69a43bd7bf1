import type { CodeSystem, DetectResult, Suggestion } from '../core/types.js';

/**
 * A coder's review of one note's result, kept in this tab only. The page reads and changes it through
 * this interface alone, so it can later be saved to the server (`PUT /v1/jobs/{id}/notes/{noteId}/review`)
 * from {@link NoteReview.toDocument} and loaded back with {@link NoteReview.load}.
 */

/** What a coder decided about one machine suggestion or suppressed candidate. */
export type Decision =
  | { readonly status: 'pending' }
  | { readonly status: 'accepted' }
  | { readonly status: 'rejected'; readonly reason?: string }
  /** A suppressed candidate the coder puts back among the codes. */
  | { readonly status: 'restored' };

/** A code the machine missed, added by the coder (checked against the code set before). */
export interface AddedCode {
  readonly system: CodeSystem;
  readonly code: string;
  readonly title: string;
  readonly modifiers?: readonly string[];
  /** False for a category the coder chose to keep anyway (the page warns). */
  readonly billable: boolean;
}

/** A code as it goes on the claim after review. */
export interface ReviewedCode {
  readonly system: CodeSystem;
  readonly code: string;
  readonly title: string;
  readonly modifiers: readonly string[];
  readonly source: 'suggested' | 'restored' | 'added';
  /** True once a coder accepted it (added and restored codes are accepted by the act). */
  readonly accepted: boolean;
}

/** The review as a JSON document: what a server would store, and what Export writes. */
export interface ReviewDocument {
  readonly noteId: string;
  readonly decisions: readonly {
    readonly key: string;
    readonly system: CodeSystem;
    readonly code: string;
    readonly status: Decision['status'];
    readonly reason?: string;
  }[];
  readonly added: readonly AddedCode[];
  /** Modifiers the coder changed on a suggested procedure (replacing the suggested ones). */
  readonly modifiers?: readonly {
    readonly key: string;
    readonly code: string;
    readonly modifiers: readonly string[];
  }[];
  readonly note: string;
  /** Set by Ctrl+Enter ("finish review"): the coder is done with this note. */
  readonly finished: boolean;
}

type Item = { readonly key: string; readonly suggestion: Suggestion; readonly suppressed: boolean };

type Change =
  | { readonly kind: 'decision'; readonly key: string; readonly before: Decision }
  | { readonly kind: 'added'; readonly code: AddedCode };

const PENDING: Decision = { status: 'pending' };
const ORDER: readonly CodeSystem[] = ['CPT', 'HCPCS', 'ICD-10-CM'];

/** The review of one note. Items use the page's keys: `k<i>` suggestions, `s<i>` suppressed. */
export class NoteReview {
  private readonly decisions = new Map<string, Decision>();
  private readonly addedCodes: AddedCode[] = [];
  private readonly modifierEdits = new Map<string, readonly string[]>();
  private readonly history: Change[] = [];
  private text = '';
  private done = false;
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly result: DetectResult,
    private readonly items: readonly Item[],
  ) {}

  /** Calls `listener` after every change (the page re-renders; a server store would save). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }

  decision(key: string): Decision {
    return this.decisions.get(key) ?? PENDING;
  }

  private item(key: string): Item {
    const found = this.items.find((i) => i.key === key);
    if (found === undefined) {
      throw new Error(`no item ${key}`);
    }
    return found;
  }

  private set(key: string, next: Decision): void {
    this.history.push({ kind: 'decision', key, before: this.decision(key) });
    this.decisions.set(key, next);
    this.done = false;
    this.changed();
  }

  /** Accepts a suggestion; on a suppressed candidate, accepting restores it. */
  accept(key: string): void {
    this.set(key, this.item(key).suppressed ? { status: 'restored' } : { status: 'accepted' });
  }

  reject(key: string, reason?: string): void {
    const trimmed = reason?.trim();
    this.set(key, trimmed ? { status: 'rejected', reason: trimmed } : { status: 'rejected' });
  }

  /** Changes the reason of a rejected item without a new undo step. */
  setReason(key: string, reason: string): void {
    if (this.decision(key).status === 'rejected') {
      const trimmed = reason.trim();
      this.decisions.set(
        key,
        trimmed ? { status: 'rejected', reason: trimmed } : { status: 'rejected' },
      );
      this.changed();
    }
  }

  /** The modifiers of a suggestion: the coder's, or the suggested ones. */
  modifiers(key: string): readonly string[] {
    return this.modifierEdits.get(key) ?? this.item(key).suggestion.modifiers ?? [];
  }

  /** Replaces a suggestion's modifiers (two letters or digits each, upper-cased). */
  setModifiers(key: string, modifiers: readonly string[]): void {
    const clean = modifiers.map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
    if (clean.some((m) => !/^[A-Z0-9]{2}$/.test(m))) {
      throw new Error(`a modifier is two letters or digits: ${clean.join(' ')}`);
    }
    this.modifierEdits.set(key, clean);
    this.changed();
  }

  restore(key: string): void {
    if (this.item(key).suppressed) {
      this.set(key, { status: 'restored' });
    }
  }

  /** Undoes the last change of one item (or, without a key, the last change of the note). */
  undo(key?: string): boolean {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const change = this.history[i];
      if (
        change === undefined ||
        (key !== undefined && (change.kind !== 'decision' || change.key !== key))
      ) {
        continue;
      }
      this.history.splice(i, 1);
      if (change.kind === 'decision') {
        this.decisions.set(change.key, change.before);
      } else {
        this.addedCodes.splice(this.addedCodes.indexOf(change.code), 1);
      }
      this.done = false;
      this.changed();
      return true;
    }
    return false;
  }

  add(code: AddedCode): void {
    this.addedCodes.push(code);
    this.history.push({ kind: 'added', code });
    this.done = false;
    this.changed();
  }

  removeAdded(index: number): void {
    const [code] = this.addedCodes.splice(index, 1);
    if (code !== undefined) {
      const at = this.history.findIndex((c) => c.kind === 'added' && c.code === code);
      this.history.splice(at, 1);
      this.changed();
    }
  }

  get added(): readonly AddedCode[] {
    return this.addedCodes;
  }

  setNote(text: string): void {
    this.text = text;
    this.changed();
  }

  get note(): string {
    return this.text;
  }

  /** Ctrl+Enter: every pending suggestion is accepted and the note is marked done. */
  finish(): void {
    for (const item of this.items) {
      if (!item.suppressed && this.decision(item.key).status === 'pending') {
        this.history.push({ kind: 'decision', key: item.key, before: PENDING });
        this.decisions.set(item.key, { status: 'accepted' });
      }
    }
    this.done = true;
    this.changed();
  }

  get finished(): boolean {
    return this.done;
  }

  /** Counts of the suggestions by decision, for the batch table and the status line. */
  counts(): {
    accepted: number;
    rejected: number;
    pending: number;
    added: number;
    restored: number;
  } {
    const out = {
      accepted: 0,
      rejected: 0,
      pending: 0,
      added: this.addedCodes.length,
      restored: 0,
    };
    for (const item of this.items) {
      const status = this.decision(item.key).status;
      if (!item.suppressed || status === 'restored') {
        out[status] += 1;
      }
    }
    return out;
  }

  /** The codes for the claim: suggestions not rejected, restored candidates, added codes (procedures first). */
  reviewedCodes(): ReviewedCode[] {
    const out: ReviewedCode[] = [];
    for (const { key, suggestion: s, suppressed } of this.items) {
      const status = this.decision(key).status;
      if (status === 'rejected' || (suppressed && status !== 'restored')) {
        continue;
      }
      out.push({
        system: s.system,
        code: s.code,
        title: s.title,
        modifiers: this.modifiers(key),
        source: suppressed ? 'restored' : 'suggested',
        accepted: status !== 'pending',
      });
    }
    for (const a of this.addedCodes) {
      out.push({ ...a, modifiers: a.modifiers ?? [], source: 'added', accepted: true });
    }
    return out.sort((a, b) => ORDER.indexOf(a.system) - ORDER.indexOf(b.system));
  }

  toDocument(): ReviewDocument {
    return {
      noteId: this.result.noteId,
      decisions: this.items.flatMap(({ key, suggestion: s }) => {
        const d = this.decision(key);
        return d.status === 'pending' ? [] : [{ key, system: s.system, code: s.code, ...d }];
      }),
      added: [...this.addedCodes],
      modifiers: [...this.modifierEdits].map(([key, modifiers]) => ({
        key,
        code: this.item(key).suggestion.code,
        modifiers,
      })),
      note: this.text,
      finished: this.done,
    };
  }

  /** Takes a saved document's decisions (items matched by key and code; others ignored). */
  load(doc: ReviewDocument): void {
    for (const d of doc.decisions) {
      const item = this.items.find((i) => i.key === d.key && i.suggestion.code === d.code);
      if (item !== undefined) {
        const { status, reason } = d;
        this.decisions.set(
          d.key,
          status === 'rejected' ? (reason ? { status, reason } : { status }) : { status },
        );
      }
    }
    this.addedCodes.push(...doc.added);
    for (const m of doc.modifiers ?? []) {
      if (this.items.some((i) => i.key === m.key && i.suggestion.code === m.code)) {
        this.modifierEdits.set(m.key, m.modifiers);
      }
    }
    this.text = doc.note;
    this.done = doc.finished;
    this.changed();
  }
}

/** "CPT 71250-26; ICD-10-CM S02.2XXA": the reviewed codes with their systems and modifiers. */
export function codeLine(codes: readonly ReviewedCode[]): string {
  return codes
    .map((c) => `${c.system} ${c.code}${c.modifiers.map((m) => `-${m}`).join('')}`)
    .join('; ');
}
