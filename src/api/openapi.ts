import { z } from 'zod';
import { resultSchemas } from './openapi-schemas.js';
import { DetectRequestSchema, JobRequestSchema } from './request-schemas.js';
import { claimPaths, claimSchemas } from './openapi-claims.js';
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

/** What any request can meet before its route: a path or headers the server cannot take. */
const transport = {
  '400': problem(
    'Invalid request (INVALID_REQUEST, MALFORMED_JSON, INVALID_PATH, MALFORMED_HTTP, ...)',
  ),
  '431': problem('Request line or headers over the server limit (HEADERS_TOO_LARGE)'),
};

/** Every authenticated `/v1` operation's 4xx and 5xx answers. */
const errors = {
  ...transport,
  '401': problem('Missing or unknown API key'),
  '403': problem('A read-only key on a route that changes something'),
  '429': problem(
    'Rate limit (per key), or too many failed authentications (per address); see Retry-After',
  ),
  '503': problem('Queue unreachable or shutting down; see Retry-After'),
};

/** Paths from another module with every authenticated operation's 4xx and 5xx added where not declared. */
function withErrors(paths: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(paths)) {
    const ops: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(item as Record<string, { responses?: object }>)) {
      ops[method] = { ...op, responses: { ...errors, ...op.responses } };
    }
    out[path] = ops;
  }
  return out;
}

/** Errors of operations with a JSON body. */
const bodyErrors = {
  ...errors,
  '413': problem('Body, notes per job or characters per note over the limit (the limit is named)'),
  '415': problem('Body is not application/json'),
};

/** The OpenAPI 3.1 document served at `/openapi.json`; request schemas come from the validators. */
export function openApiDocument(version: string): Record<string, unknown> {
  const jobId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    servers: [
      {
        url: '/',
        description: 'the server that serves this document (notecoder serve; default port 8080)',
      },
    ],
    info: {
      title: 'notecoder',
      version,
      description:
        'Proposes ICD-10-CM, CPT and HCPCS codes for clinical notes, with evidence spans, calibrated confidence and the reasons codes were kept or suppressed. Every error is application/problem+json with a stable `code`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    security: [{ bearer: [] }],
    paths: {
      ...withErrors(claimPaths),
      '/v1/jobs': {
        get: {
          operationId: 'listJobs',
          summary: 'The caller’s tenant’s jobs, newest first (Link: rel="next")',
          parameters: [
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: { '200': json('JobList', 'A page of jobs'), ...errors },
        },
        post: {
          operationId: 'submitJob',
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
            ...bodyErrors,
          },
        },
      },
      '/v1/jobs/{id}': {
        get: {
          operationId: 'getJob',
          summary: 'Job status, progress and a page of results (Retry-After while not finished)',
          parameters: [
            jobId,
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: {
            '200': json('JobWithResults', 'The job'),
            '404': problem('Unknown, expired or purged job, or another tenant’s'),
            ...errors,
          },
        },
        delete: {
          operationId: 'cancelOrPurgeJob',
          summary: 'Cancel (queued notes are not processed); ?purge=true deletes job and results',
          parameters: [jobId, { name: 'purge', in: 'query', schema: { type: 'boolean' } }],
          responses: {
            '200': json('Job', 'Cancelled'),
            '204': { description: 'Purged' },
            '404': problem('Unknown job, or another tenant’s'),
            ...errors,
          },
        },
      },
      '/v1/detect': {
        post: {
          operationId: 'detect',
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
            '504': problem('No answer within NOTECODER_DETECT_TIMEOUT_MS (DETECT_TIMEOUT)'),
            ...bodyErrors,
          },
        },
      },
      '/v1/redact': {
        post: {
          operationId: 'redact',
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
            ...bodyErrors,
          },
        },
      },
      '/v1/codes': {
        get: {
          operationId: 'searchCodes',
          summary:
            'Search the code set: a code number ("E11.22", "71250") or its start ("E11") first, then words; each hit says whether it is billable (false: an ICD-10-CM category, code to a child)',
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
          operationId: 'getCode',
          summary:
            'Look a code up: title, billable, hierarchy, notes, 7th characters, and its own and inherited "use additional code" / "code first" / "code also" notes with the codes they name (instructions)',
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
          operationId: 'health',
          summary: 'Process is up',
          security: [],
          responses: { '200': { description: 'ok' }, ...transport },
        },
      },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: 'Code set loaded and queue reachable',
          security: [],
          responses: {
            '200': {
              description:
                'ready: { status, backend, codeSet, lexiconOnly (no official ICD-10-CM release loaded), operatingThreshold }',
            },
            '503': problem('not ready'),
            ...transport,
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus metrics',
          security: [],
          responses: { '200': { description: 'text/plain; version=0.0.4' }, ...transport },
        },
      },
      ...withErrors(REVIEW_PATHS),
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...claimSchemas,
        JobRequest: schema(JobRequestSchema),
        DetectRequest: schema(DetectRequestSchema),
        RedactRequest: schema(RedactRequestSchema),
        ...resultSchemas(),
        ...reviewSchemas(),
      },
    },
  };
}
