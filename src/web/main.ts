import type { DetectResult, Note, Rules, Setting } from '../core/types.js';
import type { JobOptions } from '../jobs/job-types.js';
import { ApiClient, ApiError, type JobPage } from './api-client.js';
import { batchRow, type Opened } from './batch-view.js';
import { download, exportName, toCsv, toJson } from './export-results.js';
import { codeSetLabel } from './humanize.js';
import { renderClaimLines } from './claim-lines.js';
import { installShortcuts } from './keyboard.js';
import { NoteInput } from './note-input.js';
import { redactedView } from './redacted-view.js';
import { codeLine } from './review-state.js';
import { detectKept, ServerReviewStore } from './server-review-store.js';
import { wireResults } from './results-events.js';
import { ReviewView } from './review-view.js';
import { wireSearch } from './search-box.js';

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

/** A mistake in the form, said next to the submit button. */
class FormError extends Error {
  constructor(
    message: string,
    readonly focus: string,
  ) {
    super(message);
  }
}

let opened: Opened[] = [];
let currentIndex = -1;
let batchState = 'queued';
/** The job the batch ran as (export file names carry it). */
let jobId: string | undefined;
/** Which run a review belongs to: the job, or one single-note run (the same note id may come again). */
let reviewScope: string | undefined;
let singleRuns = 0;
const input = new NoteInput();
const openedNote = (noteId: string): Opened | undefined =>
  opened.find((o) => o.result?.noteId === noteId);
// Reviews of a job (a batch, or a single note coded with `save`) live on the server; others in this tab.
const store = new ServerReviewStore(api, {
  resultOf: (ref) => openedNote(ref.noteId)?.result,
  textOf: (ref) => openedNote(ref.noteId)?.note.text,
  state: (state, message) => {
    $('review-save').textContent = message;
    $('review-save').className = state === 'error' || state === 'conflict' ? 'error' : 'notice';
  },
  reloaded: (ref) => {
    const entry = openedNote(ref.noteId);
    if (entry !== undefined && ref.jobId === reviewScope) {
      delete entry.review;
      if (view.entry === entry) {
        view.show(entry);
      }
    }
  },
});
const view = new ReviewView(
  api,
  say,
  () => {
    drawBatch();
  },
  store,
  () => reviewScope,
);

function options(): JobOptions {
  const systems = [
    ...document.querySelectorAll<HTMLInputElement>('input[name="system"]:checked'),
  ].map((i) => i.value as 'ICD-10-CM' | 'CPT' | 'HCPCS');
  if (systems.length === 0) {
    throw new FormError(
      'Choose at least one code system (ICD-10-CM, CPT or HCPCS) to suggest codes.',
      'input[name="system"]',
    );
  }
  return {
    setting: (document.getElementById('setting') as HTMLSelectElement).value as Setting,
    rules: (document.getElementById('rules') as HTMLSelectElement).value as Rules,
    ...(systems.length < 3 ? { systems } : {}),
    ...((document.getElementById('redact') as HTMLInputElement).checked ? { redact: true } : {}),
  };
}

function handleError(err: unknown): void {
  if (err instanceof FormError) {
    say(err.message, true);
    document.querySelector<HTMLElement>(err.focus)?.focus();
    return;
  }
  if (err instanceof ApiError && err.status === 401) {
    $('key-row').hidden = false;
    $('api-key').focus();
    say('This server needs an API key: enter it above and submit again.', true);
    return;
  }
  say(err instanceof Error ? `Error: ${err.message}` : 'Error', true);
}

function drawBatch(): void {
  if ($('batch').hidden) {
    return;
  }
  $('batch-rows').replaceChildren(
    ...opened.map((o, i) =>
      batchRow(o, o.result ? 'succeeded' : o.error ? 'failed' : batchState, i, i === currentIndex),
    ),
  );
}

/** Opens the note at a position of the batch (or the single note), with next/previous. */
function openAt(index: number): void {
  const entry = opened[index];
  if (entry === undefined) {
    return;
  }
  currentIndex = index;
  view.show(entry);
  renderClaimLines($('claim-lines'), entry.result?.claim);
  const many = opened.length > 1;
  $('note-nav').hidden = !many;
  $('note-position').textContent = `Note ${String(index + 1)} of ${String(opened.length)}`;
  const ready = (i: number): boolean =>
    opened[i]?.result !== undefined || opened[i]?.error !== undefined;
  (document.getElementById('prev-note') as HTMLButtonElement).disabled = !ready(index - 1);
  (document.getElementById('next-note') as HTMLButtonElement).disabled = !ready(index + 1);
  drawBatch();
}

async function runSingle(note: Note): Promise<void> {
  const opts = options();
  say('Coding the note…');
  // With "Redact PHI" the page keeps and shows only the redacted note from here on.
  const { jobId: kept, ...detected } = await detectKept(api, note, opts);
  opened = [redactedView(note, detected)];
  jobId = undefined;
  singleRuns += 1;
  reviewScope = kept ?? `single-${String(singleRuns)}`;
  if (kept !== undefined) {
    store.track(kept);
  }
  $('review-save').textContent = '';
  const { result } = opened[0] as { result: DetectResult };
  $('batch').hidden = true;
  openAt(0);
  say(
    `Done: ${count(result.suggestions.length, 'code')}, ${String(result.suppressed.length)} suppressed.`,
  );
  $('results').focus();
}

