/**
 * The review's keyboard shortcuts (documented on the page): A accept, R reject (then type a reason and
 * press Enter), U undo, ↑/↓ move between codes, Ctrl+Enter finish the review (in the note box: code
 * the note). Letters never act while the focus is in a text field.
 */
export interface ReviewKeys {
  /** True while a result with a review is on screen. */
  active(): boolean;
  /** The keys of the code items in screen order. */
  order(): string[];
  selected(): string | undefined;
  select(key: string): void;
  accept: (key: string) => void;
  reject: (key: string) => void;
  undo: (key: string) => void;
  /** N / P: the next or previous note of a batch. */
  step: (delta: number) => void;
  /** Ctrl+Enter outside the note box. */
  finish(): void;
  /** Ctrl+Enter in the note box. */
  submitNote(): void;
}

const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) &&
  !(t instanceof HTMLInputElement && ['checkbox', 'radio', 'button'].includes(t.type));

export function installShortcuts(keys: ReviewKeys): void {
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (target?.id === 'note-text' || !keys.active()) {
        keys.submitNote();
      } else {
        keys.finish();
      }
      return;
    }
    if (
      target instanceof HTMLInputElement &&
      (target.dataset.action === 'reason' || target.dataset.action === 'modifiers')
    ) {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        keys.select(target.dataset.key ?? '');
      }
      return;
    }
    const onPage =
      target === null || target === document.body || target.closest('#results') !== null;
    if (typing(target) || !onPage || e.ctrlKey || e.metaKey || e.altKey || !keys.active()) {
      return;
    }
    const order = keys.order();
    const current = keys.selected();
    const at = current === undefined ? -1 : order.indexOf(current);
    const act = (fn: (key: string) => void): void => {
      if (current !== undefined && at >= 0) {
        e.preventDefault();
        fn(current);
      }
    };
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const next =
          order[e.key === 'ArrowDown' ? Math.min(order.length - 1, at + 1) : Math.max(0, at - 1)];
        if (next !== undefined) {
          e.preventDefault();
          keys.select(next);
        }
        break;
      }
      case 'a':
      case 'A':
        act(keys.accept);
        break;
      case 'r':
      case 'R':
        act(keys.reject);
        break;
      case 'u':
      case 'U':
        act(keys.undo);
        break;
      case 'n':
      case 'N':
      case 'p':
      case 'P':
        e.preventDefault();
        keys.step(e.key.toLowerCase() === 'n' ? 1 : -1);
        break;
    }
  });
}
