import type { DetectResult } from '../core/types.js';

/**
 * One CSV row per claim line, in the export's columns (note_id, code, system, title, confidence, status,
 * assertion, reason, modifiers, evidence, units, diagnoses, review, review_reason): status `claim line N`, the modifiers' and
 * units' reasons as the reason.
 */
export function claimCsvRows(r: DetectResult): (string | number)[][] {
  return (r.claim?.lines ?? []).map((l) => [
    r.noteId,
    l.code,
    l.system,
    l.title,
    '',
    `claim line ${String(l.line)}`,
    '',
    [
      `units: ${l.unitsBasis.reason}`,
      ...l.modifiers.map((m) => `${m.code}: ${m.reason}`),
      ...(l.findings ?? []).map((f) => `${f.rule} ${f.action}: ${f.message}`),
    ].join('; '),
    l.modifiers.map((m) => m.code).join(' '),
    l.evidence.map((e) => e.text).join(' | '),
    l.units,
    l.diagnosisCodes.join(' '),
    '',
    '',
  ]);
}
