import { Router, type Request, type RequestHandler, type Response } from 'express';
import { createError } from '../core/errors.js';
import { isJobId } from '../jobs/job-id.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { FINAL_STATUSES, type JobView } from '../jobs/job-types.js';
import type { NoteReview } from '../jobs/review-types.js';
import type { Caller } from './auth.js';
import { readBodyBytes } from './read-body-bytes.js';
import { readJobBody } from './read-job-body.js';
import type { RequestLimits } from './request-schemas.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** 415 unless the body is declared as JSON (checked before parsing). */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    next(createError('UNSUPPORTED_MEDIA_TYPE', 'send the body as Content-Type: application/json'));
    return;
  }
  next();
};

/** True for `POST /v1/jobs`, whose body its route reads itself (the app's JSON parser skips it). */
export const isJobSubmission = (req: Request): boolean =>
  req.method === 'POST' && req.path === '/v1/jobs';

/** 415 for a charset other than UTF-8 (what `express.json()` answers for a non-Unicode one). */
const requireUtf8: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1];
  if (
    charset !== undefined &&
    charset.toLowerCase() !== 'utf-8' &&
    charset.toLowerCase() !== 'utf8'
  ) {
    next(createError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be UTF-8 JSON'));
    return;
  }
  next();
};

/** The job id from the path; anything not shaped like one is an unknown job (never a store key). */
function jobIdParam(req: Request): string {
  const value: unknown = req.params.id;
  const id = typeof value === 'string' ? value : '';
  if (!isJobId(id)) {
    throw notFound(id.slice(0, 64));
  }
  return id;
}

/** The caller's tenant: every job route reads and changes only that tenant's jobs. */
const tenantOf = (res: Response): string => (res.locals.caller as Caller).tenant;

function pageOptions(req: Request): { cursor: number; limit: number } {
  const { cursor, limit } = req.query;
  const c = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isSafeInteger(c) || c < 0 || (cursor !== undefined && typeof cursor !== 'string')) {
    throw createError('INVALID_CURSOR', 'cursor must be a value returned as nextCursor');
  }
  return { cursor: c, limit: listLimit(limit) };
}

/** `limit` of a page: 1 to {@link MAX_PAGE}, {@link DEFAULT_PAGE} when absent. */
function listLimit(limit: unknown): number {
  const l = limit === undefined ? DEFAULT_PAGE : Number(limit);
  if (!Number.isInteger(l) || l < 1 || l > MAX_PAGE) {
    throw createError(
      'INVALID_REQUEST',
      `limit must be a whole number from 1 to ${String(MAX_PAGE)}`,
      {
        field: 'limit',
      },
    );
  }
  return l;
}

const notFound = (id: string): Error =>
  createError('JOB_NOT_FOUND', `no job ${id}: it never existed, expired or was purged`, {
    jobId: id,
  });

/** A review as results carry it: the note text it may hold stays behind its own route. */
function withoutText(review: NoteReview): Omit<NoteReview, 'text'> {
  const copy: { text?: string } & Omit<NoteReview, 'text'> = { ...review };
  delete copy.text;
  return copy;
}

/** Poll again after this many seconds while a job is not finished. */
const retryAfter = (job: JobView): string => (job.status === 'queued' ? '2' : '1');

/** `/v1/jobs`: submit, list, poll (with paginated results), cancel and purge — the caller's tenant's jobs only. */
export function jobRoutes(queue: JobQueue, limits: RequestLimits, maxBodyBytes: number): Router {
  const router = Router();

  router.post(
    '/v1/jobs',
    requireJson,
    requireUtf8,
    readBodyBytes(maxBodyBytes),
    async (req, res) => {
      const key = req.get('idempotency-key');
      const { submission, fingerprint } = await readJobBody(req.body, limits, key !== undefined);
      if (key !== undefined && (key.length === 0 || key.length > 255)) {
        throw createError('INVALID_REQUEST', 'Idempotency-Key must be 1 to 255 characters', {
          field: 'Idempotency-Key',
        });
      }
      const { job, created } = await queue.submit(submission, tenantOf(res), {
        ...(key === undefined ? {} : { idempotencyKey: key, fingerprint: fingerprint ?? '' }),
      });
      res
        .status(created ? 202 : 200)
        .location(`/v1/jobs/${job.id}`)
        .setHeader('Retry-After', retryAfter(job));
      if (!created) {
        res.setHeader('Idempotent-Replayed', 'true');
      }
      res.json(job);
    },
  );

  router.get('/v1/jobs', async (req, res) => {
    const { cursor, limit } = req.query;
    if (cursor !== undefined && typeof cursor !== 'string') {
      throw createError('INVALID_CURSOR', 'cursor must be a value returned as nextCursor');
    }
    const size = listLimit(limit);
    const page = await queue.list(tenantOf(res), cursor, size);
    if (page.nextCursor !== undefined) {
      res.setHeader(
        'Link',
        `</v1/jobs?cursor=${page.nextCursor}&limit=${String(size)}>; rel="next"`,
      );
    }
    res.json(page);
  });

  router.get('/v1/jobs/:id', async (req, res) => {
    const { cursor, limit } = pageOptions(req);
    const id = jobIdParam(req);
    const tenant = tenantOf(res);
    const job = await queue.get(id, tenant);
    if (job === undefined) {
      throw notFound(id);
    }
    const page = await queue.results(id, tenant, cursor, limit);
    if (!FINAL_STATUSES.has(job.status)) {
      res.setHeader('Retry-After', retryAfter(job));
    }
    if (page?.nextCursor !== undefined) {
      res.setHeader(
        'Link',
        `</v1/jobs/${id}?cursor=${String(page.nextCursor)}&limit=${String(limit)}>; rel="next"`,
      );
    }
    // A note's review (without the note text it may carry) travels with its result.
    const reviews = new Map(
      ((await queue.reviews(id, tenant)) ?? []).map((r) => [r.noteId, withoutText(r)]),
    );
    res.json({
      ...job,
      results: (page?.items ?? []).map((o) => {
        const review = reviews.get(o.noteId);
        return review === undefined ? o : { ...o, review };
      }),
      ...(page?.nextCursor === undefined ? {} : { nextCursor: String(page.nextCursor) }),
    });
  });

  router.delete('/v1/jobs/:id', async (req, res) => {
    const purge = req.query.purge;
    if (purge !== undefined && purge !== 'true' && purge !== 'false') {
      throw createError('INVALID_REQUEST', 'purge must be true or false', { field: 'purge' });
    }
    const id = jobIdParam(req);
    if (purge === 'true') {
      if (!(await queue.purge(id, tenantOf(res)))) {
        throw notFound(id);
      }
      res.status(204).end();
      return;
    }
    const job = await queue.cancel(id, tenantOf(res));
    if (job === undefined) {
      throw notFound(id);
    }
    res.json(job);
  });

  return router;
}
