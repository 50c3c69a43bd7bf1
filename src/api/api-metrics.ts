import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobStatus } from '../jobs/job-types.js';

/** The Prometheus metrics `/metrics` serves. */
export interface ApiMetrics {
  readonly registry: Registry;
  /** Records one `/v1/detect` latency in seconds. */
  observeDetect(seconds: number, outcome: 'ok' | 'error'): void;
  /** Records one HTTP response. */
  countRequest(route: string, method: string, status: number): void;
}

/**
 * Creates the registry. Job counts, queue depth and processed notes are read from the queue at scrape
 * time (so every API process reports the same numbers in BullMQ mode); `rate(notecoder_notes_processed_total[1m])`
 * is notes per second.
 */
export function createApiMetrics(queue: JobQueue): ApiMetrics {
  const registry = new Registry();
  type Stats = Awaited<ReturnType<JobQueue['stats']>>;
  // One store read per scrape, shared by the collectors (prom-client runs them concurrently).
  let pending: { at: number; stats: Promise<Stats | undefined> } | undefined;
  const read = (): Promise<Stats | undefined> => {
    const now = Date.now();
    if (pending === undefined || now - pending.at > 250) {
      // The store is down: /readyz says so; the gauges are left out of this scrape.
      pending = { at: now, stats: queue.stats().catch(() => undefined) };
    }
    return pending.stats;
  };
  new Gauge({
    name: 'notecoder_jobs',
    help: 'Jobs by status (kept until they expire)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const last = await read();
      if (last) {
        for (const [status, n] of Object.entries(last.jobs) as [JobStatus, number][]) {
          this.set({ status }, n);
        }
      }
    },
  });
  new Gauge({
    name: 'notecoder_queue_depth_notes',
    help: 'Notes accepted and not yet processed',
    registers: [registry],
    async collect() {
      const last = await read();
      if (last) {
        this.set(last.queuedNotes);
      }
    },
  });
  new Counter({
    name: 'notecoder_notes_processed_total',
    help: 'Notes processed by the worker pool (rate() gives notes per second)',
    registers: [registry],
    async collect() {
      const last = await read();
      if (last) {
        this.reset();
        this.inc(last.processedNotes);
      }
    },
  });
  const detect = new Histogram({
    name: 'notecoder_detect_duration_seconds',
    help: 'POST /v1/detect latency, queueing included',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'notecoder_http_requests_total',
    help: 'HTTP responses by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  return {
    registry,
    observeDetect(seconds, outcome) {
      detect.observe({ outcome }, seconds);
    },
    countRequest(route, method, status) {
      requests.inc({ route, method, status: String(status) });
    },
  };
}
