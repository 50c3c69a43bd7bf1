import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturePipeline, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { createPace } from '../../helpers/pace.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { listeningUrl, spawnCli, type CliProcess } from '../../helpers/spawn-cli.js';

// Long notes (the tagger runs on each), so a chunk of 5 takes a while and a crash lands in the middle
// of a job. Every job has 100 notes — 20 chunks — and every fault strikes with most of them still to do.
const N = 100;
const CHUNK = 5;
const LOCK_MS = 2000;
// Waits scale with this machine's measured pace (process starts, gaps between finished chunks): no
// fixed timeout to hit on a loaded machine, and a stuck job still fails once nothing moves.
const pace = createPace();
// The waits above are the real guard; this only stops a wait loop that never returns.
const TEST_CAP_MS = 20 * 60_000;
const PARAGRAPH =
  'Assessment: type 2 diabetes mellitus with hyperglycemia, essential hypertension, chronic kidney disease stage 3a. ' +
  'CT chest with 3D rendering on the scanner console. No evidence of fracture of the neck of the left femur. ';
const note = (i: number): { id: string; text: string } => ({
  id: `note-${String(i)}`,
  text: PARAGRAPH.repeat(40),
});

interface JobBody {
  id: string;
  status: string;
  progress: { done: number; total: number; failed: number };
  results: { noteId: string; status: string }[];
  nextCursor?: string;
}

async function submit(url: string, n: number): Promise<string> {
  const res = await fetch(`${url}/v1/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ notes: Array.from({ length: n }, (_, i) => note(i)) }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function getJob(url: string, id: string, cursor?: string): Promise<JobBody> {
  const res = await fetch(`${url}/v1/jobs/${id}?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
  return (await res.json()) as JobBody;
}

/** Notes done (or failed) so far; a failed read counts as no progress. */
async function doneSoFar(url: string, id: string): Promise<number> {
  const { progress } = await getJob(url, id);
  return progress.done + progress.failed;
}

/**
 * Waits for the job to finish while its notes keep completing, then checks every note is there
 * exactly once, in order.
 * @param recoveryMs - extra allowance before the first note completes (a restart, a lock to expire)
 */
async function finishedWithAll(
  url: string,
  id: string,
  n: number,
  recoveryMs = 0,
): Promise<JobBody> {
  const job = await pace.untilProgress(
    `job ${id} to finish`,
    () => doneSoFar(url, id),
    async () => {
      try {
        const j = await getJob(url, id);
        return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
      } catch {
        return undefined;
      }
    },
    recoveryMs,
  );
  const ids: string[] = [];
  let page: JobBody = job;
  for (;;) {
    ids.push(...page.results.map((r) => r.noteId));
    if (page.nextCursor === undefined) {
      break;
    }
    page = await getJob(url, id, page.nextCursor);
  }
  // Every note exactly once, in order: none lost, none duplicated.
  expect(ids).toEqual(Array.from({ length: n }, (_, i) => `note-${String(i)}`));
  return job;
}

/** Waits until at least `k` notes of the job are done, and returns how many are. */
function reached(url: string, id: string, k: number): Promise<number> {
  return pace.untilProgress(
    `${String(k)} notes of job ${id}`,
    () => doneSoFar(url, id),
    (done) => (done >= k ? done : undefined),
  );
}

async function processedTotal(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/notecoder_notes_processed_total (\d+)/.exec(text)?.[1] ?? NaN);
}

let t: { dir: string; cleanup: () => void };
let fixture: FixturePipeline;
const procs: CliProcess[] = [];
beforeAll(() => {
  t = tempDir();
  fixture = fixturePipeline(t.dir);
});
afterAll(() => {
  t.cleanup();
});
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.kill9()));
});
const spawnTracked = (args: string[], env: Record<string, string>): CliProcess => {
  const p = spawnCli(args, env);
  procs.push(p);
  return p;
};

