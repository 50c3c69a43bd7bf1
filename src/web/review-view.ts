import type { DetectResult } from '../core/types.js';
import { addTypedCode } from './add-code.js';
import type { ApiClient } from './api-client.js';
import type { Opened } from './batch-view.js';
import { codeDetails, loadedInstructions, openCodePanel } from './code-panel.js';
import { renderTable } from './code-table.js';
import { companionWarnings } from './companion-warnings.js';
import { evidenceItems, highlightNote } from './highlight-note.js';
import {
  el,
  renderCards,
  renderSuppressed,
  visibleItems,
  type ViewOptions,
} from './render-results.js';
import { codeLine, NoteReview } from './review-state.js';
import { MemoryReviewStore, type NoteRef, type ReviewStore } from './review-store.js';

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
/** Notes with more codes than this open in the compact table. */
const TABLE_FROM = 12;

/** Scrolls the note pane (never the window) so the mark is in view. */
function scrollNoteTo(mark: Element): void {
  const pane = $('note-view');
  const r = mark.getBoundingClientRect();
  const p = pane.getBoundingClientRect();
  if (r.top < p.top || r.bottom > p.bottom) {
    pane.scrollTop += r.top - p.top - p.height / 3;
  }
}

/**
 * The open note: its codes (cards or the compact table), the coder's review of them, the note with
 * its evidence, the companion-code warnings and the code panel next to the code it shows.
 */
export class ReviewView {
  entry: Opened | undefined;
  private view: ViewOptions = { mode: 'cards', sort: { by: 'none', dir: 1 }, filter: '' };
  private selectedKey: string | undefined;
  private chosenMode: ViewOptions['mode'] | undefined;
  /** The one code panel, moved next to the code it shows (kept here: it is often detached). */
  readonly panel = $('code-panel');

  constructor(
    private readonly api: ApiClient,
    private readonly say: (message: string, error?: boolean) => void,
    private readonly changed: () => void,
    private readonly store: ReviewStore = new MemoryReviewStore(),
    private readonly jobId: () => string | undefined = () => undefined,
  ) {}

  /** Makes an entry's review: loaded from the store when it has one, saved there on every change. */
  private makeReview(entry: Opened & { result: DetectResult }): NoteReview {
    entry.items = evidenceItems(entry.result);
    const review = new NoteReview(entry.result, entry.items);
    const ref: NoteRef = { jobId: this.jobId(), noteId: entry.result.noteId };
    review.onChange(() => {
      if (this.entry === entry) {
        this.render();
      }
      this.changed();
      void this.store.save(ref, review.toDocument());
    });
    void this.store.load(ref).then((doc) => {
      const untouched = review.toDocument();
      if (doc !== undefined && untouched.decisions.length === 0 && untouched.added.length === 0) {
        review.load(doc);
      }
    });
    return review;
  }

  /** Opens an entry (a review is made on first opening and kept). */
  show(entry: Opened): void {
    this.entry = entry;
    this.selectedKey = undefined;
    $('results').hidden = false;
    $('result-note').textContent = `— ${entry.note.id}`;
    this.panel.hidden = true;
    $('add-code-msg').textContent = '';
    if (entry.result === undefined) {
      $('code-groups').replaceChildren(
        el('p', { class: 'error' }, `This note failed: ${entry.error ?? 'unknown error'}`),
      );
      for (const id of ['suppressed-list', 'added-list', 'review-warnings']) {
        $(id).replaceChildren();
      }
      $('review-summary').textContent = '';
      $('note-view').textContent = entry.note.text;
      return;
    }
    entry.review ??= this.makeReview(entry as Opened & { result: DetectResult });
    const long = entry.result.suggestions.length > TABLE_FROM;
    this.view = { ...this.view, mode: this.chosenMode ?? (long ? 'table' : 'cards') };
    (document.getElementById('review-note') as HTMLTextAreaElement).value = entry.review.note;
    highlightNote($('note-view'), entry.note.text, entry.items ?? []);
    this.render();
    this.loadInstructions();
  }

  get review(): NoteReview | undefined {
    return this.entry?.review;
  }

  /** Loads the notes of every ICD-10-CM code in view, then shows the companion-code warnings. */
  private loadInstructions(): void {
    const review = this.review;
    if (review === undefined) {
      return;
    }
    const icd = review.reviewedCodes().filter((c) => c.system === 'ICD-10-CM');
    const missing = icd.filter((c) => loadedInstructions(c.code) === undefined);
    if (missing.length > 0) {
      void Promise.allSettled(missing.map((c) => codeDetails(this.api, c.code, c.system))).then(
        () => {
          if (this.review === review) {
            this.renderWarnings();
          }
        },
      );
    }
  }

