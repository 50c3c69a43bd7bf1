import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createError } from '../../src/core/errors.js';

/**
 * Reads note texts by id from a JSONL file (plain or `.gz`) of `{"id", "text", ...}` objects, such as
 * the MTSamples collection (`unlabeled.jsonl.gz`), to join with label files that carry codes only.
 * @throws NotecoderError DATASET_INVALID naming the file and line
 */
export function readTexts(file: string): Map<string, string> {
  if (!existsSync(file)) {
    throw createError('DATASET_INVALID', 'no such file', { file });
  }
  const raw = readFileSync(file);
  const content = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const texts = new Map<string, string>();
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      return;
    }
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw createError('DATASET_INVALID', 'not valid JSON', { file, line: i + 1 });
    }
    const { id, text } = (row ?? {}) as { id?: unknown; text?: unknown };
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string') {
      throw createError('DATASET_INVALID', 'expected {"id", "text"}', { file, line: i + 1 });
    }
    texts.set(String(id), text);
  });
  return texts;
}
