import type { SourceEntry } from './source-files.js';

/** What kind of official release file an entry is. */
export type SourceKind =
  | 'icd10cm-order'
  | 'icd10cm-codes'
  | 'icd10cm-addenda'
  | 'icd10cm-tabular'
  | 'icd10cm-index'
  | 'icd10cm-neoplasm'
  | 'icd10cm-drug'
  | 'icd10cm-eindex'
  | 'hcpcs'
  | 'other';

const ORDER_LINE = /^\d{5} [A-Z0-9 ]{7} [01] /;

/**
 * Recognises an official release file by its content, with its name as a tie-breaker: the CDC
 * renames its files between years, the layouts stay.
 * @param entry - a file read by `readSourceEntries`
 */
export function classifySource(entry: SourceEntry): SourceKind {
  const name = entry.fileName;
  const head = Buffer.from(entry.bytes.subarray(0, 4096)).toString('utf8');
  if (name.endsWith('.xml')) {
    if (head.includes('<ICD10CM.tabular')) {
      return 'icd10cm-tabular';
    }
    if (head.includes('<ICD10CM.index')) {
      if (/<head col="1">\s*Neoplasm/i.test(head)) {
        return 'icd10cm-neoplasm';
      }
      if (/<head col="1">\s*(Substance|Drug)/i.test(head)) {
        return 'icd10cm-drug';
      }
      if (/EXTERNAL CAUSE/i.test(head) || name.includes('eindex')) {
        return 'icd10cm-eindex';
      }
      return 'icd10cm-index';
    }
    return 'other';
  }
  if (name.endsWith('.txt') || name.endsWith('.tsv')) {
    if (name.includes('addenda') || /^(Add|Delete|Revise (from|to)):/m.test(head)) {
      return 'icd10cm-addenda';
    }
    if (ORDER_LINE.test(head)) {
      return 'icd10cm-order';
    }
    if (/^[A-Z][0-9][0-9A-Z]{1,5} +\S/.test(head) && name.includes('code')) {
      return 'icd10cm-codes';
    }
    if (/^code\tkind\t/i.test(head) || /^[A-Z0-9]{2}[A-Z0-9 ]{3}\d{5}[3478]/.test(head)) {
      return 'hcpcs';
    }
  }
  return 'other';
}

/** The four-digit year in a file name (`icd10cm-order-2026.txt` → 2026), or `undefined`. */
export function yearFromName(name: string): number | undefined {
  const years = [...name.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  return years.length > 0 ? Math.max(...years) : undefined;
}
