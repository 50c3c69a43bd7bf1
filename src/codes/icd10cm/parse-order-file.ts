import { createError } from '../../core/errors.js';

/** One row of the official ICD-10-CM order file. */
export interface OrderRow {
  /** Dotted code, e.g. `E11.9`. */
  readonly code: string;
  /** Valid for HIPAA-covered transactions (flag `1`); headers carry `0`. */
  readonly billable: boolean;
  readonly shortTitle: string;
  readonly longTitle: string;
}

const CODE_FIELD = /^[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])[0-9A-Z]{0,4} *$/;

/**
 * Parses the fixed-width order file (`icd10cm-order-YYYY.txt`). Layout (1-based columns, from the
 * CDC's "ICD-10-CM order file format" notes): 1–5 order number, 6 blank, 7–13 code without dot,
 * 14 blank, 15 flag (0/1), 16 blank, 17–76 short title, 77 blank, 78– long title.
 * @param text - the whole file, CRLF or LF
 * @param file - display name used in errors
 * @throws NotecoderError ORDER_FILE_LINE_INVALID naming file and line
 */
export function parseOrderFile(text: string, file: string): OrderRow[] {
  const rows: OrderRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') {
      continue;
    }
    const bad = (why: string): never => {
      throw createError(
        'ORDER_FILE_LINE_INVALID',
        `${why} (expected: 5-digit order number, code in columns 7-13, flag 0/1 in column 15, short title in 17-76, long title from 78)`,
        { file, line: i + 1 },
      );
    };
    if (line.length < 78) {
      bad(`line is ${line.length} characters wide, an order-file line has at least 78`);
    }
    if (
      !/^\d{5}$/.test(line.slice(0, 5)) ||
      line[5] !== ' ' ||
      line[13] !== ' ' ||
      line[15] !== ' '
    ) {
      bad('fields are not at their fixed columns');
    }
    const rawCode = line.slice(6, 13);
    if (!CODE_FIELD.test(rawCode)) {
      bad(`"${rawCode.trim()}" in columns 7-13 is not an ICD-10-CM code`);
    }
    const flag = line[14];
    if (flag !== '0' && flag !== '1') {
      bad(`billable flag in column 15 is "${flag ?? ''}", expected 0 or 1`);
    }
    const compact = rawCode.trim();
    rows.push({
      code: compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact,
      billable: flag === '1',
      shortTitle: line.slice(16, 76).trim(),
      longTitle: line.slice(77).trim(),
    });
  }
  if (rows.length === 0) {
    throw createError('ORDER_FILE_LINE_INVALID', 'the order file holds no code lines', {
      file,
      line: 1,
    });
  }
  return rows;
}
