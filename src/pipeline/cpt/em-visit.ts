import type { EmTimeRule } from '../../codes/cpt/cpt-types.js';

/** An office visit level chosen by total time. */
export interface EmLevel {
  readonly code: string;
  readonly patient: 'new' | 'established';
  readonly minutes: number;
  /** Units of prolonged service 99417 beyond the top level's time, if any. */
  readonly prolongedUnits: number;
  /** Character ranges of the patient-type words and of the time statement. */
  readonly patientSpan: { start: number; end: number };
  readonly timeSpan: { start: number; end: number };
}

const NEW =
  /\bnew patient\b|\bnew to (this|the|our) (practice|clinic|office)|\binitial (office )?visit\b|\bnew (pt|patient) visit\b/i;
const ESTABLISHED =
  /\bestablished patient\b|\bfollow[- ]up (office )?visit\b|\breturn (office )?visit\b|\breturns (to clinic|for follow)|\bestablished (pt|patient)\b/i;
const TIME =
  /\btotal (?:time|of)\b[^.\n]{0,200}?\b(\d{1,3})\s*(?:minutes|mins?)\b|\b(\d{1,3})\s*(?:minutes|mins?)\b[^.\n]{0,60}?\b(?:total|in total|on the (?:date|day) of)|\btime\s*:\s*(\d{1,3})\s*(?:minutes|mins?)\b/i;

/**
 * Office/outpatient E/M by documented total time (CPT 2021+: time on the date of the encounter):
 * new or established from the note's words, the level from the team's time table, 99417 units beyond
 * the top level. No patient type or no total time → no level (medical decision making is not scored).
 */
export function emLevel(text: string, rules: readonly EmTimeRule[]): EmLevel | undefined {
  // Every time statement names minutes: without "min" there is nothing to read (most notes).
  if (!/min/i.test(text)) {
    return undefined;
  }
  const isNew = NEW.exec(text);
  const isEstablished = ESTABLISHED.exec(text);
  const patientMatch = isNew ?? isEstablished;
  const time = TIME.exec(text);
  if (patientMatch === null || time === null) {
    return undefined;
  }
  const patient = isNew !== null ? 'new' : 'established';
  const minutes = Number(time[1] ?? time[2] ?? time[3]);
  const levels = rules
    .filter((r) => r.patient === patient)
    .sort((a, b) => a.minMinutes - b.minMinutes);
  const level = [...levels].reverse().find((r) => minutes >= r.minMinutes);
  if (level === undefined) {
    return undefined;
  }
  const top = levels.at(-1);
  // 99417: each full 15 minutes beyond the top level's range (new 74, established 54 minutes).
  const ceiling = top === undefined ? Infinity : top.minMinutes + 14;
  const prolongedUnits = minutes > ceiling ? Math.floor((minutes - ceiling) / 15) : 0;
  return {
    code: level.code,
    patient,
    minutes,
    prolongedUnits,
    patientSpan: { start: patientMatch.index, end: patientMatch.index + patientMatch[0].length },
    timeSpan: { start: time.index, end: time.index + time[0].length },
  };
}
