import { createError } from '../../core/errors.js';
import type { SourceEntry } from '../source-files.js';
import { CODE_CELL, delimitedRows } from './delimited-rows.js';
import type { MueEdit } from './edit-tables.js';

/**
 * The CMS practitioner services MUE table (columns: HCPCS/CPT code, practitioner services MUE value, MUE
 * adjudication indicator, MUE rationale; a few lines of notices first).
 * @throws NotecoderError EDIT_FILE_INVALID naming the file and line
 */
export function parseMue(entry: SourceEntry): MueEdit[] {
  const out: MueEdit[] = [];
  for (const row of delimitedRows(entry)) {
    const [code = '', value = '', mai = '', rationale = ''] = row.cells;
    if (!CODE_CELL.test(code.toUpperCase())) {
      continue; // the notices and the header
    }
    const n = Number(value);
    const indicator = /^\s*([123])\b/.exec(mai)?.[1];
    if (!Number.isInteger(n) || n < 0 || indicator === undefined) {
      throw createError(
        'EDIT_FILE_INVALID',
        `not an MUE row: the value must be a whole number and the MAI start with 1, 2 or 3 (got "${value}", "${mai}")`,
        { file: entry.name, line: row.line },
      );
    }
    out.push({ code: code.toUpperCase(), value: n, mai: indicator, rationale });
  }
  if (out.length === 0) {
    throw createError('EDIT_FILE_INVALID', 'no MUE rows (code, MUE value, MAI, rationale) found', {
      file: entry.name,
    });
  }
  return out;
}
