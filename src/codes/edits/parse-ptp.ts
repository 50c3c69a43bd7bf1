import { createError } from '../../core/errors.js';
import type { SourceEntry } from '../source-files.js';
import { CODE_CELL, delimitedRows, isoDate } from './delimited-rows.js';
import type { PtpEdit } from './edit-tables.js';

/**
 * An NCCI procedure-to-procedure edit file (practitioner or hospital; columns: column 1, column 2,
 * `*` in existence prior to 1996, effective date, deletion date (`*` = none), modifier indicator 0/1/9,
 * PTP edit rationale; the headings span a few lines first).
 * @throws NotecoderError EDIT_FILE_INVALID naming the file and line
 */
export function parsePtp(entry: SourceEntry): PtpEdit[] {
  const out: PtpEdit[] = [];
  for (const row of delimitedRows(entry)) {
    const [c1 = '', c2 = '', star = '', effective = '', deletion = '', modifier = '', ...why] =
      row.cells;
    if (!CODE_CELL.test(c1.toUpperCase()) || !CODE_CELL.test(c2.toUpperCase())) {
      continue;
    }
    const from = isoDate(effective);
    const to = deletion === '*' || deletion === '' ? undefined : isoDate(deletion);
    if (
      from === undefined ||
      (to === undefined && deletion !== '*' && deletion !== '') ||
      (modifier !== '0' && modifier !== '1' && modifier !== '9')
    ) {
      throw createError(
        'EDIT_FILE_INVALID',
        `not a PTP row: effective date YYYYMMDD, deletion date or *, modifier indicator 0, 1 or 9 (got "${effective}", "${deletion}", "${modifier}")`,
        { file: entry.name, line: row.line },
      );
    }
    out.push({
      column1: c1.toUpperCase(),
      column2: c2.toUpperCase(),
      priorTo1996: star === '*',
      effective: from,
      ...(to === undefined ? {} : { deletion: to }),
      modifier,
      rationale: why.join(' ').trim(),
    });
  }
  if (out.length === 0) {
    throw createError('EDIT_FILE_INVALID', 'no PTP rows (column 1, column 2, …) found', {
      file: entry.name,
    });
  }
  return out;
}
