import { createError, type ErrorCode } from '../core/errors.js';

/** One data row of a TSV file, with its 1-based line number for error messages. */
export interface TsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/**
 * Reads a tab-separated file with a header row; blank lines and lines starting with `#` are skipped.
 * Cells are trimmed.
 * @param text - the file content
 * @param file - display name used in errors
 * @param errorCode - the catalogued error to raise on a malformed line
 * @param required - header columns that must be present
 */
export function readTsv(
  text: string,
  file: string,
  errorCode: ErrorCode,
  required: readonly string[],
): TsvRow[] {
  const lines = text.split('\n');
  let header: string[] | undefined;
  const rows: TsvRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '' || raw.startsWith('#')) {
      continue;
    }
    const cells = raw.split('\t');
    if (header === undefined) {
      header = cells.map((cell) => cell.trim());
      const missing = required.filter((column) => !header?.includes(column));
      if (missing.length > 0) {
        throw createError(errorCode, `header lacks column(s) ${missing.join(', ')}`, {
          file,
          line: i + 1,
        });
      }
      continue;
    }
    if (cells.length > header.length) {
      throw createError(
        errorCode,
        `${cells.length} tab-separated fields, the header has ${header.length}`,
        { file, line: i + 1 },
      );
    }
    const record: Record<string, string> = {};
    header.forEach((column, j) => {
      record[column] = (cells[j] ?? '').trim();
    });
    rows.push({ line: i + 1, cells: record });
  }
  if (header === undefined) {
    throw createError(errorCode, 'the file is empty (no header row)', { file, line: 1 });
  }
  return rows;
}
