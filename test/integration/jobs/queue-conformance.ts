import { describe, expect, it, afterEach } from 'vitest';
import { isNotecoderError } from '../../../src/core/errors.js';
import type { JobQueue } from '../../../src/jobs/job-queue.js';
import type { JobNote, JobView, NoteOutcome } from '../../../src/jobs/job-types.js';
import { until } from '../../helpers/fixture-pipeline.js';
import { runReviewConformance } from './review-conformance.js';

/** One backend under test: a fresh queue whose processing can be paused, and its teardown. */
export interface QueueHarness {
  readonly queue: JobQueue;
  pause: () => void;
  resume: () => void;
  /** Closes this queue and its processing and opens a new one over the same store. */
  reopen(): Promise<JobQueue>;
  /** Raw text of everything the store keeps (to prove encrypted notes are not readable). */
  dump(): Promise<string>;
  close(): Promise<void>;
}

/** Options a harness factory receives. */
export interface HarnessOptions {
  readonly chunkSize: number;
  readonly encrypt?: boolean;
  /** How long finished results are kept (default one hour). */
  readonly resultTtlMs?: number;
}

/** The tenant every single-tenant test submits as. */
const T = 'tenant-a';

const FINAL = new Set(['succeeded', 'partially_succeeded', 'failed', 'cancelled']);