  private renderWarnings(): void {
    const review = this.review;
    const warnings = review ? companionWarnings(review.reviewedCodes(), loadedInstructions) : [];
    $('review-warnings').replaceChildren(
      ...(warnings.length === 0
        ? []
        : [
            el(
              'div',
              { class: 'warnings', role: 'group', 'aria-label': 'Companion code warnings' },
              el('strong', {}, 'Check: companion codes'),
              el('ul', {}, ...warnings.map((w) => el('li', { 'data-code': w.code }, w.message))),
            ),
          ]),
    );
  }

  /** Redraws the codes and the review summary, keeping the focus where it was. */
  render(): void {
    const { entry } = this;
    const review = entry?.review;
    if (entry?.result === undefined || review === undefined) {
      return;
    }
    const active = document.activeElement as HTMLElement | null;
    const focusKey = active?.closest<HTMLElement>('[data-key]')?.dataset.key;
    const focusAction = active?.dataset.action;
    const panel = this.panel;
    const panelKey = panel.closest<HTMLElement>('.code-item, .detail-row')?.dataset.key;
    const items = entry.items ?? [];
    const shown = visibleItems(items, this.view);
    document
      .querySelector('#results .results-grid')
      ?.classList.toggle('table-mode', this.view.mode === 'table');
    if (this.view.mode === 'table') {
      renderTable($('code-groups'), shown, review, this.view);
    } else {
      renderCards($('code-groups'), shown, review);
    }
    if (entry.result.suggestions.length === 0) {
      $('code-groups').replaceChildren(
        el(
          'p',
          { class: 'muted' },
          'No codes at or above the threshold: add any the note supports.',
        ),
      );
    }
    renderSuppressed($('suppressed-list'), $('suppressed-count'), items, review);
    // Evidence of rejected codes only is struck through in the note.
    for (const mark of document.querySelectorAll<HTMLElement>('#note-view mark')) {
      const keys = (mark.dataset.items ?? '').split(' ');
      mark.classList.toggle(
        'rejected-ev',
        keys.every((k) => review.decision(k).status === 'rejected'),
      );
    }
    const kept = items.filter((i) => !i.suppressed).length;
    $('filter-count').textContent =
      this.view.filter.trim() === ''
        ? ''
        : `Showing ${String(shown.length)} of ${String(kept)} codes.`;
    const mode = $('view-mode');
    mode.setAttribute('aria-pressed', String(this.view.mode === 'table'));
    (document.getElementById('code-sort') as HTMLSelectElement).value = this.view.sort.by;
    this.renderAdded();
    const c = review.counts();
    $('review-summary').textContent =
      `Review${review.finished ? ' (done)' : ''}: ${String(c.accepted)} accepted, ${String(c.rejected)} rejected, ${String(c.pending)} not reviewed, ${String(c.restored)} restored, ${String(c.added)} added. Codes: ${codeLine(review.reviewedCodes()) || 'none'}`;
    this.renderWarnings();
    this.loadInstructions();
    if (panelKey !== undefined && !panel.hidden) {
      this.placePanel(panelKey);
    }
    if (this.selectedKey !== undefined) {
      this.mark(this.selectedKey);
    }
    if (focusKey !== undefined) {
      const host = document.querySelector<HTMLElement>(
        `#results .code-item[data-key="${focusKey}"]`,
      );
      const target =
        (focusAction &&
          host?.querySelector<HTMLElement>(`[data-action="${focusAction}"]:not([disabled])`)) ||
        host;
      target?.focus({ preventScroll: true });
    }
  }

