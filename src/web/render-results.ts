import type { Suggestion, Suppressed } from '../core/types.js';
import type { EvidenceItem } from './highlight-note.js';
import { reasonLabel } from './humanize.js';
import type { Decision, NoteReview } from './review-state.js';

const SYSTEMS = ['ICD-10-CM', 'CPT', 'HCPCS'] as const;

/** Creates an element with text content and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** How the codes are shown: cards or the compact table, its sort and the filter. */
export interface ViewOptions {
  readonly mode: 'cards' | 'table';
  readonly sort: { readonly by: 'code' | 'confidence' | 'system' | 'none'; readonly dir: 1 | -1 };
  readonly filter: string;
}

export function confidence(value: number): HTMLElement {
  const bar = el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span'));
  (bar.firstElementChild as HTMLElement).style.width = `${String(Math.round(value * 100))}%`;
  return el('span', { class: 'conf' }, bar, el('span', {}, `confidence ${value.toFixed(2)}`));
}

/** The review state of an item in words, for its badge. */
export function decisionLabel(d: Decision): string {
  switch (d.status) {
    case 'accepted':
      return 'accepted';
    case 'rejected':
      return d.reason ? `rejected: ${d.reason}` : 'rejected';
    case 'restored':
      return 'restored by you';
    case 'pending':
      return 'not reviewed';
  }
}

const action = (name: string, label: string, code: string, pressed?: boolean): HTMLElement =>
  el(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'data-action': name,
      'aria-label': `${label} ${code}`,
      ...(pressed === undefined ? {} : { 'aria-pressed': String(pressed) }),
    },
    label,
  );

/** Accept / Reject (+ reason) / Undo for a suggestion; Restore / Undo for a suppressed one. */
export function reviewControls(
  key: string,
  s: Suggestion,
  suppressed: boolean,
  d: Decision,
  modifiers: readonly string[] = s.modifiers ?? [],
): HTMLElement {
  const group = el('div', {
    class: 'review-controls',
    role: 'group',
    'aria-label': `Review ${s.code}`,
  });
  if (suppressed) {
    group.append(action('restore', 'Restore', s.code, d.status === 'restored'));
  } else {
    group.append(
      action('accept', 'Accept', s.code, d.status === 'accepted'),
      action('reject', 'Reject', s.code, d.status === 'rejected'),
    );
  }
  const undo = action('undo', 'Undo', s.code);
  if (d.status === 'pending') {
    undo.setAttribute('disabled', '');
  }
  group.append(undo);
  if (!suppressed && s.system !== 'ICD-10-CM' && d.status !== 'rejected') {
    const id = `mods-${key}`;
    group.append(
      el('label', { for: id, class: 'reason-label' }, 'Modifiers'),
      Object.assign(
        el('input', {
          id,
          type: 'text',
          class: 'modifiers',
          size: '6',
          'data-action': 'modifiers',
          'data-key': key,
        }),
        { value: modifiers.join(' ') },
      ),
    );
  }
  if (d.status === 'rejected') {
    const id = `reason-${key}`;
    group.append(
      el('label', { for: id, class: 'reason-label' }, 'Reason (optional)'),
      Object.assign(
        el('input', {
          id,
          type: 'text',
          class: 'reason',
          'data-action': 'reason',
          'data-key': key,
        }),
        { value: d.reason ?? '' },
      ),
    );
  }
  return group;
}

function item(
  key: string,
  s: Suggestion,
  d: Decision,
  reason?: string,
  modifiers: readonly string[] = s.modifiers ?? [],
): HTMLLIElement {
  const head = el(
    'div',
    { class: 'code-head' },
    el(
      'button',
      {
        type: 'button',
        class: 'link code-id',
        'data-open-code': s.code,
        'data-system': s.system,
        'aria-label': `Open code ${s.code} details`,
      },
      s.code,
    ),
    el('span', {}, s.title),
  );
  const meta = el(
    'div',
    { class: 'code-head' },
    confidence(s.confidence),
    el('span', { class: 'badge' }, s.assertion),
    el('span', { class: `badge review-badge ${d.status}` }, decisionLabel(d)),
  );
  if (reason !== undefined) {
    meta.append(el('span', { class: 'badge' }, `suppressed: ${reasonLabel(reason)}`));
  }
  if (modifiers.length > 0) {
    meta.append(el('span', { class: 'badge' }, `modifiers ${modifiers.join(', ')}`));
  }
  const evidence = s.evidence.map((e) => `“${e.text}”`).join(', ');
  const reasons = el('ul', { class: 'reasons' }, ...s.reasons.map((r) => el('li', {}, r)));
  const show = el(
    'button',
    {
      type: 'button',
      class: 'secondary small show-evidence',
      'data-key': key,
      'aria-pressed': 'false',
    },
    'Show evidence',
  );
  const actions = reviewControls(key, s, reason !== undefined, d, modifiers);
  actions.prepend(show);
  return el(
    'li',
    {
      class: `code-item review-${d.status}`,
      'data-key': key,
      'data-code': s.code,
      tabindex: '-1',
    },
    head,
    meta,
    el('div', { class: 'muted' }, `Evidence: ${evidence}`),
    reasons,
    actions,
  );
}

/** True when an item matches the filter (code, title, system or evidence words). */
export function matchesFilter(s: Suggestion, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') {
    return true;
  }
  const hay = [s.code, s.title, s.system, ...s.evidence.map((e) => e.text)].join(' ').toLowerCase();
  return f.split(/\s+/).every((w) => hay.includes(w));
}

/** The kept suggestions, filtered and sorted as the view asks. */
export function visibleItems(items: readonly EvidenceItem[], view: ViewOptions): EvidenceItem[] {
  const kept = items.filter((i) => !i.suppressed && matchesFilter(i.suggestion, view.filter));
  const { by, dir } = view.sort;
  if (by === 'none') {
    return kept;
  }
  const value = (i: EvidenceItem): string | number =>
    by === 'confidence'
      ? i.suggestion.confidence
      : by === 'code'
        ? i.suggestion.code
        : i.suggestion.system;
  return [...kept].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
}

/** The cards of the kept suggestions, grouped by system. */
export function renderCards(
  groups: HTMLElement,
  shown: readonly EvidenceItem[],
  review: NoteReview,
): void {
  groups.replaceChildren(
    ...SYSTEMS.flatMap((system) => {
      const list = shown.filter((i) => i.suggestion.system === system);
      if (list.length === 0) {
        return [];
      }
      return [
        el('h4', {}, `${system} (${String(list.length)})`),
        el(
          'ul',
          { class: 'code-list', 'aria-label': `${system} codes` },
          ...list.map((i) =>
            item(i.key, i.suggestion, review.decision(i.key), undefined, review.modifiers(i.key)),
          ),
        ),
      ];
    }),
  );
}

/** The suppressed candidates, each with Restore. */
export function renderSuppressed(
  suppressedList: HTMLElement,
  suppressedCount: HTMLElement,
  items: readonly EvidenceItem[],
  review: NoteReview,
): void {
  const suppressed = items.filter((i) => i.suppressed);
  suppressedList.replaceChildren(
    ...suppressed.map((i) =>
      item(i.key, i.suggestion, review.decision(i.key), (i.suggestion as Suppressed).reason),
    ),
  );
  suppressedCount.textContent = `(${String(suppressed.length)})`;
}
