import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import type { CodeSet } from '../codes/code-set.js';
import { createError } from '../core/errors.js';
import { isJobId } from '../jobs/job-id.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { NoteOutcome } from '../jobs/job-types.js';
import { parseSince, writeReviewedNotes } from '../jobs/review-export.js';
import { reviewEtag, versionOfEtag, type NoteReview } from '../jobs/review-types.js';
import type { Caller } from './auth.js';
import { requireJson } from './job-routes.js';
import { parseReview } from './review-schema.js';

const PAGE = 1000;

const jobNotFound = (id: string): Error =>
  createError('JOB_NOT_FOUND', `no job ${id}: it never existed, expired or was purged`, {
    jobId: id,
  });

/** The note's outcome: results are paged through until it is found. */
export async function findOutcome(
  queue: JobQueue,
  id: string,
  tenant: string,
  noteId: string,
): Promise<NoteOutcome> {
  for (let cursor = 0; ;) {
    const page = await queue.results(id, tenant, cursor, PAGE);
    if (page === undefined) {
      throw jobNotFound(id);
    }
    const found = page.items.find((o) => o.noteId === noteId);
    if (found !== undefined) {
      return found;
    }
    if (page.nextCursor === undefined) {
      throw createError('NOTE_NOT_FOUND', `job ${id} has no processed note "${noteId}"`, {
        jobId: id,
        noteId,
      });
    }
    cursor = page.nextCursor;
  }
}

function params(req: Request): { id: string; noteId: string } {
  const id = String(req.params.id);
  if (!isJobId(id)) {
    throw jobNotFound(id.slice(0, 64));
  }
  return { id, noteId: String(req.params.noteId) };
}

function send(res: Response, review: NoteReview): void {
  res.setHeader('ETag', reviewEtag(review));
  res.json(review);
}

/**
 * `GET`/`PUT /v1/jobs/{id}/notes/{noteId}/review`: a coder's decisions on one note of a finished job,
 * with optimistic concurrency (`ETag` on every answer, `If-Match` required on PUT) and an audit trail.
 */
export function reviewRoutes(queue: JobQueue, codeSet: CodeSet, maxNoteChars: number): Router {
  const router = Router();
  const path = '/v1/jobs/:id/notes/:noteId/review';

  router.get(path, async (req, res) => {
    const { id, noteId } = params(req);
    const tenant = (res.locals.caller as Caller).tenant;
    await findOutcome(queue, id, tenant, noteId);
    const review = await queue.getReview(id, tenant, noteId);
    if (review === undefined) {
      throw jobNotFound(id);
    }
    send(res, review);
  });

  router.put(path, requireJson, async (req, res) => {
    const { id, noteId } = params(req);
    const caller = res.locals.caller as Caller;
    const ifMatch = req.get('if-match');
    if (ifMatch === undefined) {
      throw createError(
        'PRECONDITION_REQUIRED',
        'send If-Match with the ETag of the review you read (GET the review first)',
      );
    }
    const outcome = await findOutcome(queue, id, caller.tenant, noteId);
    const content = parseReview(req.body, outcome, codeSet, maxNoteChars);
    const expected = versionOfEtag(ifMatch);
    if (expected === undefined) {
      throw createError('REVIEW_CONFLICT', 'If-Match does not name a version of this review', {
        jobId: id,
        noteId,
      });
    }
    const saved = await queue.saveReview(id, caller.tenant, noteId, content, expected, caller.id);
    if (saved === undefined) {
      throw jobNotFound(id);
    }
    send(res, saved);
  });
  return router;
}

/**
 * `GET /v1/reviews.jsonl?since=<date>` (or `?job=<id>`): the tenant's reviewed notes as eval JSONL,
 * written line by line. The note text goes only into this response, never into a log.
 */
export function reviewExportRoute(queue: JobQueue): Router {
  const router = Router();
  router.get('/v1/reviews.jsonl', async (req, res) => {
    const tenant = (res.locals.caller as Caller).tenant;
    const { since, job } = req.query;
    let reviews;
    if (typeof job === 'string' && since === undefined) {
      reviews = isJobId(job) ? await queue.jobReviews(job, tenant) : undefined;
      if (reviews === undefined) {
        throw jobNotFound(job.slice(0, 64));
      }
    } else if (typeof since === 'string' && job === undefined) {
      const ms = parseSince(since);
      if (ms === undefined) {
        throw createError(
          'INVALID_REQUEST',
          'since must be a date (2026-01-31) or an ISO date-time',
          {
            field: 'since',
          },
        );
      }
      reviews = await queue.reviewsSince(tenant, ms);
    } else {
      throw createError('INVALID_REQUEST', 'give one of ?since=<date> or ?job=<id>', {
        field: 'since',
      });
    }
    res.status(200).type('application/x-ndjson');
    res.setHeader('Cache-Control', 'no-store');
    // Reviews without note text are left out (see toReviewedNoteRow); writes wait for the socket.
    await writeReviewedNotes(reviews, (line) =>
      res.write(line) ? undefined : once(res, 'drain').then(() => undefined),
    );
    res.end();
  });
  return router;
}