  private renderAdded(): void {
    const review = this.review;
    $('added-list').replaceChildren(
      ...(review?.added ?? []).map((a, i) =>
        el(
          'li',
          { class: 'code-item added', 'data-added': String(i) },
          el(
            'button',
            {
              type: 'button',
              class: 'link code-id',
              'data-open-code': a.code,
              'data-system': a.system,
            },
            `${a.code}${(a.modifiers ?? []).map((m) => `-${m}`).join('')}`,
          ),
          ` ${a.system} — ${a.title} `,
          el('span', { class: 'badge review-badge accepted' }, 'added by you'),
          a.billable ? '' : el('span', { class: 'badge flag' }, 'not billable'),
          ' ',
          el(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              'data-action': 'remove-added',
              'data-index': String(i),
              'aria-label': `Remove ${a.code}`,
            },
            'Remove',
          ),
        ),
      ),
    );
  }

  /** The keys of the code items in screen order (kept codes, then suppressed ones when open). */
  order(): string[] {
    const open = (document.getElementById('suppressed') as HTMLDetailsElement).open;
    return [
      ...document.querySelectorAll<HTMLElement>(
        '#code-groups .code-item, #suppressed-list .code-item',
      ),
    ]
      .filter((i) => open || !i.closest('#suppressed-list'))
      .map((i) => i.dataset.key ?? '');
  }

  selected(): string | undefined {
    return this.selectedKey;
  }

  /** Selects an item: focus, its evidence highlighted (the note pane scrolls, the page does not). */
  select(key: string, focus = true): void {
    this.selectedKey = key;
    const host = document.querySelector<HTMLElement>(`#results .code-item[data-key="${key}"]`);
    this.mark(key);
    if (focus && host) {
      host.focus({ preventScroll: true });
      host.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Highlights the marks and items of the keys; scrolls the note pane to the first mark. */
  mark(key: string, scrollNote = true): void {
    this.activate([key], scrollNote);
  }

  activate(keys: readonly string[], scrollNote: boolean): void {
    const wanted = new Set(keys);
    let first: Element | undefined;
    for (const mark of document.querySelectorAll<HTMLElement>('#note-view mark')) {
      const on = (mark.dataset.items ?? '').split(' ').some((k) => wanted.has(k));
      mark.classList.toggle('active', on);
      first ??= on ? mark : undefined;
    }
    for (const item of document.querySelectorAll<HTMLElement>('#results .code-item[data-key]')) {
      const on = wanted.has(item.dataset.key ?? '');
      item.classList.toggle('active', on);
      item.querySelector('.show-evidence')?.setAttribute('aria-pressed', String(on));
    }
    if (scrollNote && first !== undefined) {
      scrollNoteTo(first);
    }
  }

  /** Moves the code panel next to an item (after its card, or in a row under its table row). */
  placePanel(key: string): void {
    const panel = this.panel;
    const host = document.querySelector<HTMLElement>(
      `#results .code-item[data-key="${key}"], #added-list [data-added="${key}"]`,
    );
    document.querySelector('#results .detail-row')?.remove();
    if (host instanceof HTMLTableRowElement) {
      const row = el(
        'tr',
        { class: 'detail-row', 'data-key': key },
        el('td', { colspan: '6' }, panel),
      );
      host.after(row);
    } else if (host) {
      host.append(panel);
    }
  }

  setMode(mode: ViewOptions['mode']): void {
    this.chosenMode = mode;
    this.view = { ...this.view, mode };
    this.render();
  }

  toggleMode(): void {
    this.setMode(this.view.mode === 'table' ? 'cards' : 'table');
  }

  sortBy(by: ViewOptions['sort']['by'], toggle: boolean): void {
    const same = this.view.sort.by === by;
    const dir: 1 | -1 =
      toggle && same ? (this.view.sort.dir === 1 ? -1 : 1) : by === 'confidence' ? -1 : 1;
    this.view = { ...this.view, sort: { by, dir } };
    this.render();
  }

  filter(text: string): void {
    this.view = { ...this.view, filter: text };
    this.render();
  }

  /** Opens a code's details next to the item it belongs to, or under the search when it has none. */
  openCode(code: string, system: string, from: HTMLElement): void {
    const panel = this.panel;
    const item = from.closest<HTMLElement>('.code-item');
    if (item && from.closest('#results')) {
      const key = item.dataset.key ?? `added-${item.dataset.added ?? ''}`;
      if (item.dataset.key) {
        this.placePanel(key);
      } else {
        item.append(panel);
      }
    } else if (!panel.contains(from)) {
      $('search-hits').after(panel);
    }
    void openCodePanel(panel, this.api, code, system);
  }

  /** Checks and adds a typed code; the outcome is said next to the field. */
  async addCode(typed: string): Promise<boolean> {
    const review = this.review;
    const msg = $('add-code-msg');
    const out =
      review === undefined
        ? { added: false, message: 'Open a note first.', warning: false }
        : await addTypedCode(this.api, review, this.entry?.items ?? [], typed);
    msg.textContent = out.message;
    msg.className = out.added ? (out.warning ? 'warning' : '') : 'error';
    if (out.added) {
      this.say(out.message);
    }
    return out.added;
  }
}
