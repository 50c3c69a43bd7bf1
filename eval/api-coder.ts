import { createError } from '../src/core/errors.js';
import type { DetectResult, Rules, Setting, Suggestion } from '../src/core/types.js';
import type { LabeledNote } from './datasets/dataset-types.js';
import type { NoteCoder } from './run-eval.js';

/** Options of {@link apiCoder}. */
export interface ApiCoderOptions {
  /** Base URL of a running `notecoder serve`, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly apiKey?: string | undefined;
  /** Overrides each note's own setting. */
  readonly setting?: Setting | undefined;
  /** false → the server codes without its ONNX tagger (`--no-tagger`). */
  readonly tagger?: boolean;
  /** Which coding rules the server applies (`--rules`). */
  readonly rules?: Rules | undefined;
  /** Notes per submitted job. */
  readonly jobSize?: number;
}

interface JobPage {
  id: string;
  status: string;
  progress: { done: number; total: number };
  results: { noteId: string; status: string; result?: DetectResult }[];
  nextCursor?: string;
}

/**
 * Evaluates a running server through its public job API (`notecoder eval --api URL`): the notes are
 * submitted as jobs with threshold 0 (every candidate, so ranking metrics see the full list), polled,
 * and paged back. The operating threshold comes from the server's `/readyz`.
 */
export async function apiCoder(options: ApiCoderOptions): Promise<NoteCoder> {
  const base = options.url.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey !== undefined) {
    headers.authorization = `Bearer ${options.apiKey}`;
  }
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { ...init, headers });
    } catch (err) {
      throw createError('FETCH_FAILED', `cannot reach ${base}`, { url: base }, err);
    }
    const body = (await res.json().catch(() => ({}))) as T & { code?: string; detail?: string };
    if (!res.ok) {
      throw createError(
        'FETCH_FAILED',
        `${init.method ?? 'GET'} ${path} answered ${String(res.status)} ${body.code ?? ''}: ${body.detail ?? ''}`,
        { url: base, status: res.status },
      );
    }
    return body;
  };
  const ready = await call<{ operatingThreshold?: number; codeSet?: string }>('/readyz');
  const jobSize = options.jobSize ?? 1000;
  let detector = 'api';
  return {
    get name() {
      return detector;
    },
    ...(ready.operatingThreshold === undefined ? {} : { threshold: ready.operatingThreshold }),
    async code(notes: readonly LabeledNote[], onProgress) {
      const out = new Map<string, readonly Suggestion[]>();
      let finished = 0;
      for (let i = 0; i < notes.length; i += jobSize) {
        const batch = notes.slice(i, i + jobSize);
        const job = await call<JobPage>('/v1/jobs', {
          method: 'POST',
          body: JSON.stringify({
            notes: batch.map((n) => {
              const setting = options.setting ?? n.setting;
              return { id: n.id, text: n.text, ...(setting === undefined ? {} : { setting }) };
            }),
            options: {
              threshold: 0,
              ...(options.tagger === false ? { tagger: false } : {}),
              ...(options.rules === undefined ? {} : { rules: options.rules }),
            },
          }),
        });
        let page = job;
        while (page.status === 'queued' || page.status === 'running') {
          onProgress(finished + page.progress.done, notes.length);
          await new Promise((r) => setTimeout(r, 200));
          page = await call<JobPage>(`/v1/jobs/${job.id}?limit=1000`);
        }
        for (;;) {
          for (const r of page.results) {
            // A note the server refused (empty, too long) predicts nothing; the rest still count.
            out.set(r.noteId, r.result?.suggestions ?? []);
            if (r.result !== undefined) {
              detector = `${r.result.versions.detector}${options.rules === 'mentions' ? '+rules=mentions' : ''} via ${base}`;
            }
          }
          if (page.nextCursor === undefined) {
            break;
          }
          page = await call<JobPage>(`/v1/jobs/${job.id}?limit=1000&cursor=${page.nextCursor}`);
        }
        await call(`/v1/jobs/${job.id}?purge=true`, { method: 'DELETE' }).catch(() => undefined);
        finished += batch.length;
        onProgress(finished, notes.length);
      }
      return out;
    },
  };
}
