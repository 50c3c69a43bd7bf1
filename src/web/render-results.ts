import type { DetectResult, Suggestion, Suppressed } from '../core/types.js';
import type { EvidenceItem } from './highlight-note.js';

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

function confidence(value: number): HTMLElement {
  const bar = el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span'));
  (bar.firstElementChild as HTMLElement).style.width = `${String(Math.round(value * 100))}%`;
  return el('span', { class: 'conf' }, bar, el('span', {}, `confidence ${value.toFixed(2)}`));
}

function item(key: string, s: Suggestion, reason?: string): HTMLLIElement {
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
        'aria-label': `Open code ${s.code} in the code panel`,
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
  );
  if (reason !== undefined) {
    meta.append(el('span', { class: 'badge' }, `suppressed: ${reason}`));
  }
  if (s.modifiers && s.modifiers.length > 0) {
    meta.append(el('span', { class: 'badge' }, `modifiers ${s.modifiers.join(', ')}`));
  }
  const evidence = s.evidence.map((e) => `“${e.text}”`).join(', ');
  const reasons = el('ul', { class: 'reasons' }, ...s.reasons.map((r) => el('li', {}, r)));
  const show = el(
    'button',
    { type: 'button', class: 'secondary show-evidence', 'data-key': key, 'aria-pressed': 'false' },
    'Show evidence',
  );
  return el(
    'li',
    { class: 'code-item', 'data-key': key, 'data-code': s.code },
    head,
    meta,
    el('div', { class: 'muted' }, `Evidence: ${evidence}`),
    reasons,
    show,
  );
}

/** Fills the code groups (by system) and the suppressed list. */
export function renderResults(
  groups: HTMLElement,
  suppressedList: HTMLElement,
  suppressedCount: HTMLElement,
  result: DetectResult,
  items: readonly EvidenceItem[],
): void {
  const keyOf = (s: Suggestion): string => items.find((i) => i.suggestion === s)?.key ?? '';
  groups.replaceChildren(
    ...SYSTEMS.flatMap((system) => {
      const list = result.suggestions.filter((s) => s.system === system);
      if (list.length === 0) {
        return [];
      }
      return [
        el('h4', {}, `${system} (${String(list.length)})`),
        el(
          'ul',
          { class: 'code-list', 'aria-label': `${system} codes` },
          ...list.map((s) => item(keyOf(s), s)),
        ),
      ];
    }),
  );
  if (result.suggestions.length === 0) {
    groups.replaceChildren(el('p', { class: 'muted' }, 'No codes at or above the threshold.'));
  }
  suppressedList.replaceChildren(
    ...result.suppressed.map((s: Suppressed) => item(keyOf(s), s, s.reason)),
  );
  suppressedCount.textContent = `(${String(result.suppressed.length)})`;
}
