import type { DetectResult } from '../core/types.js';
import { claimCsvRows } from './claim-csv.js';

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * One row per suggestion and suppressed candidate: note, code, system, title, confidence, status, the
 * note's assertion (with `rules: mentions` a suggestion may be `absent` or `historical`), evidence.
 */
export function toCsv(results: readonly DetectResult[]): string {
  const header = [
    'note_id',
    'code',
    'system',
    'title',
    'confidence',
    'status',
    'assertion',
    'reason',
    'modifiers',
    'evidence',
    'units',
    'diagnoses',
  ];
  const rows = results.flatMap((r) => [
    ...r.suggestions.map((s) => [
      r.noteId,
      s.code,
      s.system,
      s.title,
      s.confidence,
      'suggested',
      s.assertion,
      '',
      (s.modifiers ?? []).join(' '),
      s.evidence.map((e) => e.text).join(' | '),
      '',
      '',
    ]),
    ...r.suppressed.map((s) => [
      r.noteId,
      s.code,
      s.system,
      s.title,
      s.confidence,
      'suppressed',
      s.assertion,
      s.reason,
      (s.modifiers ?? []).join(' '),
      s.evidence.map((e) => e.text).join(' | '),
      '',
      '',
    ]),
    ...claimCsvRows(r),
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers `content` as a file download (an object URL: nothing goes into the page URL). */
export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
