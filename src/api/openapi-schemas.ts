import { ERROR_CATALOGUE } from '../core/errors.js';
import { RESULT_WARNINGS } from '../core/result-warnings.js';
import { JOB_STATUSES } from '../jobs/job-types.js';

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

/** The OpenAPI document's response schemas: results, jobs, problems (request schemas come from zod). */
export function resultSchemas(): Record<string, unknown> {
  return {
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
        claim: { $ref: '#/components/schemas/Claim' },
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
          description: 'tagger-<sha256 prefix>, off, or unavailable (warning TAGGER_UNAVAILABLE)',
        },
        selection: {
          type: 'string',
          description: "the US coder's selection model that re-scored ICD-10-CM (billing rules)",
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
          required: ['done', 'failed', 'total'],
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
          required: ['results'],
          properties: {
            results: { type: 'array', items: { $ref: '#/components/schemas/NoteOutcome' } },
            nextCursor: { type: 'string' },
          },
        },
      ],
    },
    JobList: {
      type: 'object',
      required: ['items'],
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/Job' } },
        nextCursor: { type: 'string', description: 'pass as cursor for the next (older) page' },
      },
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
        field: { type: 'string', description: 'the request field at fault' },
        jobId: { type: 'string' },
      },
    },
  };
}
