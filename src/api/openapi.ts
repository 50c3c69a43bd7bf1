import { z } from 'zod';
import { ERROR_CATALOGUE } from '../core/errors.js';
import { RESULT_WARNINGS } from '../core/result-warnings.js';
import { JOB_STATUSES } from '../jobs/job-types.js';
import { DetectRequestSchema, JobRequestSchema } from './request-schemas.js';
import { RedactRequestSchema } from './redact-route.js';
import { REVIEW_PATHS, reviewSchemas } from './openapi-review.js';

const schema = (s: z.ZodType): Record<string, unknown> => {
  const json: Record<string, unknown> = { ...z.toJSONSchema(s, { target: 'draft-2020-12' }) };
  delete json.$schema;
  return json;
};

const problem = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const json = (ref: string, description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});

const errors = {
  '400': problem('Invalid request (INVALID_REQUEST, MALFORMED_JSON, ...)'),
  '401': problem('Missing or unknown API key'),
  '413': problem('Body, notes per job or characters per note over the limit (the limit is named)'),
  '415': problem('Body is not application/json'),
  '429': problem('Rate limit; see Retry-After'),
  '503': problem('Queue unreachable or shutting down; see Retry-After'),
};

const Evidence = {
  type: 'object',
  required: ['start', 'end', 'text'],
  properties: {
    start: { type: 'integer', description: 'UTF-16 offset into the note as submitted' },
    end: { type: 'integer' },
    text: { type: 'string', description: 'note.text.slice(start, end)' },
    section: { type: 'string' },
  },
};

