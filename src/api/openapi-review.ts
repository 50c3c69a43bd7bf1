import { ReviewSchema } from './review-schema.js';
import { z } from 'zod';

const problem = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const params = [
  { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'noteId', in: 'path', required: true, schema: { type: 'string' } },
];

const etag = {
  ETag: { description: 'The review version: send it back as If-Match', schema: { type: 'string' } },
};

const review = {
  description: 'The note review',
  headers: etag,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/NoteReview' } } },
};

/** OpenAPI paths of the review routes (issue 20), merged into the document by openapi.ts. */
export const REVIEW_PATHS: Record<string, unknown> = {
  '/v1/jobs/{id}/notes/{noteId}/review': {
    get: {
      operationId: 'getReview',
      summary: "A note's review (version 0, empty, when nobody reviewed it yet) with its ETag",
      parameters: params,
      responses: {
        '200': review,
        '404': problem('JOB_NOT_FOUND (also another tenant’s job) or NOTE_NOT_FOUND'),
      },
    },
    put: {
      operationId: 'putReview',
      summary:
        'Replace the review of a note of a finished job: decisions on suggestions, added codes, a note; each change is appended to the audit trail',
      parameters: [
        ...params,
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'The ETag of the review read',
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ReviewRequest' } } },
      },
      responses: {
        '200': review,
        '400': problem('INVALID_REQUEST, INVALID_CODE (added code not in the code set)'),
        '403': problem('FORBIDDEN: read-only key'),
        '404': problem('JOB_NOT_FOUND or NOTE_NOT_FOUND'),
        '409': problem('REVIEW_NOT_OPEN: the job has not finished'),
        '412': problem('REVIEW_CONFLICT: the review changed since it was read'),
        '415': problem('Body is not application/json'),
        '422': problem(
          'INVALID_DECISION (not a suggestion / not a suppressed candidate) or CODE_NOT_BILLABLE (no explanation)',
        ),
        '428': problem('PRECONDITION_REQUIRED: If-Match missing'),
      },
    },
  },
  '/v1/reviews.jsonl': {
    get: {
      operationId: 'exportReviews',
      summary:
        "The tenant's reviewed notes as eval JSONL (one of ?since= or ?job=): codes = accepted + restored + added, rejected recorded",
      parameters: [
        { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
        { name: 'job', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'One JSON object a line: {id, text, setting?, codes, rejected}',
          content: { 'application/x-ndjson': { schema: { type: 'string' } } },
        },
        '400': problem('INVALID_REQUEST: neither or both of since and job, or a bad date'),
        '404': problem('JOB_NOT_FOUND'),
      },
    },
  },
};

/** Component schemas of the review routes. */
export function reviewSchemas(): Record<string, unknown> {
  const request: Record<string, unknown> = {
    ...z.toJSONSchema(ReviewSchema, { target: 'draft-2020-12', io: 'input' }),
  };
  delete request.$schema;
  return {
    ReviewRequest: request,
    NoteReview: {
      allOf: [
        { $ref: '#/components/schemas/ReviewRequest' },
        {
          type: 'object',
          required: ['jobId', 'noteId', 'version', 'audit'],
          properties: {
            jobId: { type: 'string' },
            noteId: { type: 'string' },
            version: { type: 'integer' },
            updatedAt: { type: 'string', format: 'date-time' },
            updatedBy: { type: 'string', description: 'API key id (never the key)' },
            audit: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  at: { type: 'string', format: 'date-time' },
                  by: { type: 'string' },
                  changes: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      ],
    },
  };
}
