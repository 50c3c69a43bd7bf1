import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/core/config.js';
import { createDetectPool } from '../../workers/detect-pool.js';
import { readDataset } from '../datasets/read-dataset.js';
import { freePort, stopChild, waitReady } from './bench-server.js';
import { percentile } from './percentile.js';

/**
 * `npm run bench -- --suite=queue`: end-to-end throughput of a 10,000-note job through the embedded
 * queue and through BullMQ with 1 and 2 worker processes, against calling the pipeline directly in a
 * worker-thread pool on the same cores; `/v1/detect` latency under 20 concurrent clients; Redis memory
 * per queued note. Notes: CodiEsp dev, repeated to 10,000 ($NOTECODER_TEST_DATA).
 */

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', '..', 'src', 'cli', 'main.js');
const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const N = Number(arg('notes', '10000'));
const CORES = Number(arg('cores', '2'));
const DETECT_REQUESTS = Number(arg('detect-requests', '2000'));
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const config = loadConfig();
const codeSetPath = arg('codeset', config.codeSetPath);
const testData = process.env.NOTECODER_TEST_DATA;
const dev = testData === undefined ? undefined : join(testData, 'codiesp', 'dev');
if (dev === undefined || !existsSync(dev) || !existsSync(codeSetPath)) {
  log(
    'queue bench: NO DATA. Needs NOTECODER_TEST_DATA (CodiEsp dev) and a built code set (`notecoder dict build`).',
  );
  process.exit(1);
}
const source = readDataset(dev).notes.map((n) => n.text);
const notes = Array.from({ length: N }, (_, i) => ({
  id: `n${String(i)}`,
  text: source[i % source.length] ?? '',
}));
const avgChars = Math.round(notes.reduce((s, n) => s + n.text.length, 0) / N);

interface Proc {
  child: ChildProcess;
  out: () => string;
}
function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, NOTECODER_CODESET: codeSetPath, NOTECODER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return { child, out: () => out };
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds (user + system, all threads) the processes have used so far, from /proc. CPU time per
 * note is steadier than wall time on a machine whose speed drifts, and counts what the queue costs.
 */
function cpuSeconds(pids: readonly (number | undefined)[]): number {
  let ticks = 0;
  for (const pid of pids) {
    if (pid === undefined) {
      continue;
    }
    // Fields after the parenthesised command name: state is 3rd, utime 14th, stime 15th.
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS;
}

/** Submits the batch and times it from POST to the final status. */
async function runJob(url: string): Promise<number> {
  const body = JSON.stringify({ notes, options: { threshold: 0.5 } });
  const started = performance.now();
  const res = await fetch(`${url}/v1/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (res.status !== 202) {
    throw new Error(`submit answered ${String(res.status)}: ${await res.text()}`);
  }
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${url}/v1/jobs/${id}?limit=1`)).json()) as {
      status: string;
      progress: { done: number; failed: number };
    };
    if (job.status !== 'queued' && job.status !== 'running') {
      if (job.status !== 'succeeded') {
        throw new Error(`job ended ${job.status}`);
      }
      return (performance.now() - started) / 1000;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `/v1/detect` latency with `clients` concurrent clients. */
async function detectLatency(
  url: string,
  clients: number,
): Promise<{ p50: number; p99: number; errors: number; rps: number }> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < DETECT_REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${url}/v1/detect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ note: notes[i % notes.length] }),
        });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status !== 200) {
          errors += 1;
        }
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    errors,
    rps: DETECT_REQUESTS / secs,
  };
}

