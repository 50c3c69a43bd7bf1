import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../../core/errors.js';
import { canonicalIcd } from '../code-format.js';
import { readTsv } from '../read-tsv.js';

/** A team-written ICD-10-CM entry: code, official title, and the words notes use for it. */
export interface CommonIcdEntry {
  readonly code: string;
  readonly title: string;
  readonly synonyms: readonly string[];
}

/**
 * Loads `icd10cm-common.tsv` from the lexicon folder.
 * @throws NotecoderError LEXICON_INVALID naming file and line
 */
export function loadCommonIcdLexicon(dir: string): CommonIcdEntry[] {
  const file = join(dir, 'icd10cm-common.tsv');
  return readTsv(readFileSync(file, 'utf8'), file, 'LEXICON_INVALID', [
    'code',
    'title',
    'synonyms',
  ]).map((row) => {
    const code = canonicalIcd(row.cells.code ?? '');
    if (code === undefined) {
      throw createError('LEXICON_INVALID', `"${row.cells.code ?? ''}" is not an ICD-10-CM code`, {
        file,
        line: row.line,
      });
    }
    const synonyms = (row.cells.synonyms ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return { code, title: row.cells.title ?? '', synonyms };
  });
}
