import type { ApiClient } from './api-client.js';
import { el } from './render-results.js';
import type { ReviewView } from './review-view.js';

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
const inputEl = (id: string): HTMLInputElement => document.getElementById(id) as HTMLInputElement;

/** The code search box: hits from `/v1/codes?q=`, each marked billable or not, opening the code panel. */
export function wireSearch(
  api: ApiClient,
  view: ReviewView,
  handleError: (err: unknown) => void,
): void {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = inputEl('search-q').value.trim();
    if (q === '') {
      return;
    }
    api.search(q).then(({ hits }) => {
      $('search-hits').replaceChildren(
        ...(hits.length === 0 ? [el('li', { class: 'muted' }, `No code matches “${q}”.`)] : []),
        ...hits.map((h) =>
          el(
            'li',
            {},
            el(
              'button',
              {
                type: 'button',
                class: 'link code-id',
                'data-open-code': h.code,
                'data-system': h.system,
              },
              h.code,
            ),
            ` ${h.system} — ${h.title} `,
            el(
              'span',
              { class: h.billable ? 'badge' : 'badge flag' },
              h.billable
                ? 'billable'
                : h.system === 'ICD-10-CM'
                  ? 'category — not billable'
                  : 'not reportable',
            ),
          ),
        ),
      );
    }, handleError);
  });
  $('search-hits').addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLElement>('[data-open-code]');
    if (b) {
      view.openCode(b.dataset.openCode ?? '', b.dataset.system ?? '', b);
    }
  });
}