async function redisMemory(url: string): Promise<number> {
  const r = new Redis(url);
  const info = await r.info('memory');
  r.disconnect();
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** The pipeline in a pool of worker threads, chunks of 25, two per thread in flight. */
async function directRate(): Promise<number> {
  const pool = createDetectPool(
    {
      codeSetPath,
      lexiconDir: config.lexiconDir,
      modelPath: config.modelPath,
      maxNoteChars: config.maxNoteChars,
      tagger: { dir: config.taggerDir, state: config.tagger ? 'on' : 'off' },
      eager: true,
    },
    CORES,
  );
  await pool.warm();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const chunks: (typeof notes)[] = [];
  for (let i = 0; i < N; i += 25) {
    chunks.push(notes.slice(i, i + 25));
  }
  let c = 0;
  await Promise.all(
    Array.from({ length: CORES * 2 }, async () => {
      while (c < chunks.length) {
        const chunk = chunks[c++] ?? [];
        await pool.process({ notes: chunk, options: { threshold: 0.5 } });
      }
    }),
  );
  const rate = N / ((performance.now() - t0) / 1000);
  const used = process.cpuUsage(cpu0);
  directCpuMs.push((used.user + used.system) / 1000 / N);
  await pool.close();
  return rate;
}
/** CPU milliseconds per note of each direct run. */
const directCpuMs: number[] = [];

const work = mkdtempSync(join(tmpdir(), 'notecoder-queue-bench-'));
const procs: Proc[] = [];
const track = (p: Proc): Proc => {
  procs.push(p);
  return p;
};
const results: Record<string, unknown> = { notes: N, avgChars, cores: CORES };
try {
  log(
    `queue bench: ${String(N)} CodiEsp dev notes (${String(avgChars)} chars on average), ${String(CORES)} cores`,
  );

  // Direct (no queue, no HTTP), measured before and after the queued runs: this machine is noisy.
  // Each queued run is compared with direct runs just before and after it (the machine drifts).
  const directs: number[] = [];
  const measureDirect = async (): Promise<void> => {
    const rate = await directRate();
    directs.push(rate);
    log(`  direct pipeline, ${String(CORES)} threads: ${rate.toFixed(0)} notes/s`);
  };
  await measureDirect();
  // Embedded: notecoder serve with its SQLite queue and worker threads.
  {
    const port = await freePort();
    const url = `http://127.0.0.1:${String(port)}`;
    const server = track(
      start(['serve', '--port', String(port)], {
        NOTECODER_DATA_DIR: join(work, 'embedded'),
        NOTECODER_WORKER_THREADS: String(CORES),
        NOTECODER_RATE_LIMIT: '0',
      }),
    );
    await waitReady(url);
    const cpu0 = cpuSeconds([server.child.pid]);
    const secs = await runJob(url);
    const cpuMsPerNote = ((cpuSeconds([server.child.pid]) - cpu0) * 1000) / N;
    const rate = N / secs;
    const latency = await detectLatency(url, 20);
    results.embedded = {
      notesPerSecond: Math.round(rate),
      cpuMsPerNote,
      directIndex: directs.length - 1,
      detect: latency,
    };
    log(
      `  embedded: ${rate.toFixed(0)} notes/s; ` +
        `/v1/detect x20 clients p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, ${String(latency.errors)} errors`,
    );
    await stopChild(server.child);
  }

  // BullMQ: a redis-server of our own, the API enqueueing, 1 or 2 worker processes on the same cores.
  const redisPort = await freePort();
  const redisUrl = `redis://127.0.0.1:${String(redisPort)}`;
  const redisProc = track({
    child: spawn(
      'redis-server',
      ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    ),
    out: () => '',
  });
  await new Promise((r) => setTimeout(r, 300));
  for (const workers of [1, 2]) {
    await measureDirect();
    const flush = new Redis(redisUrl);
    await flush.flushall();
    flush.disconnect();
    const port = await freePort();
    const url = `http://127.0.0.1:${String(port)}`;
    const env = { REDIS_URL: redisUrl, NOTECODER_RATE_LIMIT: '0' };
    const api = track(start(['serve', '--port', String(port)], env));
    await waitReady(url);
    const baseMem = await redisMemory(redisUrl);
    let queuedPerNote: number | undefined;
    if (workers === 1) {
      // Memory of a queued batch, before any worker runs.
      const res = await fetch(`${url}/v1/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ notes }),
      });
      const { id } = (await res.json()) as { id: string };
      queuedPerNote = ((await redisMemory(redisUrl)) - baseMem) / N;
      await fetch(`${url}/v1/jobs/${id}?purge=true`, { method: 'DELETE' });
    }
    const ws = Array.from({ length: workers }, () =>
      track(start(['worker', '--concurrency', String(CORES / workers)], env)),
    );
    for (const w of ws) {
      for (let i = 0; i < 600 && !w.out().includes('worker started'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const before = await redisMemory(redisUrl);
    const pids = [api.child.pid, redisProc.child.pid, ...ws.map((w) => w.child.pid)];
    const cpu0 = cpuSeconds(pids);
    const secs = await runJob(url);
    const cpuMsPerNote = ((cpuSeconds(pids) - cpu0) * 1000) / N;
    const rate = N / secs;
    const afterPerNote = ((await redisMemory(redisUrl)) - before) / N;
    const latency = workers === 1 ? await detectLatency(url, 20) : undefined;
    results[`bullmq${String(workers)}`] = {
      notesPerSecond: Math.round(rate),
      cpuMsPerNote,
      directIndex: directs.length - 1,
      redisBytesPerNoteAfterCompletion: Math.round(afterPerNote),
      ...(queuedPerNote === undefined
        ? {}
        : { redisBytesPerQueuedNote: Math.round(queuedPerNote) }),
      ...(latency ? { detect: latency } : {}),
    };
    log(
      `  BullMQ, ${String(workers)} worker process(es) x ${String(CORES / workers)} threads: ${rate.toFixed(0)} notes/s ` +
        `; Redis ${afterPerNote.toFixed(0)} B/note kept after completion` +
        (queuedPerNote === undefined ? '' : `, ${queuedPerNote.toFixed(0)} B per queued note`),
    );
    if (latency) {
      log(
        `  BullMQ /v1/detect x20 clients: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, ${String(latency.errors)} errors`,
      );
    }
    for (const w of ws) {
      await stopChild(w.child);
    }
    await stopChild(api.child);
  }
  await measureDirect();
  results.direct = directs.map((d) => Math.round(d));
  log('  overhead vs the mean of the direct runs just before and after (target <= 15%):');
  const directCpu = directCpuMs.reduce((a, b) => a + b, 0) / directCpuMs.length;
  results.directCpuMsPerNote = directCpuMs;
  for (const key of ['embedded', 'bullmq1', 'bullmq2']) {
    const r = results[key] as {
      notesPerSecond: number;
      cpuMsPerNote: number;
      directIndex: number;
      overhead?: number;
      cpuOverhead?: number;
    };
    const direct = ((directs[r.directIndex] ?? 0) + (directs[r.directIndex + 1] ?? 0)) / 2;
    r.overhead = 1 - r.notesPerSecond / direct;
    r.cpuOverhead = r.cpuMsPerNote / directCpu - 1;
    log(
      `    ${key.padEnd(9)} ${String(r.notesPerSecond)} notes/s vs direct ${direct.toFixed(0)}: overhead ${(r.overhead * 100).toFixed(1)}% ${r.overhead <= 0.15 ? 'MET' : 'MISSED'}; ` +
        `CPU ${r.cpuMsPerNote.toFixed(2)} ms/note vs direct ${directCpu.toFixed(2)}: +${(r.cpuOverhead * 100).toFixed(1)}%`,
    );
  }
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  }
} finally {
  for (const p of procs.reverse()) {
    await stopChild(p.child).catch(() => undefined);
  }
  rmSync(work, { recursive: true, force: true });
}
