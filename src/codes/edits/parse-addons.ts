import { createError } from '../../core/errors.js';
import type { SourceEntry } from '../source-files.js';
import { CODE_CELL, delimitedRows } from './delimited-rows.js';
import type { AddonEdit } from './edit-tables.js';

/**
 * A CMS add-on code edit file: a header row naming the add-on code, primary code and edit type columns
 * (other columns — dates, notes — are ignored), one row per add-on/primary pair; type 2 rows carry no
 * primary.
 * @throws NotecoderError EDIT_FILE_INVALID naming the file and line
 */
export function parseAddons(entry: SourceEntry): AddonEdit[] {
  const rows = delimitedRows(entry);
  const header = rows.findIndex((r) => r.cells.some((c) => /add-?on code/i.test(c)));
  const names = rows[header]?.cells ?? [];
  const col = (pattern: RegExp): number => names.findIndex((c) => pattern.test(c));
  const addon = col(/^add-?on code$/i);
  const primary = col(/^primary code$/i);
  const type = col(/type/i);
  if (header < 0 || addon < 0 || primary < 0 || type < 0) {
    throw createError(
      'EDIT_FILE_INVALID',
      'no header naming the "Add-on Code", "Primary Code" and edit type columns',
      { file: entry.name },
    );
  }
  const byCode = new Map<string, { type: string; primaries: string[] }>();
  for (const row of rows.slice(header + 1)) {
    const code = (row.cells[addon] ?? '').toUpperCase();
    if (!CODE_CELL.test(code)) {
      continue;
    }
    const kind = /[123]/.exec(row.cells[type] ?? '')?.[0];
    if (kind === undefined) {
      throw createError('EDIT_FILE_INVALID', 'the edit type must be 1, 2 or 3', {
        file: entry.name,
        line: row.line,
      });
    }
    const entryOf = byCode.get(code) ?? { type: kind, primaries: [] };
    const p = (row.cells[primary] ?? '').toUpperCase();
    if (CODE_CELL.test(p) && !entryOf.primaries.includes(p)) {
      entryOf.primaries.push(p);
    }
    byCode.set(code, entryOf);
  }
  return [...byCode].map(([code, e]) => ({ addon: code, type: e.type, primaries: e.primaries }));
}
