import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { CodeSet } from '../codes/code-set.js';
import { createError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { createApiMetrics, type ApiMetrics } from './api-metrics.js';
import { authenticate, parseApiKeys, type Caller } from './auth.js';
import { codeRoutes } from './code-routes.js';
import { detectRoute } from './detect-route.js';
import { isJobSubmission, jobRoutes } from './job-routes.js';
import { noteResultRoute } from './note-result-route.js';
import { comprehendRoute } from './comprehend-route.js';
import { openApiDocument } from './openapi.js';
import { problemHandler, sendProblem } from './problem.js';
import { authFailureLimit, rateLimit, rateLimitStore } from './rate-limit.js';
import { redactRoute } from './redact-route.js';
import { reviewExportRoute, reviewRoutes } from './review-routes.js';
import { rootPage } from './root-page.js';
import { webPage } from './web-page.js';

/** What the HTTP app is built from (the composition root passes it in; the app reads no env). */
export interface AppOptions {
  readonly queue: JobQueue;
  readonly codeSet: CodeSet;
  readonly log: Logger;
  readonly version: string;
  readonly apiKeys: readonly string[];
  readonly rateLimitPerMinute: number;
  /** Failed authentications per minute per client address (default 30; 0 = unlimited). */
  readonly authFailuresPerMinute?: number;
  /** Rate-limit counters live here when set (shared by every API process on this Redis). */
  readonly rateLimitRedis?: Redis | undefined;
  readonly maxBodyBytes: number;
  readonly maxNotesPerJob: number;
  readonly maxNoteChars: number;
  /** Default threshold of results (the learned model's), reported by `/readyz`. */
  readonly operatingThreshold: number;
  /** The built coder's page (`dist/web`); without it `/` shows a short page pointing to the docs. */
  readonly webDir?: string | undefined;
  /** `/v1/detect` gives up after this long (default 30 s). */
  readonly detectTimeoutMs?: number;
}

/** The app and its metrics registry. */
export interface App {
  readonly app: Express;
  readonly metrics: ApiMetrics;
}

const ROUTES = [
  '/v1/jobs',
  '/v1/jobs/:id',
  '/v1/detect',
  '/v1/redact',
  '/v1/codes',
  '/v1/codes/:code',
  '/v1/jobs/:id/notes/:noteId/review',
  '/v1/reviews.jsonl',
];

/**
 * Builds the Express app: `/v1` (authenticated, rate-limited), health, readiness, metrics, the OpenAPI
 * document and the root page. Request logs carry method, route, status, duration and caller id —
 * never bodies, queries or note text.
 */
export function createApp(options: AppOptions): App {
  const { queue, log } = options;
  const metrics = createApiMetrics(queue);
  const keys = parseApiKeys(options.apiKeys);
  const limits = { maxNotesPerJob: options.maxNotesPerJob, maxNoteChars: options.maxNoteChars };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const started = performance.now();
    const requestId = req.get('x-request-id')?.slice(0, 64) ?? randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const route =
        (req.route as { path?: string } | undefined)?.path ??
        (res.statusCode < 400 && req.method === 'GET' ? 'static' : 'unmatched');
      metrics.countRequest(route, req.method, res.statusCode);
      log.info('request', {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        caller: (res.locals.caller as Caller | undefined)?.id,
      });
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    const ready = await queue.ready().catch(() => false);
    if (!ready) {
      sendProblem(
        res,
        createError('QUEUE_UNAVAILABLE', 'the job store is not reachable', {
          backend: queue.backend,
        }),
        req.path,
      );
      return;
    }
    res.json({
      status: 'ready',
      backend: queue.backend,
      codeSet: options.codeSet.versions.codeSet,
      lexiconOnly: options.codeSet.versions.lexiconOnly,
      operatingThreshold: options.operatingThreshold,
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const doc = openApiDocument(options.version);
  app.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  if (options.webDir !== undefined && existsSync(join(options.webDir, 'index.html'))) {
    app.use(webPage(options.webDir));
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send(rootPage(options.version, options.codeSet.versions.codeSet));
    });
  }

  const store = (name: string) => rateLimitStore(options.rateLimitRedis, `notecoder:rl:${name}:`);
  app.use(
    '/v1',
    authenticate(keys, authFailureLimit(options.authFailuresPerMinute ?? 30, store('auth'))),
    rateLimit(options.rateLimitPerMinute, store('key')),
  );
  const json: RequestHandler = express.json({
    limit: options.maxBodyBytes,
    type: 'application/json',
    strict: true,
  });
  app.use((req, res, next) => {
    // A job body is read by its route (a large one off the event loop: see read-job-body.ts).
    if (isJobSubmission(req)) {
      next();
      return;
    }
    json(req, res, next);
  });
  app.use(jobRoutes(queue, limits, options.maxBodyBytes));
  app.use(noteResultRoute(queue));
  app.use(comprehendRoute(queue, options.detectTimeoutMs ?? 30_000));
  app.use(detectRoute(queue, limits, metrics, options.detectTimeoutMs ?? 30_000));
  app.use(codeRoutes(options.codeSet));
  app.use(reviewRoutes(queue, options.codeSet, options.maxNoteChars));
  app.use(reviewExportRoute(queue));
  app.use(redactRoute(limits));
  app.all(ROUTES, (req) => {
    throw createError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here`);
  });
  app.use((req) => {
    throw createError('ROUTE_NOT_FOUND', `no route ${req.method} ${req.path}`);
  });
  app.use(problemHandler(log));
  return { app, metrics };
}
