import type { Claim, ClaimLine } from '../core/claim-types.js';
import { el } from './render-results.js';

const quote = (texts: readonly { text: string }[]): string =>
  texts
    .map((e) => e.text.trim())
    .filter((t) => t !== '')
    .slice(0, 2)
    .map((t) => `“${t.length > 50 ? `${t.slice(0, 47)}…` : t}”`)
    .join(', ');

function lineRow(l: ClaimLine): HTMLTableRowElement {
  const mods = el(
    'ul',
    { class: 'claim-reasons' },
    ...l.modifiers.map((m) => {
      const words = quote(m.evidence);
      return el('li', {}, el('strong', {}, m.code), ` ${m.reason}${words ? ` — ${words}` : ''}`);
    }),
  );
  const pointers = el(
    'ul',
    { class: 'claim-reasons' },
    ...l.diagnosisCodes.map((code, i) =>
      el(
        'li',
        {},
        el('strong', {}, `${String(l.diagnosisPointers[i] ?? '')}. ${code}`),
        ` ${l.pointerReasons[i]?.reason ?? ''}`,
      ),
    ),
  );
  const checks = el(
    'ul',
    { class: 'claim-reasons' },
    ...(l.findings ?? []).map((f) =>
      el(
        'li',
        { class: f.action === 'drop' ? 'error' : '' },
        `${f.rule.toUpperCase()} (${f.action}): ${f.message} [${f.source}]`,
      ),
    ),
    ...(l.notes ?? []).map((n) => el('li', { class: 'muted' }, n)),
  );
  return el(
    'tr',
    { 'data-code': l.code },
    el('td', {}, String(l.line)),
    el(
      'td',
      {},
      el('strong', {}, [l.code, ...l.modifiers.map((m) => m.code)].join('-')),
      el('br'),
      l.title,
    ),
    el('td', {}, String(l.units), el('br'), el('span', { class: 'muted' }, l.unitsBasis.reason)),
    el('td', {}, mods),
    el('td', {}, pointers),
    el('td', {}, checks),
  );
}

/**
 * The claim lines of a result (units and their basis, modifiers with their reasons and words,
 * diagnosis pointers, edit findings), and the claim's diagnoses with the first-listed one's reason.
 * @param host - the element to fill (emptied when the result has no claim)
 */
export function renderClaimLines(host: HTMLElement, claim: Claim | undefined): void {
  if (claim === undefined) {
    host.replaceChildren(
      el('p', { class: 'muted' }, 'No claim: claim lines are built under the billing rules.'),
    );
    return;
  }
  const diagnoses = el(
    'ol',
    { class: 'claim-diagnoses' },
    ...claim.diagnoses.map((d) => el('li', {}, el('strong', {}, d.code), ` ${d.title}`)),
  );
  const first = claim.firstListed
    ? el(
        'p',
        { class: 'muted' },
        `First-listed ${claim.firstListed.code}: ${claim.firstListed.reason}`,
      )
    : '';
  const edits = Object.values(claim.edits);
  const table =
    claim.lines.length === 0
      ? el('p', { class: 'muted' }, 'No billable CPT/HCPCS service at the threshold.')
      : el(
          'table',
          { class: 'claim-table' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['#', 'Code', 'Units', 'Modifiers', 'Diagnosis pointers', 'Edits and notes'].map(
                (h) => el('th', { scope: 'col' }, h),
              ),
            ),
          ),
          el('tbody', {}, ...claim.lines.map(lineRow)),
        );
  host.replaceChildren(
    el(
      'p',
      {},
      `Component: ${claim.component}. `,
      edits.length > 0
        ? `Checked against ${edits.join('; ')}.`
        : el('strong', {}, 'No CMS edit tables loaded: the lines are not checked.'),
    ),
    diagnoses,
    first,
    table,
  );
}
