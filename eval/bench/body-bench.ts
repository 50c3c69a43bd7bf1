import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/core/config.js';
import { freePort, stopChild, waitReady } from './bench-server.js';
import { median } from './percentile.js';

/**
 * `npm run bench:body`: does a large job body hold the server's event loop? Posts a ~64 MB `POST /v1/jobs`
 * body (50,000 synthetic notes, no data set needed) while pinging `/healthz` every 20 ms, and reports
 * the time to `202` and the slowest `/healthz` answer while the body was read, parsed, validated, stored
 * and enqueued (and for a second after the `202`), and while the job is purged. Embedded backend, and BullMQ when a `redis-server`
 * binary is on the PATH (one of its own on a free port). The job is purged at once after each run.
 * By default notes are encrypted at rest (`NOTECODER_ENCRYPTION_KEY`) and the POST carries an
 * `Idempotency-Key` (the heaviest path); `--plain` turns both off. Options: `--runs=N` (default 3),
 * `--notes=N` (default 50000), `--chars=N` per note (default 1300), `--plain`, `--json`.
 */

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', '..', 'src', 'cli', 'main.js');
const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNS = Number(arg('runs', '3'));
const NOTES = Number(arg('notes', '50000'));
const CHARS = Number(arg('chars', '1300'));
const PING_MS = 20;
/** Without `--plain`: notes encrypted at rest and an `Idempotency-Key` sent (the heaviest path). */
const PLAIN = process.argv.includes('--plain');
const KEY = Buffer.alloc(32, 7).toString('base64');
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const config = loadConfig();
if (!existsSync(config.codeSetPath)) {
  log('body bench: NO CODE SET. Build one first (`notecoder dict build`).');
  process.exit(1);
}

/** A clinical-looking note of `chars` characters (varied per index, no PHI). */
function noteText(i: number): string {
  const line =
    `Visit ${String(i)}: 67 y/o with essential hypertension and type 2 diabetes mellitus without ` +
    'complications. Denies chest pain. BP 142/88. Continue lisinopril 10 mg daily; metformin 500 mg bid. ' +
    'Assessment: HTN, DM2, hyperlipidemia. Plan: recheck A1c in 3 months. ';
  return line.repeat(Math.ceil(CHARS / line.length)).slice(0, CHARS);
}
const body = Buffer.from(
  JSON.stringify({
    notes: Array.from({ length: NOTES }, (_, i) => ({ id: `n${String(i)}`, text: noteText(i) })),
  }),
);

function start(cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(cmd, args, {
    env: { ...process.env, NOTECODER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

interface Run {
  /** POST to `202`, ms. */
  readonly acceptMs: number;
  /** Slowest `/healthz` answer that overlapped the POST, ms. */
  readonly maxHealthMs: number;
  /** Slowest `/healthz` answer in the second after the `202`, ms. */
  readonly maxHealthAfterMs: number;
  /** `DELETE ?purge=true` of the job (its 50,000 notes), ms, and the slowest `/healthz` meanwhile. */
  readonly purgeMs: number;
  readonly maxHealthPurgeMs: number;
  readonly pings: number;
}

/** One POST of the body with `/healthz` pinged every {@link PING_MS} ms (a ping starts only after the last answered). */
async function measure(url: string): Promise<Run> {
  const pings: { start: number; ms: number }[] = [];
  const state = { pinging: true };
  const pinger = (async () => {
    while (state.pinging) {
      const t0 = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      pings.push({ start: t0, ms: performance.now() - t0 });
      await new Promise((r) => setTimeout(r, PING_MS));
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/jobs`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(PLAIN ? {} : { 'idempotency-key': `bench-${String(t0)}` }),
    },
    body,
  });
  const accepted = performance.now();
  const job = (await res.json()) as { id?: string; code?: string };
  if (res.status !== 202 || job.id === undefined) {
    state.pinging = false;
    await pinger;
    throw new Error(`submit answered ${String(res.status)} ${job.code ?? ''}`);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const purging = performance.now();
  await (await fetch(`${url}/v1/jobs/${job.id}?purge=true`, { method: 'DELETE' })).arrayBuffer();
  const purged = performance.now();
  await new Promise((r) => setTimeout(r, 200));
  state.pinging = false;
  await pinger;
  const between = (from: number, to: number) =>
    pings.filter((p) => p.start + p.ms >= from && p.start <= to).map((p) => p.ms);
  return {
    acceptMs: accepted - t0,
    maxHealthMs: Math.max(0, ...between(t0, accepted)),
    maxHealthAfterMs: Math.max(0, ...between(accepted + 1, purging)),
    purgeMs: purged - purging,
    maxHealthPurgeMs: Math.max(0, ...between(purging, purged)),
    pings: between(t0, accepted).length,
  };
}

async function bench(name: string, env: Record<string, string>): Promise<Run[]> {
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const server = start(process.execPath, [CLI, 'serve', '--port', String(port)], {
    NOTECODER_WORKER_THREADS: '1',
    NOTECODER_RATE_LIMIT: '0',
    NOTECODER_CODESET: config.codeSetPath,
    ...(PLAIN ? {} : { NOTECODER_ENCRYPTION_KEY: KEY }),
    ...env,
  });
  try {
    await waitReady(url);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await measure(url);
      runs.push(run);
      log(
        `  ${name} run ${String(i + 1)}: 202 after ${run.acceptMs.toFixed(0)} ms; /healthz max ` +
          `${run.maxHealthMs.toFixed(0)} ms during the POST (${String(run.pings)} pings), ` +
          `${run.maxHealthAfterMs.toFixed(0)} ms in the second after; purge ` +
          `${run.purgeMs.toFixed(0)} ms, /healthz max ${run.maxHealthPurgeMs.toFixed(0)} ms meanwhile`,
      );
    }
    log(
      `  ${name}: median 202 after ${median(runs.map((r) => r.acceptMs)).toFixed(0)} ms; ` +
        `/healthz max over all runs ${Math.max(...runs.map((r) => Math.max(r.maxHealthMs, r.maxHealthAfterMs))).toFixed(0)} ms`,
    );
    return runs;
  } finally {
    await stopChild(server);
  }
}

const work = mkdtempSync(join(tmpdir(), 'notecoder-body-bench-'));
const results: Record<string, unknown> = {
  notes: NOTES,
  bodyBytes: body.length,
};
try {
  log(
    `body bench: ${String(NOTES)} notes, ${(body.length / 1024 / 1024).toFixed(1)} MiB body, ` +
      `/healthz every ${String(PING_MS)} ms, ${String(RUNS)} runs, ` +
      (PLAIN ? 'no encryption, no Idempotency-Key' : 'encrypted at rest, with an Idempotency-Key'),
  );
  results.embedded = await bench('embedded', { NOTECODER_DATA_DIR: join(work, 'embedded') });
  let redis: string | undefined;
  try {
    redis = execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    log('  BullMQ: skipped (no redis-server on the PATH)');
  }
  if (redis !== undefined) {
    const port = await freePort();
    const child = start(
      redis,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', work, '--save', ''],
      {},
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      results.bullmq = await bench('BullMQ', {
        REDIS_URL: `redis://127.0.0.1:${String(port)}`,
        NOTECODER_DATA_DIR: join(work, 'bullmq'),
      });
    } finally {
      await stopChild(child);
    }
  }
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
