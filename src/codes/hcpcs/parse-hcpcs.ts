import { createError } from '../../core/errors.js';
import { readTsv } from '../read-tsv.js';

/** One HCPCS Level II code or modifier. */
export interface HcpcsEntry {
  readonly code: string;
  readonly kind: 'procedure' | 'modifier';
  readonly shortTitle: string;
  readonly longTitle: string;
  /** YYYYMMDD when CMS discontinued the code; empty when active. */
  readonly terminated: string;
}

const CODE = /^[A-V][0-9]{4}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;

/**
 * Parses an HCPCS Level II file in either layout:
 * - tab-separated with a header (`code, kind, short_description, long_description, …, termination_date`);
 * - the CMS fixed-width annual file (`HCPCyyyy_CONTR_ANWEB.txt`), per its record layout: code in
 *   columns 1–5, sequence number 6–10, record id 11 (3/4 procedure first/continuation line, 7/8
 *   modifier first/continuation line), long description 12–91, short description 92–119; continuation
 *   lines extend the long description.
 * @param text - the file content
 * @param file - display name used in errors
 * @throws NotecoderError HCPCS_LINE_INVALID naming file and line
 */
export function parseHcpcs(text: string, file: string): HcpcsEntry[] {
  return /^\uFEFF?code\t/i.test(text) ? parseTsv(text, file) : parseFixedWidth(text, file);
}

function parseTsv(text: string, file: string): HcpcsEntry[] {
  const entries: HcpcsEntry[] = [];
  for (const row of readTsv(text, file, 'HCPCS_LINE_INVALID', ['code', 'long_description'])) {
    const code = (row.cells.code ?? '').toUpperCase();
    const kind = row.cells.kind === 'modifier' || MODIFIER.test(code) ? 'modifier' : 'procedure';
    if (kind === 'procedure' ? !CODE.test(code) : !MODIFIER.test(code)) {
      throw createError(
        'HCPCS_LINE_INVALID',
        `"${code}" is not an HCPCS Level II code or modifier`,
        {
          file,
          line: row.line,
        },
      );
    }
    entries.push({
      code,
      kind,
      shortTitle: row.cells.short_description ?? '',
      longTitle: row.cells.long_description ?? '',
      terminated: row.cells.termination_date ?? '',
    });
  }
  return entries;
}

function parseFixedWidth(text: string, file: string): HcpcsEntry[] {
  const byCode = new Map<string, { kind: HcpcsEntry['kind']; short: string; long: string[] }>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') {
      continue;
    }
    const code = line.slice(0, 5).trim();
    const recordId = line[10];
    const isModifier = recordId === '7' || recordId === '8';
    const valid =
      line.length >= 91 &&
      /^\d{5}$/.test(line.slice(5, 10)) &&
      (recordId === '3' || recordId === '4' || isModifier) &&
      (isModifier ? MODIFIER.test(code) : CODE.test(code));
    if (!valid) {
      throw createError(
        'HCPCS_LINE_INVALID',
        'not a CMS fixed-width HCPCS record (code 1-5, sequence 6-10, record id 3/4/7/8 in 11, descriptions from 12)',
        { file, line: i + 1 },
      );
    }
    const long = line.slice(11, 91).trim();
    const current = byCode.get(code);
    if (recordId === '3' || recordId === '7' || current === undefined) {
      byCode.set(code, {
        kind: isModifier ? 'modifier' : 'procedure',
        short: line.slice(91, 119).trim(),
        long: [long],
      });
    } else {
      current.long.push(long);
    }
  }
  return [...byCode].map(([code, value]) => ({
    code,
    kind: value.kind,
    shortTitle: value.short,
    longTitle: value.long.join(' ').replace(/\s+/g, ' ').trim(),
    terminated: '',
  }));
}
