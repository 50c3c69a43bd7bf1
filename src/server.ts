import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { CodeSet } from './codes/code-set.js';
import type { Config } from './core/config.js';
import { createError } from './core/errors.js';
import { packageRoot } from './core/package-root.js';
import type { Logger } from './core/logger.js';
import { createApp } from './api/create-app.js';
import type { Redis } from 'ioredis';
import { clientErrorHandler } from './api/problem.js';
import { createBullmqQueue, failFastRedis, waitForRedis } from './jobs/bullmq/bullmq-queue.js';
import { createEmbeddedQueue } from './jobs/embedded/embedded-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import { createNoteCipher } from './jobs/note-cipher.js';
import { operatingThreshold } from './pipeline/learned/operating-threshold.js';
import type { DetectPool } from '../workers/detect-pool.js';
import { openDetectPool } from '../workers/open-detect-pool.js';

/** A running `notecoder serve`. */
export interface RunningServer {
  readonly url: string;
  readonly queue: JobQueue;
  /** Ordered shutdown: stop accepting, let in-flight work finish, close the queue, then the pool. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The interface to listen on: loopback unless API keys protect the server. */
export function listenHost(config: Config, log: Logger): string {
  if (config.apiKeys.length > 0) {
    return config.host ?? '0.0.0.0';
  }
  if (config.host !== undefined && !LOOPBACK.has(config.host)) {
    throw createError(
      'CONFIG_INVALID',
      `NOTECODER_HOST=${config.host} needs NOTECODER_API_KEYS: without keys notecoder listens on loopback only`,
      { variable: 'NOTECODER_HOST' },
    );
  }
  log.warn('no API keys configured (NOTECODER_API_KEYS): listening on loopback only');
  return config.host ?? '127.0.0.1';
}

/**
 * The composition root of `notecoder serve`: the API plus, in embedded mode, the worker pool; with
 * REDIS_URL it only enqueues and `notecoder worker` processes run the jobs.
 * @param config - validated configuration
 * @param codeSet - the loaded code set (for lookups and readiness)
 * @param log - structured logger (never given note text)
 */
export async function startServer(
  config: Config,
  codeSet: CodeSet,
  log: Logger,
  version: string,
): Promise<RunningServer> {
  const host = listenHost(config, log);
  const cipher = createNoteCipher(config.encryptionKey);
  let pool: DetectPool | undefined;
  let limitRedis: Redis | undefined;
  let queue: JobQueue;
  // With Redis the workers run the tagger; they read the same configuration.
  let taggerOn = config.tagger;
  if (config.redisUrl === undefined) {
    const opened = await openDetectPool(config, codeSet, log, config.workerThreads);
    pool = opened.pool;
    taggerOn = opened.taggerState === 'on';
    queue = createEmbeddedQueue({
      dataDir: config.dataDir,
      process: pool.process,
      concurrency: pool.threads * 2,
      chunkSize: config.chunkSize,
      resultTtlMs: config.resultTtlMs,
      cipher,
      log,
      callbackSecret: config.callbackSecret,
    });
  } else {
    queue = await createBullmqQueue({
      redisUrl: config.redisUrl,
      chunkSize: config.chunkSize,
      resultTtlMs: config.resultTtlMs,
      cipher,
      log,
    });
    // Rate-limit counters shared by every API process on this Redis.
    limitRedis = failFastRedis(config.redisUrl);
    limitRedis.on('error', () => undefined);
    await waitForRedis(limitRedis, config.redisUrl);
  }
  const { app } = createApp({
    queue,
    codeSet,
    log,
    version,
    apiKeys: config.apiKeys,
    rateLimitPerMinute: config.rateLimitPerMinute,
    authFailuresPerMinute: config.authFailuresPerMinute,
    detectTimeoutMs: config.detectTimeoutMs,
    rateLimitRedis: limitRedis,
    maxBodyBytes: config.maxBodyBytes,
    maxNotesPerJob: config.maxNotesPerJob,
    maxNoteChars: config.maxNoteChars,
    operatingThreshold: operatingThreshold(config.modelPath, taggerOn),
    webDir: join(packageRoot(), 'dist', 'web'),
  });
  const server: Server = createServer(app);
  // Errors Node's parser answers itself (431, malformed HTTP) are problem+json too.
  server.on('clientError', clientErrorHandler());
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${String(address.port)}`;
  log.info('listening', { url, backend: queue.backend, threads: pool?.threads ?? 0 });
  let closed: Promise<void> | undefined;
  return {
    url,
    queue,
    close() {
      closed ??= (async () => {
        const steps: [string, () => Promise<void>][] = [
          [
            'http',
            () =>
              new Promise<void>((resolve) => {
                server.close(() => {
                  resolve();
                });
                server.closeIdleConnections();
              }),
          ],
          ['queue', () => queue.close()],
          [
            'rate-limit store',
            () => {
              limitRedis?.disconnect();
              return Promise.resolve();
            },
          ],
          ['pool', () => pool?.close() ?? Promise.resolve()],
        ];
        // Every step is attempted; one failing does not skip the rest.
        for (const [name, step] of steps) {
          try {
            await step();
          } catch (err) {
            log.error('shutdown step failed', {
              step: name,
              error: err instanceof Error ? err.message : String(err),
            });
          }
        }
        log.info('stopped');
      })();
      return closed;
    },
  };
}