async function runBatch(notes: Note[]): Promise<void> {
  const opts = options();
  say(`Submitting ${String(notes.length)} notes as one job…`);
  const job = await api.submit(notes, opts);
  jobId = job.id;
  reviewScope = job.id;
  store.track(job.id);
  $('review-save').textContent = '';
  $('batch').hidden = false;
  $('progress-row').hidden = false;
  const progress = document.getElementById('progress') as HTMLProgressElement;
  progress.max = notes.length;
  opened = notes.map((note) => ({ note }));
  currentIndex = -1;
  batchState = 'queued';
  drawBatch();
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
      if (o !== undefined && o.result === undefined && o.error === undefined) {
        opened[i] = outcome.result
          ? redactedView(o.note, outcome.result)
          : { note: o.note, error: outcome.error?.detail ?? 'failed' };
      }
    }
    progress.value = page.progress.done;
    $('progress-text').textContent =
      `${String(page.progress.done)} of ${String(page.progress.total)} notes (${page.status})`;
    batchState = page.status === 'queued' ? 'queued' : 'running';
    drawBatch();
    if (!['queued', 'running'].includes(page.status)) {
      const empty = opened.filter((o) => o.result?.suggestions.length === 0).length;
      say(
        `Batch ${page.status}: ${count(page.progress.done, 'note')}, ${String(page.progress.failed)} failed${empty > 0 ? `, ${count(empty, 'note')} with no codes (flagged)` : ''}.`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function submit(event?: Event): Promise<void> {
  event?.preventDefault();
  api.setKey(inputEl('api-key').value.trim());
  const text = textEl('note-text').value;
  try {
    if (input.source === 'files' && input.files.length > 0) {
      const notes = await Promise.all(
        input.files.map(async (f) => ({ id: f.name, text: await f.text() })),
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

function showInputChoice(): void {
  const refusal = input.refusal();
  const choice = input.choice(textEl('note-text').value.trim() !== '');
  $('input-source').textContent = [refusal, choice].filter((s) => s !== '').join(' ');
  $('input-source').className = refusal === '' ? 'notice' : 'error';
  $('file-list').textContent =
    input.files.length === 0
      ? ''
      : `${count(input.files.length, 'file')}: ${input.files.map((f) => f.name).join(', ')}`;
}

function setFiles(list: FileList | null): void {
  input.setFiles([...(list ?? [])]);
  showInputChoice();
}

function exportEntries(): { result: DetectResult; review?: Opened['review'] }[] {
  return opened.flatMap((o) => (o.result ? [{ result: o.result, review: o.review }] : []));
}

function exportSource(): string {
  return jobId ?? opened[currentIndex]?.note.id ?? 'results';
}

function wireInput(): void {
  $('note-form').addEventListener('submit', (e) => void submit(e));
  $('clear').addEventListener('click', () => {
    textEl('note-text').value = '';
    inputEl('note-files').value = '';
    input.clear();
    showInputChoice();
    opened = [];
    currentIndex = -1;
    jobId = undefined;
    view.entry = undefined;
    $('results').hidden = true;
    $('batch').hidden = true;
    $('progress-row').hidden = true;
    say('');
  });
  $('note-text').addEventListener('input', () => {
    input.textChanged(textEl('note-text').value);
    showInputChoice();
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
  // A file dropped anywhere on the page is taken (never opened by the browser in place of the page).
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    setFiles(e.dataTransfer?.files ?? null);
  });
}

function wireExports(): void {
  $('batch-rows').addEventListener('click', (e) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('button[data-row]');
    if (row) {
      openAt(Number(row.dataset.row));
      $('results').focus();
    }
  });
  $('export-json').addEventListener('click', () => {
    download(exportName(exportSource(), 'json'), 'application/json', toJson(exportEntries()));
  });
  $('export-csv').addEventListener('click', () => {
    download(exportName(exportSource(), 'csv'), 'text/csv', toCsv(exportEntries()));
  });
  $('copy-codes').addEventListener('click', () => {
    const codes = codeLine(view.review?.reviewedCodes() ?? []);
    navigator.clipboard.writeText(codes).then(
      () => {
        say(`Copied: ${codes}`);
      },
      () => {
        say('The browser did not allow copying to the clipboard.', true);
      },
    );
  });
}

function wireKeys(): void {
  installShortcuts({
    active: () => !$('results').hidden && view.review !== undefined,
    order: () => view.order(),
    selected: () => view.selected(),
    select: (key) => {
      view.select(key);
    },
    accept: (key) => view.review?.accept(key),
    reject: (key) => {
      view.review?.reject(key);
      document.getElementById(`reason-${key}`)?.focus();
    },
    undo: (key) => view.review?.undo(key),
    step: (delta) => {
      const next = currentIndex + delta;
      const o = opened[next];
      if (o?.result !== undefined || o?.error !== undefined) {
        openAt(next);
        $('results').focus();
      }
    },
    finish: () => {
      view.review?.finish();
      say(`Review finished: ${codeLine(view.review?.reviewedCodes() ?? []) || 'no codes'}.`);
      const next = opened.findIndex((o, i) => i > currentIndex && o.result !== undefined);
      if (next >= 0) {
        openAt(next);
        $('results').focus();
      }
    },
    submitNote: () => void submit(),
  });
}

async function start(): Promise<void> {
  wireInput();
  wireResults(view, {
    say,
    handleError,
    step: (delta) => {
      openAt(currentIndex + delta);
    },
  });
  wireExports();
  wireSearch(api, view, handleError);
  $('api-key').addEventListener('change', (e) => {
    api.setKey((e.target as HTMLInputElement).value.trim());
  });
  wireKeys();
  try {
    const ready = await api.ready();
    $('server-info').textContent =
      `Code set: ${codeSetLabel(ready.codeSet)}; default threshold ${ready.operatingThreshold.toFixed(2)}.`;
    if (!(await api.keyAccepted())) {
      $('key-row').hidden = false;
    }
  } catch (err) {
    $('server-info').textContent =
      `The server is not ready: ${err instanceof Error ? err.message : 'unknown'}`;
  }
}

void start();
