import type { EvidenceItem } from './highlight-note.js';
import type { NoteReview } from './review-state.js';
import { decisionLabel, el, reviewControls, type ViewOptions } from './render-results.js';

const COLUMNS = [
  { by: 'code', label: 'Code' },
  { by: 'system', label: 'System' },
  { by: undefined, label: 'Title' },
  { by: 'confidence', label: 'Confidence' },
  { by: undefined, label: 'Review' },
  { by: undefined, label: 'Actions' },
] as const;

function header(view: ViewOptions): HTMLTableSectionElement {
  return el(
    'thead',
    {},
    el(
      'tr',
      {},
      ...COLUMNS.map(({ by, label }) => {
        if (by === undefined) {
          return el('th', { scope: 'col' }, label);
        }
        const sorted = view.sort.by === by;
        const th = el(
          'th',
          { scope: 'col' },
          el(
            'button',
            { type: 'button', class: 'link sort', 'data-sort': by },
            label,
            el(
              'span',
              { 'aria-hidden': 'true' },
              sorted ? (view.sort.dir === 1 ? ' ▲' : ' ▼') : '',
            ),
          ),
        );
        th.setAttribute(
          'aria-sort',
          sorted ? (view.sort.dir === 1 ? 'ascending' : 'descending') : 'none',
        );
        return th;
      }),
    ),
  );
}

/**
 * The compact table of the kept suggestions: one line per code, sortable by code, system and
 * confidence (the header buttons), for long notes.
 */
export function renderTable(
  groups: HTMLElement,
  shown: readonly EvidenceItem[],
  review: NoteReview,
  view: ViewOptions,
): void {
  const rows = shown.map(({ key, suggestion: s }) => {
    const d = review.decision(key);
    const modifiers = review.modifiers(key);
    const controls = reviewControls(key, s, false, d, modifiers);
    controls.prepend(
      el(
        'button',
        {
          type: 'button',
          class: 'secondary small show-evidence',
          'data-key': key,
          'aria-pressed': 'false',
        },
        'Evidence',
      ),
    );
    return el(
      'tr',
      {
        class: `code-item review-${d.status}`,
        'data-key': key,
        'data-code': s.code,
        tabindex: '-1',
      },
      el(
        'td',
        {},
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
        modifiers.length > 0 ? ` -${modifiers.join(' -')}` : '',
      ),
      el('td', {}, s.system),
      el('td', {}, el('div', { class: 'clamp', title: s.title }, s.title)),
      el('td', { class: 'num' }, s.confidence.toFixed(2)),
      el('td', {}, el('span', { class: `badge review-badge ${d.status}` }, decisionLabel(d))),
      el('td', {}, controls),
    );
  });
  groups.replaceChildren(
    el(
      'div',
      {
        class: 'table-scroll',
        tabindex: '0',
        role: 'region',
        'aria-label': 'Suggested codes table',
      },
      el(
        'table',
        { class: 'code-table' },
        el('caption', { class: 'sr-only' }, 'Suggested codes; sort with the column buttons'),
        header(view),
        el('tbody', {}, ...rows),
      ),
    ),
  );
}
