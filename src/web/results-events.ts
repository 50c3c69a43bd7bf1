import type { ReviewView } from './review-view.js';

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
const inputEl = (id: string): HTMLInputElement => document.getElementById(id) as HTMLInputElement;

/** The page's handlers for what the coder does in the results. */
export interface ResultsHooks {
  readonly say: (message: string, error?: boolean) => void;
  readonly handleError: (err: unknown) => void;
  /** Opens the previous (-1) or next (+1) note. */
  readonly step: (delta: number) => void;
}

/**
 * Wires the results: review buttons, the reason fields, evidence selection (a mouse press scrolls
 * nothing but the note pane), the view mode, sort and filter, adding a code, next/previous.
 */
export function wireResults(view: ReviewView, hooks: ResultsHooks): void {
  const { say, handleError } = hooks;
  const results = $('results');
  // Focus from a mouse press must not scroll anything: only the note pane moves (see select()).
  results.addEventListener('focusin', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('.code-item[data-key]');
    if (item?.dataset.key && !view.panel.contains(e.target as Node)) {
      view.select(item.dataset.key, false);
    }
  });
  results.addEventListener('mouseover', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('.code-item[data-key]');
    if (item?.dataset.key) {
      view.activate([item.dataset.key], false);
    }
  });
  results.addEventListener('mouseleave', () => {
    const key = view.selected();
    view.activate(key === undefined ? [] : [key], false);
  });
  results.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const openCode = target.closest<HTMLElement>('[data-open-code]');
    const review = view.review;
    const key = target.closest<HTMLElement>('[data-key]')?.dataset.key ?? '';
    const actionEl = target.closest<HTMLElement>('button[data-action]');
    if (openCode) {
      view.openCode(openCode.dataset.openCode ?? '', openCode.dataset.system ?? '', openCode);
    } else if (actionEl && review) {
      const act = actionEl.dataset.action;
      if (act === 'accept') {
        review.accept(key);
      } else if (act === 'reject') {
        review.reject(key);
        document.getElementById(`reason-${key}`)?.focus();
      } else if (act === 'restore') {
        review.restore(key);
      } else if (act === 'undo') {
        review.undo(key);
      } else if (act === 'remove-added') {
        review.removeAdded(Number(actionEl.dataset.index));
      }
    } else if (target.closest('.show-evidence')) {
      view.select(key, false);
    } else if (target.closest<HTMLElement>('button[data-sort]')) {
      view.sortBy(target.closest<HTMLElement>('button[data-sort]')?.dataset.sort as 'code', true);
    } else if (target.closest<HTMLElement>('#note-view mark')) {
      const mark = target.closest<HTMLElement>('mark') as HTMLElement;
      const keys = (mark.dataset.items ?? '').split(' ');
      view.activate(keys, false);
      const first = document.querySelector<HTMLElement>('#results .code-item.active');
      first?.scrollIntoView({ block: 'nearest' });
      const codes = [...document.querySelectorAll<HTMLElement>('#results .code-item.active')].map(
        (li) => li.dataset.code,
      );
      say(`Selected words support: ${codes.join(', ')}`);
    }
  });
  results.addEventListener('change', (e) => {
    const t = e.target as HTMLInputElement;
    if (t.dataset.action === 'reason') {
      view.review?.setReason(t.dataset.key ?? '', t.value);
    } else if (t.dataset.action === 'modifiers') {
      try {
        view.review?.setModifiers(t.dataset.key ?? '', t.value.split(/[\s,-]+/));
        say(
          `Modifiers of ${t.closest<HTMLElement>('.code-item')?.dataset.code ?? 'the code'}: ${t.value.trim() || 'none'}.`,
        );
      } catch (err) {
        say(err instanceof Error ? err.message : 'not a modifier', true);
      }
    }
  });
  $('note-view').addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).tagName === 'MARK') {
      e.preventDefault();
      (e.target as HTMLElement).click();
    }
  });
  $('view-mode').addEventListener('click', () => {
    view.toggleMode();
  });
  $('code-sort').addEventListener('change', (e) => {
    view.sortBy((e.target as HTMLSelectElement).value as 'code', false);
  });
  $('code-filter').addEventListener('input', (e) => {
    view.filter((e.target as HTMLInputElement).value);
  });
  $('add-code-form').addEventListener('submit', (e) => {
    e.preventDefault();
    view.addCode(inputEl('add-code').value).then((ok) => {
      if (ok) {
        inputEl('add-code').value = '';
      }
    }, handleError);
  });
  $('review-note').addEventListener('change', (e) => {
    view.review?.setNote((e.target as HTMLTextAreaElement).value);
  });
  $('prev-note').addEventListener('click', () => {
    hooks.step(-1);
  });
  $('next-note').addEventListener('click', () => {
    hooks.step(1);
  });
}
