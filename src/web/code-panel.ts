import type { ApiClient } from './api-client.js';
import type { Instruction } from './companion-warnings.js';
import { declaredAtLabel, noteKindLabel } from './humanize.js';
import { el } from './render-results.js';

type Json = Record<string, unknown>;
type Cell = HTMLElement | string;

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** A button that opens a code in the panel it sits in. */
export function codeLink(code: string, system: string, label = code): HTMLButtonElement {
  return el(
    'button',
    { type: 'button', class: 'link code-id', 'data-open-code': code, 'data-system': system },
    label,
  );
}

// ICD-10-CM codes and categories named in a note's text: "(N18.1-N18.6)", "S78.-", "I10".
const ICD_IN_TEXT = /\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?=\.?-|[\s,;)]|$)/g;

/** The text with every ICD-10-CM code it names turned into a link. */
export function linkCodes(value: string): HTMLElement {
  const span = el('span');
  let at = 0;
  for (const m of value.matchAll(ICD_IN_TEXT)) {
    const code = m[1] ?? '';
    span.append(value.slice(at, m.index), codeLink(code, 'ICD-10-CM'));
    at = m.index + code.length;
  }
  span.append(value.slice(at));
  return span;
}

const list = (values: Cell[]): HTMLElement =>
  values.length === 0
    ? el('span', { class: 'muted' }, 'none')
    : el('ul', {}, ...values.map((v) => el('li', {}, v)));

const codeList = (values: { code: string; title: string; billable?: boolean }[]): HTMLElement =>
  list(
    values.map((v) =>
      el(
        'span',
        {},
        codeLink(v.code, 'ICD-10-CM'),
        ` ${v.title}${v.billable === false ? ' (category)' : ''}`,
      ),
    ),
  );

function icdRows(info: Json, code: string): [string, Cell][] {
  const out: [string, Cell][] = [];
  const children =
    (info.children as { code: string; title: string; billable: boolean }[] | undefined) ?? [];
  out.push([
    'Billable',
    info.billable === true ? 'yes' : 'no — a category (header): code to one of its children',
  ]);
  out.push([
    'Hierarchy',
    codeList((info.ancestors as { code: string; title: string }[] | undefined) ?? []),
  ]);
  if (children.length > 0) {
    out.push(['Codes under it', codeList(children)]);
  }
  const notes = (info.notes as Record<string, string[]> | undefined) ?? {};
  for (const [kind, values] of Object.entries(notes)) {
    if (Array.isArray(values) && kind !== 'excludes1' && kind !== 'excludes2') {
      out.push([noteKindLabel(kind), list(values.map(linkCodes))]);
    }
  }
  const inherited = ((info.instructions as Instruction[] | undefined) ?? []).filter(
    (i) => i.declaredAt !== code,
  );
  const byLabel = new Map<string, HTMLElement[]>();
  for (const i of inherited) {
    const label = `${noteKindLabel(i.kind)} (${declaredAtLabel(i.declaredAt, code)})`;
    byLabel.set(label, [...(byLabel.get(label) ?? []), linkCodes(i.note)]);
  }
  for (const [label, notes] of byLabel) {
    out.push([label, list(notes)]);
  }
  for (const kind of ['excludes1', 'excludes2'] as const) {
    const ex = (info[kind] as { declaredAt: string; note: string }[] | undefined) ?? [];
    out.push([
      noteKindLabel(kind),
      list(
        ex.map((e) => {
          const where = declaredAtLabel(e.declaredAt, code);
          const cell = linkCodes(e.note);
          if (where !== '') {
            cell.append(el('span', { class: 'muted' }, ` — ${where}`));
          }
          return cell;
        }),
      ),
    ]);
  }
  const sevenths = info.sevenths as { chars: Record<string, string> } | null | undefined;
  if (sevenths) {
    out.push([
      '7th characters',
      list(Object.entries(sevenths.chars).map(([c, d]) => `${c}: ${d}`)),
    ]);
  }
  return out;
}

function rows(info: Json): [string, Cell][] {
  const out: [string, Cell][] = [['Title', text(info.title)]];
  if (info.system === 'ICD-10-CM') {
    out.push(...icdRows(info, text(info.code)));
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

/** Codes already loaded (the panel and the companion-code warnings share them). */
const loaded = new Map<string, Json>();

/** The `/v1/codes/{code}` answer for one system's code, loaded once per page. */
export async function codeDetails(api: ApiClient, code: string, system: string): Promise<Json> {
  const key = `${system} ${code}`;
  let info = loaded.get(key);
  if (info === undefined) {
    const { codes } = await api.code(code, system);
    info = codes[0] ?? {};
    loaded.set(key, info);
  }
  return info;
}

/** The companion-code notes of a code already loaded, or `undefined`. */
export function loadedInstructions(code: string): readonly Instruction[] | undefined {
  return loaded.get(`ICD-10-CM ${code}`)?.instructions as Instruction[] | undefined;
}

let panelId = 0;

/**
 * Shows a code's details from `/v1/codes/{code}` in `panel`, which the page has placed next to the
 * code it is about. Codes the details name are links that open in the same panel.
 */
export async function openCodePanel(
  panel: HTMLElement,
  api: ApiClient,
  code: string,
  system: string,
): Promise<void> {
  if (panel.dataset.wired !== 'yes') {
    panel.dataset.wired = 'yes';
    panel.addEventListener('click', (e) => {
      const target = e.target as HTMLElement;
      const link = target.closest<HTMLElement>('[data-open-code]');
      if (link && panel.contains(link)) {
        e.stopPropagation();
        void openCodePanel(panel, api, link.dataset.openCode ?? '', link.dataset.system ?? '');
      } else if (target.closest('.close-panel')) {
        e.stopPropagation();
        panel.hidden = true;
      }
    });
  }
  panel.hidden = false;
  panel.replaceChildren(el('p', { class: 'muted' }, `Loading ${code}…`));
  try {
    const info = await codeDetails(api, code, system);
    const dl = el('dl');
    for (const [label, value] of rows(info)) {
      dl.append(el('dt', {}, label), el('dd', {}, value));
    }
    const id = `code-panel-title-${String(++panelId)}`;
    panel.replaceChildren(
      el(
        'div',
        { class: 'panel-head' },
        el('strong', { id }, `${text(info.code)} — ${text(info.system)}`),
        el('button', { type: 'button', class: 'secondary close-panel' }, 'Close details'),
      ),
      dl,
    );
    panel.setAttribute('aria-labelledby', id);
    panel.setAttribute('role', 'region');
    panel.focus({ preventScroll: true });
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
