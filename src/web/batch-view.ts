import type { DetectResult, Note } from '../core/types.js';
import type { EvidenceItem } from './highlight-note.js';
import { el } from './render-results.js';
import type { NoteReview } from './review-state.js';

/** One note of the page: its result or error once known, and the coder's review once opened. */
export interface Opened {
  readonly note: Note;
  readonly result?: DetectResult;
  readonly error?: string;
  review?: NoteReview;
  items?: EvidenceItem[];
}

/** The review column: how far the coder got with a note. */
function reviewCell(entry: Opened): string {
  const review = entry.review;
  if (review === undefined) {
    return entry.result ? 'not opened' : '—';
  }
  const c = review.counts();
  const parts = [`${String(c.accepted)} accepted`, `${String(c.rejected)} rejected`];
  if (c.added > 0) {
    parts.push(`${String(c.added)} added`);
  }
  return `${review.finished ? 'done' : `${String(c.pending)} to review`}: ${parts.join(', ')}`;
}

/**
 * A row of the batch table: note, status, codes (flagged when the note got none), suppressed,
 * review progress, and the button that opens it.
 */
export function batchRow(
  entry: Opened,
  state: string,
  index: number,
  current: boolean,
): HTMLTableRowElement {
  const open = el(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'data-row': String(index),
      'aria-label': `Open ${entry.note.id}`,
    },
    'Open',
  );
  if (entry.result === undefined && entry.error === undefined) {
    open.setAttribute('disabled', '');
  }
  const none = entry.result !== undefined && entry.result.suggestions.length === 0;
  const codes = el('td', {}, entry.result ? String(entry.result.suggestions.length) : '—');
  if (none) {
    codes.append(' ', el('span', { class: 'badge flag' }, '⚑ no codes: check this note'));
  }
  return el(
    'tr',
    {
      'data-row': String(index),
      class: [current ? 'selected' : '', none ? 'no-codes' : ''].join(' ').trim(),
      ...(current ? { 'aria-current': 'true' } : {}),
    },
    el('td', {}, entry.note.id),
    el('td', {}, state),
    codes,
    el('td', {}, entry.result ? String(entry.result.suppressed.length) : '—'),
    el('td', {}, reviewCell(entry)),
    el('td', {}, open),
  );
}
