import type { ApiClient } from './api-client.js';
import { el } from './render-results.js';

type Json = Record<string, unknown>;

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const list = (values: string[]): HTMLElement =>
  values.length === 0
    ? el('span', { class: 'muted' }, 'none')
    : el('ul', {}, ...values.map((v) => el('li', {}, v)));

function rows(info: Json): [string, HTMLElement | string][] {
  const out: [string, HTMLElement | string][] = [['Title', text(info.title)]];
  if (info.system === 'ICD-10-CM') {
    out.push(['Billable', info.billable === true ? 'yes' : 'no (a category: code to a child)']);
    const ancestors = (info.ancestors as { code: string; title: string }[] | undefined) ?? [];
    out.push(['Hierarchy', list(ancestors.map((a) => `${a.code} ${a.title}`))]);
    const notes = (info.notes as Record<string, string[]> | undefined) ?? {};
    for (const [kind, values] of Object.entries(notes)) {
      if (Array.isArray(values) && kind !== 'excludes1' && kind !== 'excludes2') {
        out.push([kind === 'includes' ? 'Inclusion terms' : kind, list(values)]);
      }
    }
    for (const kind of ['excludes1', 'excludes2'] as const) {
      const ex = (info[kind] as { declaredAt: string; note: string }[] | undefined) ?? [];
      out.push([
        kind === 'excludes1' ? 'Excludes1' : 'Excludes2',
        list(ex.map((e) => `${e.note} (at ${e.declaredAt})`)),
      ]);
    }
    const sevenths = info.sevenths as { chars: Record<string, string> } | null | undefined;
    if (sevenths) {
      out.push([
        '7th characters',
        list(Object.entries(sevenths.chars).map(([c, d]) => `${c}: ${d}`)),
      ]);
    }
  } else if (info.system === 'CPT') {
    out.push([
      'Description',
      `${text(info.ownDescription ?? info.title)} (${info.source === 'lexicon' ? 'our own words' : 'your licensed file'})`,
    ]);
    const mods = (info.modifierDescriptions as Record<string, string> | undefined) ?? {};
    out.push(['Allowed modifiers', list(Object.entries(mods).map(([m, d]) => `${m}: ${d}`))]);
  } else {
    out.push(['Long description', text(info.longDescription ?? info.title)]);
  }
  return out;
}

/** Shows a code's details from `/v1/codes/{code}` in the panel. */
export async function openCodePanel(
  panel: HTMLElement,
  api: ApiClient,
  code: string,
  system: string,
): Promise<void> {
  panel.replaceChildren(el('p', { class: 'muted' }, `Loading ${code}…`));
  try {
    const { codes } = await api.code(code, system);
    const info = codes[0] ?? {};
    const dl = el('dl');
    for (const [label, value] of rows(info)) {
      dl.append(el('dt', {}, label), el('dd', {}, value));
    }
    panel.replaceChildren(
      el('h3', { id: 'code-panel-heading' }, `${text(info.code)} — ${text(info.system)}`),
      dl,
    );
    panel.setAttribute('aria-labelledby', 'code-panel-heading');
    panel.setAttribute('role', 'region');
    panel.focus();
  } catch (err) {
    panel.replaceChildren(
      el(
        'p',
        { class: 'error' },
        `Could not load ${code}: ${err instanceof Error ? err.message : 'error'}`,
      ),
    );
  }
}
