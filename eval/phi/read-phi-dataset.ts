import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createError } from '../../src/core/errors.js';
import { PHI_TYPES, type PhiSpan, type PhiType } from '../../src/core/redaction-types.js';

/** One note with its gold PHI spans. */
export interface PhiNote {
  readonly id: string;
  readonly text: string;
  readonly phi: readonly PhiSpan[];
}

const LineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string(),
  phi: z.array(
    z.object({
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      type: z.enum(PHI_TYPES as [PhiType, ...PhiType[]]),
      text: z.string().optional(),
    }),
  ),
});

/**
 * Reads a PHI set: one `{"id", "text", "phi": [{"start", "end", "type", "text"?}]}` per line (the
 * format of `phi-dev.jsonl`). Offsets are checked against the text (and against `text` when given).
 * @throws DATASET_INVALID naming the file and line
 */
export function readPhiDataset(file: string): PhiNote[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw createError('DATASET_INVALID', 'cannot read the PHI set', { file }, err);
  }
  const notes: PhiNote[] = [];
  const ids = new Set<string>();
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      return;
    }
    const where = { file, line: i + 1 };
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw createError('DATASET_INVALID', 'not valid JSON', where);
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw createError(
        'DATASET_INVALID',
        `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
        where,
      );
    }
    const { id, text, phi } = parsed.data;
    if (ids.has(id)) {
      throw createError('DATASET_INVALID', `note id "${id}" appears twice`, where);
    }
    ids.add(id);
    for (const s of phi) {
      if (s.end <= s.start || s.end > text.length) {
        throw createError(
          'DATASET_INVALID',
          `span ${s.start}–${s.end} lies outside the text`,
          where,
        );
      }
      if (s.text !== undefined && text.slice(s.start, s.end) !== s.text) {
        throw createError(
          'DATASET_INVALID',
          `span ${s.start}–${s.end}: its "text" differs from the note at those offsets`,
          where,
        );
      }
    }
    notes.push({ id, text, phi: phi.map(({ start, end, type }) => ({ start, end, type })) });
  });
  return notes;
}
