import { z } from 'zod';
import type { CodeSet } from '../codes/code-set.js';
import { createError, isNotecoderError } from '../core/errors.js';
import type { NoteOutcome } from '../jobs/job-types.js';
import type { AddedCode, ReviewContent, ReviewDecision } from '../jobs/review-types.js';

const System = z.enum(['ICD-10-CM', 'CPT', 'HCPCS']);
const Code = z.string().min(1).max(20);

/** `PUT /v1/jobs/{id}/notes/{noteId}/review` body: the whole review state of the note. */
export const ReviewSchema = z
  .object({
    decisions: z
      .array(
        z
          .object({
            system: System,
            code: Code,
            decision: z.enum(['accepted', 'rejected', 'restored']),
            reason: z.string().min(1).max(1000).optional(),
          })
          .strict(),
      )
      .max(500)
      .default([]),
    added: z
      .array(
        z
          .object({
            system: System,
            code: Code,
            explanation: z.string().min(1).max(1000).optional(),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    note: z.string().max(4000).optional(),
    text: z.string().min(1).optional(),
  })
  .strict();

const key = (c: { system: string; code: string }): string => `${c.system} ${c.code}`;

/**
 * Validates a review against the note's result and the code set: a decision names a suggestion of the
 * result (accept/reject) or a suppressed candidate (restore); an added code exists in the code set and
 * is billable unless explained; no code appears twice. Codes come back in canonical form.
 * @throws NotecoderError INVALID_REQUEST, INVALID_DECISION, INVALID_CODE, CODE_NOT_BILLABLE, NOTE_TOO_LARGE
 */
export function parseReview(
  body: unknown,
  outcome: NoteOutcome,
  codeSet: CodeSet,
  maxNoteChars: number,
): ReviewContent {
  const parsed = ReviewSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join('.') : '(body)';
    throw createError('INVALID_REQUEST', `${at}: ${issue?.message ?? 'invalid'}`, { field: at });
  }
  const review = parsed.data;
  if (review.text !== undefined && review.text.length > maxNoteChars) {
    throw createError('NOTE_TOO_LARGE', `text is longer than ${String(maxNoteChars)} characters`, {
      limit: maxNoteChars,
      limitName: 'NOTECODER_MAX_NOTE_CHARS',
    });
  }
  const suggested = new Set(outcome.result?.suggestions.map(key) ?? []);
  const suppressed = new Set(outcome.result?.suppressed.map(key) ?? []);
  const seen = new Set<string>();
  const decisions = review.decisions.map((d, i): ReviewDecision => {
    const k = key(d);
    const field = `decisions.${String(i)}`;
    const pool = d.decision === 'restored' ? suppressed : suggested;
    if (!pool.has(k)) {
      throw createError(
        'INVALID_DECISION',
        d.decision === 'restored'
          ? `${k} is not a suppressed candidate of this note: only those can be restored`
          : `${k} is not a suggestion of this note: add a missed code under "added"`,
        { field },
      );
    }
    once(seen, k, field);
    return {
      system: d.system,
      code: d.code,
      decision: d.decision,
      ...optional('reason', d.reason),
    };
  });
  const added = review.added.map((a, i): AddedCode => {
    const field = `added.${String(i)}`;
    const info = lookup(codeSet, a.code, a.system, field);
    if (!codeSet.isBillable(info.code, a.system) && a.explanation === undefined) {
      throw createError(
        'CODE_NOT_BILLABLE',
        `${a.system} ${info.code} is not billable (a category or header): pick a billable code below it, or give an "explanation"`,
        { field, code: info.code },
      );
    }
    once(seen, key({ system: a.system, code: info.code }), field);
    return { system: a.system, code: info.code, ...optional('explanation', a.explanation) };
  });
  return {
    decisions,
    added,
    ...optional('note', review.note),
    ...optional('text', review.text),
  };
}

function lookup(codeSet: CodeSet, code: string, system: AddedCode['system'], field: string) {
  try {
    return codeSet.require(code, system);
  } catch (err) {
    if (isNotecoderError(err)) {
      throw createError('INVALID_CODE', `${system} ${code} is not in the code set`, { field });
    }
    throw err;
  }
}

function once(seen: Set<string>, k: string, field: string): void {
  if (seen.has(k)) {
    throw createError('INVALID_REQUEST', `${k} appears twice in the review`, { field });
  }
  seen.add(k);
}

const optional = <K extends string>(
  name: K,
  value: string | undefined,
): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [name]: value } as Partial<Record<K, string>>);