const Suggestion = {
  type: 'object',
  required: ['code', 'system', 'title', 'confidence', 'evidence', 'assertion', 'reasons'],
  properties: {
    code: { type: 'string' },
    system: { enum: ['ICD-10-CM', 'CPT', 'HCPCS'] },
    title: { type: 'string' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    evidence: { type: 'array', items: { $ref: '#/components/schemas/Evidence' } },
    assertion: {
      enum: ['present', 'absent', 'possible', 'historical', 'family', 'hypothetical'],
    },
    section: { type: 'string' },
    modifiers: { type: 'array', items: { type: 'string' } },
    reasons: { type: 'array', items: { type: 'string' } },
  },
};

/** The OpenAPI 3.1 document served at `/openapi.json`; request schemas come from the validators. */
export function openApiDocument(version: string): Record<string, unknown> {
  const jobId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'notecoder',
      version,
      description:
        'Proposes ICD-10-CM, CPT and HCPCS codes for clinical notes, with evidence spans, calibrated confidence and the reasons codes were kept or suppressed. Every error is application/problem+json with a stable `code`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/jobs': {
        post: {
          summary: 'Submit notes; answers at once with the job',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              schema: { type: 'string', maxLength: 255 },
              description:
                'Kept 24 h: the same key and body return the same job (200); a different body is 409',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/JobRequest' } },
            },
          },
          responses: {
            '202': {
              ...json('Job', 'Accepted; poll the Location'),
              headers: { Location: { schema: { type: 'string' } } },
            },
            '200': json('Job', 'Idempotent replay of an earlier submission'),
            '409': problem('Idempotency-Key reused with a different body'),
            ...errors,
          },
        },
      },
      '/v1/jobs/{id}': {
        get: {
          summary: 'Job status, progress and a page of results (Retry-After while not finished)',
          parameters: [
            jobId,
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: {
            '200': json('JobWithResults', 'The job'),
            '404': problem('Unknown, expired or purged job'),
            ...errors,
          },
        },
        delete: {
          summary: 'Cancel (queued notes are not processed); ?purge=true deletes job and results',
          parameters: [jobId, { name: 'purge', in: 'query', schema: { type: 'boolean' } }],
          responses: {
            '200': json('Job', 'Cancelled'),
            '204': { description: 'Purged' },
            '404': problem('Unknown job'),
            ...errors,
          },
        },
      },
      '/v1/detect': {
        post: {
          summary: 'One small note, answered synchronously (runs in the worker pool)',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/DetectRequest' } },
            },
          },
          responses: {
            '200': json('DetectResult', 'Suggestions and suppressed candidates'),
            '422': problem('The note has no text'),
            '504': problem('No answer in time'),
            ...errors,
          },
        },
      },
      '/v1/redact': {
        post: {
          summary:
            'De-identify one note (HIPAA Safe Harbor identifiers): [TYPE] or consistent surrogates',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/RedactRequest' } },
            },
          },
          responses: {
            '200': json(
              'Redaction',
              'The redacted text and the spans, offsets into the submitted text',
            ),
            '422': problem('The note has no text'),
            ...errors,
          },
        },
      },
      '/v1/codes': {
        get: {
          summary: 'Search the code set',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'system', in: 'query', schema: { enum: ['ICD-10-CM', 'CPT', 'HCPCS'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          ],
          responses: { '200': { description: 'Ranked hits' }, ...errors },
        },
      },
      '/v1/codes/{code}': {
        get: {
          summary: 'Look a code up: title, billable, hierarchy, notes, 7th characters',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'system', in: 'query', schema: { enum: ['ICD-10-CM', 'CPT', 'HCPCS'] } },
          ],
          responses: {
            '200': { description: 'Every system’s entry for the code' },
            '404': problem('No such code'),
            ...errors,
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Process is up',
          security: [],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/readyz': {
        get: {
          summary: 'Code set loaded and queue reachable',
          security: [],
          responses: {
            '200': {
              description:
                'ready: { status, backend, codeSet, lexiconOnly (no official ICD-10-CM release loaded), operatingThreshold }',
            },
            '503': problem('not ready'),
          },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          security: [],
          responses: { '200': { description: 'text/plain; version=0.0.4' } },
        },
      },
      // --- Review routes (issue 20): see openapi-review.ts ---
      ...REVIEW_PATHS,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        JobRequest: schema(JobRequestSchema),
        DetectRequest: schema(DetectRequestSchema),
        RedactRequest: schema(RedactRequestSchema),
        Redaction: {
          type: 'object',
          required: ['text', 'spans'],
          properties: {
            text: { type: 'string', description: 'the note with each span replaced' },
            spans: {
              type: 'array',
              items: {
                type: 'object',
                required: ['start', 'end', 'type', 'replacement'],
                properties: {
                  start: { type: 'integer', description: 'UTF-16 offset into the submitted text' },
                  end: { type: 'integer' },
                  type: { enum: ['NAME', 'DATE', 'AGE', 'ID', 'CONTACT', 'LOCATION'] },
                  replacement: { type: 'string', description: '[TYPE] or the surrogate' },
                },
              },
            },
          },
        },
        Evidence,
        Suggestion,
        Suppressed: {
          allOf: [
            { $ref: '#/components/schemas/Suggestion' },
            { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
          ],
        },
        DetectResult: {
          type: 'object',
          required: ['noteId', 'suggestions', 'suppressed', 'versions'],
          properties: {
            noteId: { type: 'string' },
            suggestions: { type: 'array', items: { $ref: '#/components/schemas/Suggestion' } },
            suppressed: { type: 'array', items: { $ref: '#/components/schemas/Suppressed' } },
            versions: { $ref: '#/components/schemas/ResultVersions' },
            redacted: {
              $ref: '#/components/schemas/Redaction',
              description:
                'with options.redact: the redacted note; evidence texts and reasons are then redacted too',
            },
            warnings: {
              type: 'array',
              description:
                'Present only when the result is less than the service can give; in every result so affected',
              items: { $ref: '#/components/schemas/ResultWarning' },
            },
          },
        },
        ResultVersions: {
          type: 'object',
          required: ['codeSet', 'lexiconOnly', 'detector'],
          properties: {
            codeSet: { type: 'string', description: 'The code set, in one human line' },
            lexiconOnly: {
              type: 'boolean',
              description:
                'true: no official ICD-10-CM release is loaded, only the team lexicon (warning LEXICON_ONLY)',
            },
            detector: { type: 'string' },
            tagger: {
              type: 'string',
              description:
                'tagger-<sha256 prefix>, off, or unavailable (warning TAGGER_UNAVAILABLE)',
            },
            selection: {
              type: 'string',
              description:
                "the US coder's selection model that re-scored ICD-10-CM (billing rules)",
            },
          },
        },
        ResultWarning: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { enum: Object.keys(RESULT_WARNINGS) },
            message: { type: 'string' },
          },
        },
        Job: {
          type: 'object',
          required: ['id', 'status', 'progress', 'createdAt', 'expiresAt'],
          properties: {
            id: { type: 'string' },
            status: { enum: JOB_STATUSES },
            progress: {
              type: 'object',
              properties: {
                done: { type: 'integer' },
                failed: { type: 'integer' },
                total: { type: 'integer' },
              },
            },
            options: { type: 'object' },
            createdAt: { type: 'string', format: 'date-time' },
            startedAt: { type: 'string', format: 'date-time' },
            finishedAt: { type: 'string', format: 'date-time' },
            expiresAt: { type: 'string', format: 'date-time' },
            callbackUrl: { type: 'string' },
          },
        },
        NoteOutcome: {
          type: 'object',
          required: ['noteId', 'status'],
          properties: {
            noteId: { type: 'string' },
            status: { enum: ['succeeded', 'failed'] },
            result: { $ref: '#/components/schemas/DetectResult' },
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, detail: { type: 'string' } },
            },
          },
        },
        JobWithResults: {
          allOf: [
            { $ref: '#/components/schemas/Job' },
            {
              type: 'object',
              properties: {
                results: { type: 'array', items: { $ref: '#/components/schemas/NoteOutcome' } },
                nextCursor: { type: 'string' },
              },
            },
          ],
        },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { enum: Object.keys(ERROR_CATALOGUE) },
            detail: { type: 'string' },
            instance: { type: 'string' },
            limit: { type: 'number' },
            limitName: { type: 'string' },
          },
        },
        // --- Review schemas (issue 20): see openapi-review.ts ---
        ...reviewSchemas(),
      },
    },
  };
}
