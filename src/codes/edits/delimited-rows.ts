import { createError } from '../../core/errors.js';
import type { SourceEntry } from '../source-files.js';

/** One row of a delimited file, with its 1-based line number. */
export interface DelimitedRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** The cells of one CSV or tab-separated line (double quotes may hold delimiters and "" quotes). */
export function splitCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * The rows of a CMS table file (CSV or tab-separated text, as CMS publishes them: a few lines of
 * notices before the data). `isData` picks the data rows; everything before the first is preamble.
 * @throws NotecoderError EDIT_FILE_INVALID when the file is a spreadsheet (convert it to CSV first)
 */
export function delimitedRows(entry: SourceEntry): DelimitedRow[] {
  if (/\.xlsx?$/.test(entry.fileName)) {
    throw createError(
      'EDIT_FILE_INVALID',
      'a spreadsheet: save it as CSV (or use the tab-separated text file CMS publishes beside it)',
      { file: entry.name },
    );
  }
  const text = new TextDecoder('latin1').decode(entry.bytes);
  const lines = text.split(/\r?\n/);
  const sample = lines.slice(0, 50).join('\n');
  const delimiter =
    (sample.match(/\t/g) ?? []).length > (sample.match(/,/g) ?? []).length ? '\t' : ',';
  const out: DelimitedRow[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() !== '') {
      out.push({ line: i + 1, cells: splitCells(raw, delimiter) });
    }
  });
  return out;
}

/** A CPT/HCPCS code cell: five characters, digits or a letter and four digits (or four digits and a letter). */
export const CODE_CELL = /^(?:\d{4}[0-9A-Z]|[A-Z]\d{4})$/;

/** `YYYYMMDD`, `YYYY-MM-DD` or `MM/DD/YYYY` as ISO `YYYY-MM-DD`; undefined for anything else. */
export function isoDate(cell: string): string | undefined {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(cell);
  if (compact) {
    return `${compact[1] ?? ''}-${compact[2] ?? ''}-${compact[3] ?? ''}`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    return cell;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  return us
    ? `${us[3] ?? ''}-${(us[1] ?? '').padStart(2, '0')}-${(us[2] ?? '').padStart(2, '0')}`
    : undefined;
}
