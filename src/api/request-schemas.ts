import { createHash } from 'node:crypto';
import { z } from 'zod';
import { createError } from '../core/errors.js';
import type { JobNote, JobOptions, JobSubmission } from '../jobs/job-types.js';

const Setting = z.enum(['outpatient', 'inpatient']);
const System = z.enum(['ICD-10-CM', 'CPT', 'HCPCS']);

/** One note in a request. Empty text is accepted: that note fails alone with NOTE_EMPTY. */
export const NoteSchema = z
  .object({
    id: z.string().min(1).max(200),
    text: z.string(),
    setting: Setting.optional(),
    encounterDate: z.iso.date().optional(),
  })
  .strict();

/** Detection options shared by jobs and `/v1/detect`. */
export const OptionsSchema = z
  .object({
    threshold: z.number().min(0).max(1).optional(),
    systems: z.array(System).min(1).max(3).optional(),
    setting: Setting.optional(),
    tagger: z.boolean().optional(),
    rules: z.enum(['billing', 'mentions']).optional(),
    redact: z.boolean().optional(),
    billing: z
      .object({
        component: z.enum(['professional', 'technical', 'global']).optional(),
        distinct: z.enum(['x', '59']).optional(),
        dateOfService: z.iso.date().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** `POST /v1/jobs` body. */
export const JobRequestSchema = z
  .object({
    notes: z.array(NoteSchema).min(1),
    options: OptionsSchema.optional(),
    callbackUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .strict();

/** `POST /v1/detect` body: one note; `options.save: true` keeps it as a one-note job to review. */
export const DetectRequestSchema = z
  .object({
    note: NoteSchema,
    options: OptionsSchema.extend({ save: z.boolean().optional() }).strict().optional(),
  })
  .strict();

/** Request limits enforced before anything is queued. */
export interface RequestLimits {
  readonly maxNotesPerJob: number;
  readonly maxNoteChars: number;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join('.') : '(body)';
    throw createError('INVALID_REQUEST', `${at}: ${issue?.message ?? 'invalid'}`, { field: at });
  }
  return parsed.data;
}

function checkNote(note: JobNote, index: number, limits: RequestLimits): void {
  if (note.text.length > limits.maxNoteChars) {
    throw createError(
      'NOTE_TOO_LARGE',
      `note ${String(index)} ("${note.id}") has ${String(note.text.length)} characters; the limit is ${String(limits.maxNoteChars)}`,
      { limit: limits.maxNoteChars, limitName: 'NOTECODER_MAX_NOTE_CHARS', noteId: note.id },
    );
  }
}

const clean = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Validates a job request: schema, limits, unique note ids.
 * @throws NotecoderError INVALID_REQUEST, TOO_MANY_NOTES, NOTE_TOO_LARGE, DUPLICATE_NOTE_ID
 */
export function parseJobRequest(body: unknown, limits: RequestLimits): JobSubmission {
  const req = parse(JobRequestSchema, body);
  if (req.notes.length > limits.maxNotesPerJob) {
    throw createError(
      'TOO_MANY_NOTES',
      `the job has ${String(req.notes.length)} notes; the limit is ${String(limits.maxNotesPerJob)}`,
      { limit: limits.maxNotesPerJob, limitName: 'NOTECODER_MAX_NOTES_PER_JOB' },
    );
  }
  const notes = req.notes.map((n) => clean(n) as JobNote);
  const seen = new Set<string>();
  notes.forEach((note, i) => {
    checkNote(note, i, limits);
    if (seen.has(note.id)) {
      throw createError('DUPLICATE_NOTE_ID', `note id "${note.id}" appears twice`, {
        noteId: note.id,
      });
    }
    seen.add(note.id);
  });
  return {
    notes,
    options: clean(req.options ?? {}) as JobOptions,
    ...(req.callbackUrl === undefined ? {} : { callbackUrl: req.callbackUrl }),
  };
}

/** Validates a `/v1/detect` request. */
export function parseDetectRequest(
  body: unknown,
  limits: RequestLimits,
): { note: JobNote; options: JobOptions; save: boolean } {
  const req = parse(DetectRequestSchema, body);
  const note = clean(req.note) as JobNote;
  checkNote(note, 0, limits);
  const { save, ...options } = req.options ?? {};
  return { note, options: clean(options) as JobOptions, save: save === true };
}

/** Fingerprint of a request body for idempotency: SHA-256 of its JSON. */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}