const notes = (n: number, prefix = 'n'): JobNote[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i)}`,
    text:
      i % 3 === 0
        ? 'CT chest with 3D rendering on the scanner console. Impression: no evidence of hypertension.'
        : 'Assessment: type 2 diabetes mellitus with hyperglycemia. Essential hypertension.',
  }));

async function finished(queue: JobQueue, id: string): Promise<JobView> {
  return until(
    async () => {
      const job = await queue.get(id, T);
      return job && FINAL.has(job.status) ? job : undefined;
    },
    60_000,
    `job ${id} to finish`,
  );
}

async function allResults(queue: JobQueue, id: string, limit: number): Promise<NoteOutcome[]> {
  const out: NoteOutcome[] = [];
  let cursor = 0;
  for (;;) {
    const page = await queue.results(id, T, cursor, limit);
    if (page === undefined) {
      throw new Error('job vanished');
    }
    out.push(...page.items);
    if (page.nextCursor === undefined) {
      return out;
    }
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor;
  }
}

/**
 * The JobQueue contract, run against every backend (the Hono pattern). Real pipeline, real store.
 * @param name - backend name in test titles
 * @param newHarness - creates a fresh, isolated queue
 */
export function runQueueConformance(
  name: string,
  newHarness: (options: HarnessOptions) => Promise<QueueHarness>,
): void {
  describe(`JobQueue conformance: ${name}`, () => {
    let harness: QueueHarness | undefined;
    const open = async (options: HarnessOptions = { chunkSize: 4 }): Promise<QueueHarness> => {
      harness = await newHarness(options);
      return harness;
    };
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    it('accepts a job as queued, processes every note once, in submission order', async () => {
      const { queue } = await open();
      const batch = notes(10);
      const { job, created } = await queue.submit({ notes: batch, options: {} }, T);
      expect(created).toBe(true);
      expect(job.status).toBe('queued');
      expect(job.progress).toEqual({ done: 0, failed: 0, total: 10 });
      expect(Date.parse(job.expiresAt)).toBeGreaterThan(Date.parse(job.createdAt));
      const done = await finished(queue, job.id);
      expect(done.status).toBe('succeeded');
      expect(done.progress).toEqual({ done: 10, failed: 0, total: 10 });
      expect(done.startedAt).toBeDefined();
      expect(done.finishedAt).toBeDefined();
      const results = await allResults(queue, job.id, 100);
      expect(results.map((r) => r.noteId)).toEqual(batch.map((n) => n.id));
      const ct = results[0]?.result;
      expect(ct?.suggestions.map((s) => s.code)).toContain('76376');
      expect(ct?.suppressed.find((s) => s.code === 'I10')?.reason).toBe('negated');
    });

    it('fails a bad note alone (partially_succeeded), and a job of bad notes entirely', async () => {
      const { queue } = await open();
      const mixed = await queue.submit(
        {
          notes: [...notes(2), { id: 'empty', text: '   ' }],
          options: {},
        },
        T,
      );
      const job = await finished(queue, mixed.job.id);
      expect(job.status).toBe('partially_succeeded');
      expect(job.progress).toEqual({ done: 3, failed: 1, total: 3 });
      const results = await allResults(queue, job.id, 10);
      expect(results[2]).toMatchObject({
        noteId: 'empty',
        status: 'failed',
        error: { code: 'NOTE_EMPTY' },
      });
      expect(results[0]?.status).toBe('succeeded');
      const bad = await queue.submit({ notes: [{ id: 'e', text: '' }], options: {} }, T);
      expect((await finished(queue, bad.job.id)).status).toBe('failed');
    });

    it('applies job options: threshold and systems', async () => {
      const { queue } = await open();
      const { job } = await queue.submit(
        {
          notes: notes(1),
          options: { systems: ['CPT'], threshold: 0 },
        },
        T,
      );
      await finished(queue, job.id);
      const [r] = await allResults(queue, job.id, 10);
      expect(r?.result?.suggestions.length).toBeGreaterThan(0);
      expect(r?.result?.suggestions.every((s) => s.system === 'CPT')).toBe(true);
    });

    it('pages results with a cursor: every note exactly once', async () => {
      const { queue } = await open({ chunkSize: 7 });
      const { job } = await queue.submit({ notes: notes(60), options: {} }, T);
      await finished(queue, job.id);
      const results = await allResults(queue, job.id, 25);
      expect(results).toHaveLength(60);
      expect(new Set(results.map((r) => r.noteId)).size).toBe(60);
      expect(await queue.results(job.id, T, 60, 25)).toEqual({ items: [] });
    });

    it('returns the same job for the same Idempotency-Key and body, 409 for another body', async () => {
      const { queue } = await open();
      const submission = { notes: notes(2), options: {} };
      const first = await queue.submit(submission, 'a', {
        idempotencyKey: 'k-1',
        fingerprint: 'f1',
      });
      const again = await queue.submit(submission, 'a', {
        idempotencyKey: 'k-1',
        fingerprint: 'f1',
      });
      expect(again.created).toBe(false);
      expect(again.job.id).toBe(first.job.id);
      const conflict = await queue
        .submit(submission, 'a', { idempotencyKey: 'k-1', fingerprint: 'f2' })
        .catch((err: unknown) => err);
      expect(isNotecoderError(conflict, 'IDEMPOTENCY_CONFLICT')).toBe(true);
      const otherOwner = await queue.submit(submission, 'b', {
        idempotencyKey: 'k-1',
        fingerprint: 'f2',
      });
      expect(otherOwner.created).toBe(true);
      expect(otherOwner.job.id).not.toBe(first.job.id);
    });

    it('stores a large job without holding the loop; it appears whole, once per Idempotency-Key', async () => {
      const h = await open({ chunkSize: 100 });
      h.pause();
      const big = { notes: notes(2000), options: {} };
      const key = { idempotencyKey: 'k-big', fingerprint: 'f' };
      const state = { settled: false };
      const both = Promise.all([h.queue.submit(big, T, key), h.queue.submit(big, T, key)]);
      void both.finally(() => (state.settled = true));
      // The notes are stored in batches: other calls are answered meanwhile, and see no job or all of it.
      let answeredEmpty = 0;
      while (!state.settled) {
        const { items } = await h.queue.list(T, undefined, 10);
        expect(items.map((j) => j.progress.total)).toEqual(items.length === 0 ? [] : [2000]);
        answeredEmpty += items.length === 0 ? 1 : 0;
        // A turn of the event loop, as between two HTTP requests (the embedded list needs none).
        await new Promise((r) => setTimeout(r, 1));
      }
      expect(answeredEmpty).toBeGreaterThan(0);
      const [a, b] = await both;
      expect(b.job.id).toBe(a.job.id);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect((await h.queue.list(T, undefined, 10)).items).toHaveLength(1);
      h.resume();
      await finished(h.queue, a.job.id);
      const results = await allResults(h.queue, a.job.id, 1000);
      expect(results.map((r) => r.noteId)).toEqual(big.notes.map((n) => n.id));
    }, 120_000);

    it('keeps tenants apart: read, list, results, cancel, purge and idempotency', async () => {
      const h = await open({ chunkSize: 2 });
      h.pause();
      const a = await h.queue.submit({ notes: notes(6), options: {} }, 'tenant-a', {
        idempotencyKey: 'same-key',
        fingerprint: 'fa',
      });
      // The same Idempotency-Key in another tenant, even with another body, is a new job (no 409 oracle).
      const b = await h.queue.submit({ notes: notes(2, 'b'), options: {} }, 'tenant-b', {
        idempotencyKey: 'same-key',
        fingerprint: 'fb',
      });
      expect(b.created).toBe(true);
      expect(b.job.id).not.toBe(a.job.id);
      const id = a.job.id;
      for (const other of ['tenant-b', 'tenant-c', '']) {
        expect(await h.queue.get(id, other), other).toBeUndefined();
        expect(await h.queue.results(id, other, 0, 10), other).toBeUndefined();
        expect(await h.queue.cancel(id, other), other).toBeUndefined();
        expect(await h.queue.purge(id, other), other).toBe(false);
      }
      const listed = async (tenant: string): Promise<string[]> =>
        (await h.queue.list(tenant, undefined, 100)).items.map((j) => j.id);
      expect(await listed('tenant-a')).toEqual([id]);
      expect(await listed('tenant-b')).toEqual([b.job.id]);
      expect(await listed('tenant-c')).toEqual([]);
      // Nothing another tenant did touched the job: it runs to the end for its owner.
      h.resume();
      expect((await finished(h.queue, id)).status).toBe('succeeded');
      expect(await allResults(h.queue, id, 4)).toHaveLength(6);
      const replay = await h.queue.submit({ notes: notes(6), options: {} }, 'tenant-a', {
        idempotencyKey: 'same-key',
        fingerprint: 'fa',
      });
      expect(replay).toMatchObject({ created: false, job: { id } });
      expect(await h.queue.purge(id, 'tenant-a')).toBe(true);
      expect(await listed('tenant-a')).toEqual([]);
      expect(await h.queue.get(b.job.id, 'tenant-b')).toBeDefined();
    });

    it("lists a tenant's jobs newest first, paged with a cursor", async () => {
      const { queue } = await open();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        ids.push((await queue.submit({ notes: notes(1), options: {} }, 'lister')).job.id);
      }
      await queue.submit({ notes: notes(1), options: {} }, 'someone-else');
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queue.list('lister', cursor, 2);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((j) => j.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect([...seen].sort()).toEqual([...ids].sort());
      const created = await Promise.all(
        seen.map(async (id) => Date.parse((await queue.get(id, 'lister'))?.createdAt ?? '')),
      );
      expect(created).toEqual([...created].sort((x, y) => y - x));
      const bad = await queue.list('lister', 'not-a-cursor', 2).catch((err: unknown) => err);
      expect(isNotecoderError(bad, 'INVALID_CURSOR')).toBe(true);
    });

    it('cancels: queued notes are not processed, the status stays cancelled', async () => {
      const h = await open({ chunkSize: 2 });
      h.pause();
      const { job } = await h.queue.submit({ notes: notes(40), options: {} }, T);
      await until(async () =>
        (await h.queue.get(job.id, T))?.status === 'running' ? true : undefined,
      );
      const cancelled = await h.queue.cancel(job.id, T);
      expect(cancelled?.status).toBe('cancelled');
      h.resume();
      await new Promise((r) => setTimeout(r, 500));
      const after = await h.queue.get(job.id, T);
      expect(after?.status).toBe('cancelled');
      expect(after?.progress.done).toBeLessThan(40);
      const results = await allResults(h.queue, job.id, 100);
      expect(results.length).toBe(after?.progress.done);
      expect(await h.queue.cancel('job_doesnotexistxxxxxxxx', T)).toBeUndefined();
    });

    it('purges a job and its results', async () => {
      const { queue } = await open();
      const { job } = await queue.submit({ notes: notes(3), options: {} }, T);
      await finished(queue, job.id);
      expect(await queue.purge(job.id, T)).toBe(true);
      expect(await queue.get(job.id, T)).toBeUndefined();
      expect(await queue.results(job.id, T, 0, 10)).toBeUndefined();
      expect(await queue.purge(job.id, T)).toBe(false);
    });

    it('answers one note synchronously through the workers, a bad one with its error', async () => {
      const { queue } = await open();
      const ok = await queue.detect(
        { id: 'd1', text: '68 yo F with T2DM and CKD stage 3a, HTN' },
        { setting: 'outpatient' },
        30_000,
      );
      expect(ok.status).toBe('succeeded');
      expect(ok.result?.noteId).toBe('d1');
      const bad = await queue.detect({ id: 'd2', text: '' }, {}, 30_000);
      expect(bad).toMatchObject({ status: 'failed', error: { code: 'NOTE_EMPTY' } });
    });

    it('counts jobs by status and queued notes', async () => {
      const h = await open();
      const { job } = await h.queue.submit({ notes: notes(3), options: {} }, T);
      await finished(h.queue, job.id);
      h.pause();
      await h.queue.submit({ notes: notes(8), options: {} }, T);
      const stats = await until(async () => {
        const s = await h.queue.stats();
        return s.jobs.succeeded >= 1 && s.queuedNotes > 0 ? s : undefined;
      });
      expect(stats.jobs.queued + stats.jobs.running).toBe(1);
      expect(stats.processedNotes).toBeGreaterThanOrEqual(3);
      expect(await h.queue.ready()).toBe(true);
      h.resume();
    });

    it('loses no accepted job across a restart: it completes, every note exactly once', async () => {
      const h = await open({ chunkSize: 3 });
      h.pause();
      const { job } = await h.queue.submit({ notes: notes(30), options: {} }, T);
      await until(async () =>
        (await h.queue.get(job.id, T))?.status === 'running' ? true : undefined,
      );
      const reopened = await h.reopen();
      h.resume();
      const done = await finished(reopened, job.id);
      expect(done.status).toBe('succeeded');
      expect(done.progress.done).toBe(30);
      const results = await allResults(reopened, job.id, 100);
      expect(results.map((r) => r.noteId)).toEqual(notes(30).map((n) => n.id));
    });

    it('deletes a finished job and its results once it expires', async () => {
      const { queue } = await open({ chunkSize: 4, resultTtlMs: 1500 });
      const { job } = await queue.submit({ notes: notes(3), options: {} }, T);
      const done = await finished(queue, job.id);
      const ttl = Date.parse(done.expiresAt) - Date.parse(done.finishedAt ?? '');
      expect(ttl).toBe(1500);
      expect((await queue.results(job.id, T, 0, 10))?.items).toHaveLength(3);
      await until(
        async () => ((await queue.get(job.id, T)) === undefined ? true : undefined),
        15_000,
        'expiry',
      );
      expect(await queue.results(job.id, T, 0, 10)).toBeUndefined();
    });

    it('keeps note text encrypted at rest when a key is set', async () => {
      const h = await open({ chunkSize: 4, encrypt: true });
      h.pause();
      const marker = 'ZEBRA-MARKER-7741';
      const { job } = await h.queue.submit(
        {
          notes: [{ id: 'x', text: `Patient ${marker} has essential hypertension.` }, ...notes(4)],
          options: {},
        },
        T,
      );
      const stored = await h.dump();
      expect(stored).not.toContain(marker);
      h.resume();
      const done = await finished(h.queue, job.id);
      expect(done.status).toBe('succeeded');
      const [first] = await allResults(h.queue, job.id, 1);
      expect(first?.result?.suggestions.map((s) => s.code)).toContain('I10');
    });

    it('keeps only redacted text once a redact: true job is done', async () => {
      const h = await open({ chunkSize: 2 });
      const planted = ['Ottoline Brackenbury', '11/23/1939', '61200458', '(508) 555-0163'];
      const { job } = await h.queue.submit(
        {
          notes: [
            {
              id: 'r',
              text: `Patient: ${planted[0] ?? ''}\nDOB: ${planted[1] ?? ''}\nMRN: ${planted[2] ?? ''}\nPhone: ${planted[3] ?? ''}\nAssessment: essential hypertension.`,
            },
            ...notes(3),
          ],
          options: { redact: true },
        },
        T,
      );
      expect((await finished(h.queue, job.id)).status).toBe('succeeded');
      const [first] = await allResults(h.queue, job.id, 10);
      expect(first?.result?.suggestions.map((s) => s.code)).toContain('I10');
      expect(first?.result?.redacted?.text).toContain('Patient: [NAME]');
      const stored = `${await h.dump()}${JSON.stringify(first)}`;
      for (const value of planted) {
        expect(stored, value).not.toContain(value);
      }
    });
  });
  runReviewConformance(name, newHarness);
}
