import type { DetectResult, Note } from '../core/types.js';
import type { JobOptions, JobView, NoteOutcome } from '../jobs/job-types.js';

/** A problem+json answer, kept whole so the page can say what went wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** A hit of `/v1/codes?q=`: `matched.field` is `code` for the code typed itself. */
export interface CodeHit {
  readonly code: string;
  readonly system: string;
  readonly title: string;
  readonly billable: boolean;
  readonly matched: { readonly field: string; readonly text: string };
}

/** A job as `GET /v1/jobs/{id}` returns it. */
export interface JobPage extends JobView {
  readonly results: readonly NoteOutcome[];
  readonly nextCursor?: string;
}

/**
 * The job API from the browser. The API key lives only in this object (memory of this tab): never in
 * storage, never in a URL. Note text goes only into request bodies.
 */
export class ApiClient {
  private key: string | undefined;

  setKey(key: string | undefined): void {
    this.key = key === '' ? undefined : key;
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    if (this.key !== undefined) {
      headers.set('authorization', `Bearer ${this.key}`);
    }
    if (init.body !== undefined) {
      headers.set('content-type', 'application/json');
    }
    const res = await fetch(path, { ...init, headers });
    if (res.status === 204) {
      return undefined as T;
    }
    const body = (await res.json().catch(() => ({}))) as T & { code?: string; detail?: string };
    if (!res.ok) {
      throw new ApiError(res.status, body.code ?? 'HTTP_ERROR', body.detail ?? res.statusText);
    }
    return body;
  }

  ready(): Promise<{ codeSet: string; operatingThreshold: number; backend: string }> {
    return this.call('/readyz');
  }

  /** True when `/v1` answers without a key (or with the current one). */
  async keyAccepted(): Promise<boolean> {
    try {
      await this.call('/v1/codes/I10');
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        return false;
      }
      throw err;
    }
  }

  detect(note: Note, options: JobOptions): Promise<DetectResult> {
    return this.call('/v1/detect', { method: 'POST', body: JSON.stringify({ note, options }) });
  }

  submit(notes: readonly Note[], options: JobOptions): Promise<JobView> {
    return this.call('/v1/jobs', { method: 'POST', body: JSON.stringify({ notes, options }) });
  }

  job(id: string, cursor?: string): Promise<JobPage> {
    const query =
      cursor === undefined ? '?limit=1000' : `?limit=1000&cursor=${encodeURIComponent(cursor)}`;
    return this.call(`/v1/jobs/${encodeURIComponent(id)}${query}`);
  }

  code(code: string, system: string): Promise<{ codes: Record<string, unknown>[] }> {
    return this.call(`/v1/codes/${encodeURIComponent(code)}?system=${encodeURIComponent(system)}`);
  }

  search(q: string): Promise<{ hits: CodeHit[] }> {
    return this.call(`/v1/codes?q=${encodeURIComponent(q)}&limit=15`);
  }
}
