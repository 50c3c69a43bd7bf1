import { afterEach, describe, expect, it } from 'vitest';
import { isNotecoderError } from '../../../src/core/errors.js';
import type { JobQueue } from '../../../src/jobs/job-queue.js';
import type { JobView } from '../../../src/jobs/job-types.js';
import type { ReviewContent } from '../../../src/jobs/review-types.js';
import { until } from '../../helpers/fixture-pipeline.js';
import type { HarnessOptions, QueueHarness } from './queue-conformance.js';

const A = 'tenant-a';
const FINAL = new Set(['succeeded', 'partially_succeeded', 'failed', 'cancelled']);
const TEXT = 'Assessment: type 2 diabetes mellitus with hyperglycemia. Essential hypertension.';

async function finishedJob(queue: JobQueue, tenant = A, text = TEXT): Promise<JobView> {
  const { job } = await queue.submit({ notes: [{ id: 'n1', text }], options: {} }, tenant);
  return until(
    async () => {
      const j = await queue.get(job.id, tenant);
      return j && FINAL.has(j.status) ? j : undefined;
    },
    60_000,
    'job to finish',
  );
}

const first: ReviewContent = {
  decisions: [
    { system: 'ICD-10-CM', code: 'E11.65', decision: 'accepted' },
    { system: 'ICD-10-CM', code: 'I10', decision: 'rejected', reason: 'REASON-MARKER-5521' },
  ],
  added: [{ system: 'ICD-10-CM', code: 'Z79.4' }],
  note: 'check insulin',
  text: `TEXT-MARKER-9917 ${TEXT}`,
};

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isNotecoderError(err) ? err.code : String(err);
  }
  return 'no error';
}

/** The review half of the JobQueue contract, run against every backend by runQueueConformance. */
export function runReviewConformance(
  name: string,
  newHarness: (options: HarnessOptions) => Promise<QueueHarness>,
): void {
  describe(`JobQueue review conformance: ${name}`, () => {
    let harness: QueueHarness | undefined;
    const open = async (options: HarnessOptions = { chunkSize: 4 }): Promise<QueueHarness> => {
      harness = await newHarness(options);
      return harness;
    };
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    it('saves a review, reads it back with its audit trail, and keeps it across a restart', async () => {
      const h = await open({ chunkSize: 4, encrypt: true });
      const job = await finishedJob(h.queue);
      expect(await h.queue.getReview(job.id, A, 'n1')).toMatchObject({ version: 0, audit: [] });
      const saved = await h.queue.saveReview(job.id, A, 'n1', first, 0, 'key_aaaa1111');
      expect(saved?.version).toBe(1);
      expect(saved?.audit).toHaveLength(1);
      expect(saved?.audit[0]?.by).toBe('key_aaaa1111');
      expect(saved?.audit[0]?.changes).toEqual([
        'accepted ICD-10-CM E11.65',
        'rejected ICD-10-CM I10 with a reason',
        'added ICD-10-CM Z79.4',
        'note changed',
        'note text saved',
      ]);
      const dump = await h.dump();
      expect(dump).not.toContain('REASON-MARKER-5521');
      expect(dump).not.toContain('TEXT-MARKER-9917');
      const queue = await h.reopen();
      const read = await queue.getReview(job.id, A, 'n1');
      expect(read).toMatchObject({ version: 1, decisions: first.decisions, text: first.text });
      expect((await queue.reviews(job.id, A))?.map((r) => r.noteId)).toEqual(['n1']);
    });

    it('refuses a write against a stale version (REVIEW_CONFLICT) and appends each change', async () => {
      const { queue } = await open();
      const job = await finishedJob(queue);
      await queue.saveReview(job.id, A, 'n1', first, 0, 'key_1');
      expect(await errorCode(queue.saveReview(job.id, A, 'n1', first, 0, 'key_2'))).toBe(
        'REVIEW_CONFLICT',
      );
      const second: ReviewContent = { ...first, decisions: first.decisions.slice(0, 1) };
      const saved = await queue.saveReview(job.id, A, 'n1', second, 1, 'key_2');
      expect(saved?.version).toBe(2);
      expect(saved?.audit.map((a) => a.changes)).toEqual([
        expect.any(Array),
        ['decision undone for ICD-10-CM I10'],
      ]);
      expect(await errorCode(queue.saveReview(job.id, A, 'n1', second, 1, 'key_1'))).toBe(
        'REVIEW_CONFLICT',
      );
    });

    it('opens review only once the job has finished', async () => {
      const h = await open();
      h.pause();
      const { job } = await h.queue.submit({ notes: [{ id: 'n1', text: TEXT }], options: {} }, A);
      expect(await errorCode(h.queue.saveReview(job.id, A, 'n1', first, 0, 'k'))).toBe(
        'REVIEW_NOT_OPEN',
      );
      h.resume();
    });

    it("keeps tenants apart: another tenant's job has no reviews to read, write or export", async () => {
      const { queue } = await open();
      const job = await finishedJob(queue);
      const since = Date.now() - 1000;
      await queue.saveReview(job.id, A, 'n1', first, 0, 'key_a');
      expect(await queue.getReview(job.id, 'tenant-b', 'n1')).toBeUndefined();
      expect(await queue.saveReview(job.id, 'tenant-b', 'n1', first, 1, 'key_b')).toBeUndefined();
      expect(await queue.reviews(job.id, 'tenant-b')).toBeUndefined();
      expect(await queue.reviewsSince('tenant-b', since)).toEqual([]);
      expect((await queue.reviewsSince(A, since)).map((r) => r.review.jobId)).toEqual([job.id]);
      expect(await queue.reviewsSince(A, Date.now() + 60_000)).toEqual([]);
      expect((await queue.jobReviews(job.id, undefined))?.length).toBe(1);
    });

    it('purges reviews with their job', async () => {
      const h = await open();
      const queue = h.queue;
      const job = await finishedJob(queue);
      const since = Date.now() - 1000;
      await queue.saveReview(job.id, A, 'n1', first, 0, 'key_a');
      expect(await queue.purge(job.id, A)).toBe(true);
      expect(await queue.getReview(job.id, A, 'n1')).toBeUndefined();
      expect(await queue.reviewsSince(A, since)).toEqual([]);
      expect(await queue.jobReviews(job.id, undefined)).toBeUndefined();
      expect(await h.dump()).not.toContain('check insulin');
    });

    it('expires reviews with their job', async () => {
      const h = await open({ chunkSize: 4, resultTtlMs: 1500 });
      const job = await finishedJob(h.queue);
      const since = Date.now() - 1000;
      await h.queue.saveReview(job.id, A, 'n1', first, 0, 'key_a');
      expect(await h.queue.reviewsSince(A, since)).toHaveLength(1);
      await until(
        async () => ((await h.queue.get(job.id, A)) === undefined ? true : undefined),
        15_000,
        'expiry',
      );
      expect(await h.queue.getReview(job.id, A, 'n1')).toBeUndefined();
      expect(await h.queue.reviewsSince(A, since)).toEqual([]);
      expect(await h.queue.reviewsSince(undefined, since)).toEqual([]);
      // The expiry sweep scrubs the storage after it deletes the job (its notes go in batches, then
      // the files are rewritten): on a loaded machine the job is gone a moment before the text is.
      await until(
        async () => ((await h.dump()).includes('check insulin') ? undefined : true),
        15_000,
        'the review text scrubbed from storage after expiry',
      );
    });
  });
}
