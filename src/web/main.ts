import type { DetectResult, Note, Rules, Setting } from '../core/types.js';
import type { JobOptions } from '../jobs/job-types.js';
import { ApiClient, ApiError, type JobPage } from './api-client.js';
import { openCodePanel } from './code-panel.js';
import { download, toCsv } from './export-results.js';
import { evidenceItems, highlightNote } from './highlight-note.js';
import { renderClaimLines } from './claim-lines.js';
import { el, renderResults } from './render-results.js';
import { redactedView } from './redacted-view.js';

// The page keeps note text in memory only: never in storage, URLs or the console.
const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
const inputEl = (id: string): HTMLInputElement => document.getElementById(id) as HTMLInputElement;
const textEl = (id: string): HTMLTextAreaElement =>
  document.getElementById(id) as HTMLTextAreaElement;
const api = new ApiClient();
const count = (n: number, noun: string): string => `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
const status = $('status');
const say = (message: string, error = false): void => {
  status.textContent = message;
  status.className = error ? 'error' : '';
};

interface Opened {
  readonly note: Note;
  readonly result?: DetectResult;
  readonly error?: string;
}
let opened: Opened[] = [];
let current: Opened | undefined;
let files: File[] = [];

function options(): JobOptions {
  const systems = [
    ...document.querySelectorAll<HTMLInputElement>('input[name="system"]:checked'),
  ].map((i) => i.value as 'ICD-10-CM' | 'CPT' | 'HCPCS');
  return {
    setting: (document.getElementById('setting') as HTMLSelectElement).value as Setting,
    rules: (document.getElementById('rules') as HTMLSelectElement).value as Rules,
    ...(systems.length > 0 && systems.length < 3 ? { systems } : {}),
    ...((document.getElementById('redact') as HTMLInputElement).checked ? { redact: true } : {}),
  };
}

function handleError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) {
    $('key-row').hidden = false;
    $('api-key').focus();
    say('This server needs an API key: enter it above and submit again.', true);
    return;
  }
  say(err instanceof Error ? `Error: ${err.message}` : 'Error', true);
}

function activate(keys: readonly string[], scroll: 'mark' | 'item' | 'none'): void {
  const wanted = new Set(keys);
  let firstMark: Element | undefined;
  for (const mark of document.querySelectorAll<HTMLElement>('#note-view mark')) {
    const on = (mark.dataset.items ?? '').split(' ').some((k) => wanted.has(k));
    mark.classList.toggle('active', on);
    if (on && firstMark === undefined) {
      firstMark = mark;
    }
  }
  let firstItem: Element | undefined;
  for (const li of document.querySelectorAll<HTMLElement>('#results .code-item')) {
    const on = wanted.has(li.dataset.key ?? '');
    li.classList.toggle('active', on);
    li.querySelector('.show-evidence')?.setAttribute('aria-pressed', String(on));
    if (on && firstItem === undefined) {
      firstItem = li;
    }
  }
  if (scroll === 'mark') {
    firstMark?.scrollIntoView({ block: 'nearest' });
  } else if (scroll === 'item') {
    if (firstItem?.closest('details') instanceof HTMLDetailsElement) {
      (firstItem.closest('details') as HTMLDetailsElement).open = true;
    }
    firstItem?.scrollIntoView({ block: 'nearest' });
  }
}

function show(entry: Opened): void {
  current = entry;
  const section = $('results');
  section.hidden = false;
  $('result-note').textContent = `— ${entry.note.id}`;
  if (entry.result === undefined) {
    $('code-groups').replaceChildren(
      el('p', { class: 'error' }, `This note failed: ${entry.error ?? 'unknown error'}`),
    );
    $('suppressed-list').replaceChildren();
    $('claim-lines').replaceChildren();
    $('note-view').textContent = entry.note.text;
    return;
  }
  const items = evidenceItems(entry.result);
  renderResults($('code-groups'), $('suppressed-list'), $('suppressed-count'), entry.result, items);
  renderClaimLines($('claim-lines'), entry.result.claim);
  highlightNote($('note-view'), entry.note.text, items);
}

async function runSingle(note: Note): Promise<void> {
  say('Coding the note…');
  // With "Redact PHI" the page keeps and shows only the redacted note from here on.
  opened = [redactedView(note, await api.detect(note, options()))];
  const { result } = opened[0] as { result: DetectResult };
  $('batch').hidden = true;
  show(opened[0] as Opened);
  say(
    `Done: ${count(result.suggestions.length, 'code')}, ${String(result.suppressed.length)} suppressed.`,
  );
  $('results').focus();
}

function batchRow(entry: Opened, state: string, index: number): HTMLTableRowElement {
  const open = el(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-row': String(index),
      'aria-label': `Open ${entry.note.id}`,
    },
    'Open',
  );
  if (entry.result === undefined && entry.error === undefined) {
    open.setAttribute('disabled', '');
  }
  return el(
    'tr',
    { 'data-row': String(index) },
    el('td', {}, entry.note.id),
    el('td', {}, state),
    el('td', {}, entry.result ? String(entry.result.suggestions.length) : '—'),
    el('td', {}, entry.result ? String(entry.result.suppressed.length) : '—'),
    el('td', {}, open),
  );
}

async function runBatch(notes: Note[]): Promise<void> {
  say(`Submitting ${String(notes.length)} notes as one job…`);
  const job = await api.submit(notes, options());
  $('batch').hidden = false;
  $('progress-row').hidden = false;
  const progress = document.getElementById('progress') as HTMLProgressElement;
  progress.max = notes.length;
  opened = notes.map((note) => ({ note }));
  const draw = (pageStatus: string): void => {
    $('batch-rows').replaceChildren(
      ...opened.map((o, i) =>
        batchRow(o, o.result ? 'succeeded' : o.error ? 'failed' : pageStatus, i),
      ),
    );
  };
  draw('queued');
  for (;;) {
    let page: JobPage = await api.job(job.id);
    const all = [...page.results];
    while (page.nextCursor !== undefined) {
      page = await api.job(job.id, page.nextCursor);
      all.push(...page.results);
    }
    for (const outcome of all) {
      const i = opened.findIndex((o) => o.note.id === outcome.noteId);
      const o = opened[i];
      if (o !== undefined) {
        opened[i] = outcome.result
          ? redactedView(o.note, outcome.result)
          : { note: o.note, error: outcome.error?.detail ?? 'failed' };
      }
    }
    progress.value = page.progress.done;
    $('progress-text').textContent =
      `${String(page.progress.done)} of ${String(page.progress.total)} notes (${page.status})`;
    draw(page.status === 'queued' ? 'queued' : 'running');
    if (!['queued', 'running'].includes(page.status)) {
      say(
        `Batch ${page.status}: ${count(page.progress.done, 'note')}, ${String(page.progress.failed)} failed.`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  api.setKey(inputEl('api-key').value.trim());
  const text = textEl('note-text').value;
  try {
    if (files.length > 0) {
      const notes = await Promise.all(
        files.map(async (f) => ({ id: f.name, text: await f.text() })),
      );
      await (notes.length === 1 ? runSingle(notes[0] as Note) : runBatch(notes));
    } else if (text.trim() !== '') {
      await runSingle({ id: 'pasted-note', text });
    } else {
      say('Paste a note or choose .txt files first.', true);
      $('note-text').focus();
    }
  } catch (err) {
    handleError(err);
  }
}

function setFiles(list: FileList | null): void {
  files = [...(list ?? [])].filter((f) => f.name.endsWith('.txt') || f.type === 'text/plain');
  $('file-list').textContent =
    files.length === 0
      ? ''
      : `${count(files.length, 'file')}: ${files.map((f) => f.name).join(', ')}`;
}

function wire(): void {
  $('note-form').addEventListener('submit', (e) => void submit(e));
  $('clear').addEventListener('click', () => {
    textEl('note-text').value = '';
    inputEl('note-files').value = '';
    setFiles(null);
    opened = [];
    current = undefined;
    $('results').hidden = true;
    $('batch').hidden = true;
    $('progress-row').hidden = true;
    say('');
  });
  $('note-files').addEventListener('change', (e) => {
    setFiles((e.target as HTMLInputElement).files);
  });
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => {
    zone.classList.remove('over');
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    setFiles(e.dataTransfer?.files ?? null);
  });
  const results = $('results');
  const onItem = (e: Event, scroll: 'mark' | 'none'): void => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('.code-item');
    if (li?.dataset.key) {
      activate([li.dataset.key], scroll);
    }
  };
  results.addEventListener('mouseover', (e) => {
    onItem(e, 'none');
  });
  results.addEventListener('focusin', (e) => {
    if ((e.target as HTMLElement).closest('.code-item')) {
      onItem(e, 'mark');
    }
  });
  results.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const openCode = target.closest<HTMLElement>('[data-open-code]');
    if (openCode) {
      void openCodePanel(
        $('code-panel'),
        api,
        openCode.dataset.openCode ?? '',
        openCode.dataset.system ?? '',
      );
      return;
    }
    if (target.closest('.show-evidence')) {
      onItem(e, 'mark');
      return;
    }
    const mark = target.closest<HTMLElement>('mark');
    if (mark) {
      const keys = (mark.dataset.items ?? '').split(' ');
      activate(keys, 'item');
      const codes = [...document.querySelectorAll<HTMLElement>('#results .code-item.active')].map(
        (li) => li.dataset.code,
      );
      say(`Selected words support: ${codes.join(', ')}`);
    }
  });
  $('note-view').addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).tagName === 'MARK') {
      e.preventDefault();
      (e.target as HTMLElement).click();
    }
  });
  $('batch-rows').addEventListener('click', (e) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('button[data-row]');
    const entry = opened[Number(row?.dataset.row)];
    if (row && entry) {
      for (const tr of document.querySelectorAll('#batch-rows tr')) {
        tr.classList.toggle('selected', tr.getAttribute('data-row') === row.dataset.row);
      }
      show(entry);
      $('results').focus();
    }
  });
  $('export-json').addEventListener('click', () => {
    const all = opened.flatMap((o) => (o.result ? [o.result] : []));
    download(
      'notecoder-results.json',
      'application/json',
      JSON.stringify(all.length === 1 ? all[0] : all, null, 2),
    );
  });
  $('export-csv').addEventListener('click', () => {
    download(
      'notecoder-results.csv',
      'text/csv',
      toCsv(opened.flatMap((o) => (o.result ? [o.result] : []))),
    );
  });
  $('copy-codes').addEventListener('click', () => {
    const codes = current?.result?.suggestions.map((s) => s.code).join(', ') ?? '';
    navigator.clipboard.writeText(codes).then(
      () => {
        say(`Copied: ${codes}`);
      },
      () => {
        say('The browser did not allow copying to the clipboard.', true);
      },
    );
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = inputEl('search-q').value.trim();
    if (q === '') {
      return;
    }
    api.search(q).then(({ hits }) => {
      $('search-hits').replaceChildren(
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
            ` ${h.system} — ${h.title}`,
          ),
        ),
      );
    }, handleError);
  });
  $('search-hits').addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLElement>('[data-open-code]');
    if (b) {
      void openCodePanel($('code-panel'), api, b.dataset.openCode ?? '', b.dataset.system ?? '');
    }
  });
  $('api-key').addEventListener('change', (e) => {
    api.setKey((e.target as HTMLInputElement).value.trim());
  });
}

async function start(): Promise<void> {
  wire();
  try {
    const ready = await api.ready();
    $('server-info').textContent =
      `Code set: ${ready.codeSet}; default threshold ${ready.operatingThreshold.toFixed(2)}.`;
    if (!(await api.keyAccepted())) {
      $('key-row').hidden = false;
    }
  } catch (err) {
    $('server-info').textContent =
      `The server is not ready: ${err instanceof Error ? err.message : 'unknown'}`;
  }
}

void start();