describe('fault tolerance (real processes, real redis-server)', () => {
  let redis: TestRedis | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  /** An API process and `workers` worker processes (one thread each) on a redis-server of this test. */
  const cluster = async (
    workers: number,
    persistentDir?: string,
  ): Promise<{ url: string; workers: CliProcess[]; redis: TestRedis }> => {
    const r = await startRedis(persistentDir ?? t.dir, persistentDir !== undefined);
    redis = r;
    const env = {
      ...fixture.env,
      REDIS_URL: r.url,
      NOTECODER_LOCK_MS: String(LOCK_MS),
      NOTECODER_CHUNK_SIZE: String(CHUNK),
      NOTECODER_WORKER_THREADS: '1',
    };
    const api = spawnTracked(['serve', '--port', '0'], env);
    const procs = Array.from({ length: workers }, () =>
      spawnTracked(['worker', '--concurrency', '1'], env),
    );
    const limit = pace.startMs();
    const url = await pace.timed(() => listeningUrl(api, limit));
    await pace.timed(() => Promise.all(procs.map((w) => w.waitFor(/worker started/, limit))));
    return { url, workers: procs, redis: r };
  };

  it(
    'kill -9 of a worker mid-batch: another worker completes it, every note exactly once',
    async () => {
      const {
        url,
        workers: [victim, survivor],
      } = await cluster(2);
      if (victim === undefined || survivor === undefined) {
        throw new Error('workers did not start');
      }
      const n = N;
      const id = await submit(url, n);
      await reached(url, id, 10);
      await victim.kill9();
      const before = (await getJob(url, id)).progress.done;
      expect(before).toBeLessThan(n / 2);
      // The victim's chunk comes back once its lock expires and the stalled check runs.
      const job = await finishedWithAll(url, id, n, 2 * LOCK_MS);
      expect(job.status).toBe('succeeded');
      expect(job.progress).toEqual({ done: n, failed: 0, total: n });
      expect(await processedTotal(url)).toBe(n);
      // The victim held a chunk when it died: BullMQ saw it stall and handed it to the survivor.
      expect(survivor.output()).toMatch(/queue job stalled, retrying/);
    },
    TEST_CAP_MS,
  );

  it(
    'SIGTERM of a worker mid-batch: it finishes what it holds and exits 0; the other completes the job',
    async () => {
      const {
        url,
        workers: [leaving, staying],
      } = await cluster(2);
      if (leaving === undefined || staying === undefined) {
        throw new Error('workers did not start');
      }
      const n = N;
      const id = await submit(url, n);
      // The signal goes in with most of the job still to do. Progress is read at the signal, not after
      // the exit: the other worker keeps going while this one drains, and on a loaded machine the drain
      // can outlast half the job.
      expect(await reached(url, id, 10)).toBeLessThan(n / 2);
      expect(await leaving.stop()).toBe(0);
      expect(leaving.output()).toMatch(/"msg":"shutting down","signal":"SIGTERM"/);
      const job = await finishedWithAll(url, id, n);
      expect(job.status).toBe('succeeded');
      expect(await processedTotal(url)).toBe(n);
      // Nothing was left locked: no chunk had to wait for a stalled-lock handover.
      expect(staying.output()).not.toMatch(/stalled/);
    },
    TEST_CAP_MS,
  );

  it(
    'Redis down: /readyz fails, submissions get 503 + Retry-After; back up: the accepted job completes',
    async () => {
      const dir = tempDir();
      const { url, redis: r } = await cluster(1, dir.dir);
      const n = N;
      const id = await submit(url, n);
      expect(await reached(url, id, 1)).toBeLessThan(n / 2);
      await r.stop();
      await pace.until('/readyz to fail', async () =>
        (await fetch(`${url}/readyz`)).status === 503 ? true : undefined,
      );
      const rejected = await fetch(`${url}/v1/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ notes: [note(0)] }),
      });
      expect(rejected.status).toBe(503);
      expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await rejected.json()) as { code: string }).code).toBe('QUEUE_UNAVAILABLE');
      await r.start();
      await pace.until('/readyz to recover', async () =>
        (await fetch(`${url}/readyz`)).status === 200 ? true : undefined,
      );
      const job = await finishedWithAll(url, id, n, 2 * LOCK_MS);
      expect(job.progress.done).toBe(n);
      dir.cleanup();
    },
    TEST_CAP_MS,
  );

  /** An embedded server with a job of `n` notes under way. */
  const embeddedMidJob = async (
    n: number,
  ): Promise<{
    proc: CliProcess;
    id: string;
    env: Record<string, string>;
    cleanup: () => void;
  }> => {
    const dir = tempDir();
    const env = {
      ...fixture.env,
      NOTECODER_DATA_DIR: dir.dir,
      NOTECODER_CHUNK_SIZE: String(CHUNK),
      NOTECODER_WORKER_THREADS: '1',
    };
    const proc = spawnTracked(['serve', '--port', '0'], env);
    const url = await pace.timed(() => listeningUrl(proc, pace.startMs()));
    const id = await submit(url, n);
    expect(await reached(url, id, 1)).toBeLessThan(n / 2);
    return { proc, id, env, cleanup: dir.cleanup };
  };

  it(
    'SIGTERM of the embedded server mid-job: an orderly stop, and the job completes after a restart',
    async () => {
      const { proc, id, env, cleanup } = await embeddedMidJob(N);
      expect(await proc.stop()).toBe(0);
      expect(proc.output()).toMatch(/"msg":"shutting down","signal":"SIGTERM"/);
      expect(proc.output()).toMatch(/"msg":"stopped"/);
      expect(proc.output()).not.toMatch(/shutdown step failed/);
      const second = spawnTracked(['serve', '--port', '0'], env);
      const url2 = await pace.timed(() => listeningUrl(second, pace.startMs()));
      const job = await finishedWithAll(url2, id, N);
      expect(job.status).toBe('succeeded');
      cleanup();
    },
    TEST_CAP_MS,
  );

  it(
    'kill -9 of the embedded server mid-job: after a restart the job completes',
    async () => {
      const { proc, id, env, cleanup } = await embeddedMidJob(N);
      await proc.kill9();
      const second = spawnTracked(['serve', '--port', '0'], env);
      const url2 = await pace.timed(() => listeningUrl(second, pace.startMs()));
      await second.waitFor(/resuming jobs/, pace.startMs());
      const job = await finishedWithAll(url2, id, N);
      expect(job.status).toBe('succeeded');
      expect(await processedTotal(url2)).toBe(N);
      cleanup();
    },
    TEST_CAP_MS,
  );
});
