import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { canonicalCode } from '../../src/codes/code-format.js';
import { createError, isNotecoderError } from '../../src/core/errors.js';
import type { Dataset, LabeledNote, ReadOptions } from './dataset-types.js';

const LineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().optional(),
  setting: z.enum(['outpatient', 'inpatient']).optional(),
  specialty: z.string().min(1).optional(),
  kind: z.string().min(1).optional(),
  codes: z.array(
    z.object({
      system: z.enum(['ICD-10-CM', 'CPT', 'HCPCS']),
      code: z.string().min(1),
      optional: z.boolean().optional(),
    }),
  ),
  // Codes a coder rejected (`notecoder review export`): recorded, not scored.
  rejected: z
    .array(
      z.object({
        system: z.enum(['ICD-10-CM', 'CPT', 'HCPCS']),
        code: z.string().min(1),
        reason: z.string().optional(),
      }),
    )
    .optional(),
});

/**
 * Reads a JSONL dataset: one `{"id", "text", "setting"?, "specialty"?, "kind"?, "codes": [{"system",
 * "code", "optional"?}], "rejected"?: [{"system", "code", "reason"?}]}` per line (`rejected`, written by
 * `notecoder review export`, is checked and not scored). A code listed both as required and as optional is required.
 * @param file - the .jsonl file
 * @throws NotecoderError DATASET_INVALID naming file and line (unless lenient)
 */
export function readJsonl(file: string, options: ReadOptions = {}): Dataset {
  const warnings: string[] = [];
  const notes: LabeledNote[] = [];
  const ids = new Set<string>();
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (raw === '') {
      continue;
    }
    try {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        throw createError(
          'DATASET_INVALID',
          `not valid JSON (${err instanceof Error ? err.message : String(err)})`,
          {
            file,
            line: i + 1,
          },
        );
      }
      const parsed = LineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw createError(
          'DATASET_INVALID',
          `field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
          {
            file,
            line: i + 1,
          },
        );
      }
      const { id, setting, codes, specialty, kind } = parsed.data;
      const text = parsed.data.text ?? options.texts?.get(id);
      if (text === undefined) {
        throw createError(
          'DATASET_INVALID',
          options.texts === undefined
            ? 'no "text": give the notes with --texts <file>'
            : `no "text", and note "${id}" is not in the --texts file`,
          { file, line: i + 1 },
        );
      }
      if (ids.has(id)) {
        throw createError('DATASET_INVALID', `duplicate id "${id}"`, { file, line: i + 1 });
      }
      ids.add(id);
      const gold = codes.map((c) => {
        try {
          return {
            system: c.system,
            code: canonicalCode(c.code, c.system),
            ...(c.optional === true ? { optional: true } : {}),
          };
        } catch {
          throw createError(
            'DATASET_INVALID',
            `"${c.code}" is not a well-formed ${c.system} code`,
            { file, line: i + 1 },
          );
        }
      });
      const group = specialty ?? kind;
      notes.push({
        id,
        text,
        ...(setting ? { setting } : {}),
        gold,
        ...(group === undefined ? {} : { group }),
      });
    } catch (err) {
      if (!options.lenient || !isNotecoderError(err)) {
        throw err;
      }
      warnings.push(err.message);
    }
  }
  if (notes.length === 0) {
    throw createError('DATASET_INVALID', 'no notes in the file', { file });
  }
  return { name: basename(file), format: 'jsonl', notes, warnings };
}
