import type { Setting } from '../../../core/types.js';
import type { SectionSpan } from '../../../text/sections.js';
import { emDoc, type Hit } from './em-doc.js';
import { emEncounter, FAMILY_LABEL, type EmEncounter } from './em-family.js';
import { medicalDecisionMaking, type Mdm } from './em-mdm.js';
import { encounterTimes, type EmTime } from './em-time.js';
import {
  MDM_LEVELS,
  type EmFamily,
  type EmKnowledge,
  type EmLevelRow,
  type Span,
} from './em-types.js';

/** The index of the moderate level in {@link MDM_LEVELS}. */
const MODERATE = MDM_LEVELS.indexOf('moderate');
/** Office and other outpatient visits, the family the 2021 MDM table was written for. */
const OFFICE: ReadonlySet<EmFamily> = new Set(['office-new', 'office-established']);

/** An E/M code proposed for a note, with the words it rests on. */
export interface EmCode {
  readonly code: string;
  /** Units of an add-on code (99417, 99418, 99292); 1 for a level. */
  readonly units: number;
  readonly confidence: number;
  /** Time statement or MDM words first, then the family and patient-type words. */
  readonly evidence: readonly Span[];
  readonly reasons: readonly string[];
}

/**
 * Fixed confidences, ranked against the operating threshold (0.269 with the tagger, 0.25 without: an MDM
 * level sits below both). A level read from a
 * documented time in a clearly stated family is what a coder reports (above it); the same time in a
 * family or patient type assumed from the setting is a likely code (just above it). A level from medical
 * decision making is a judgement coders often leave optional, and a wrong level is an overcoded claim:
 * it is proposed for review, below the threshold (lower still when the family was assumed). Add-on codes
 * sit a little below their level, but for the prolonged services 99417/99418, which payers take at
 * different times (Medicare bills its own HCPCS codes from later minutes): proposed for review.
 */
export const EM_CONFIDENCE = {
  time: 0.9,
  timeAssumed: 0.45,
  mdmProblems: 0.3,
  mdm: 0.24,
  mdmAssumed: 0.15,
  addOn: 0.1,
  prolonged: 0.2,
} as const;

/** What `emVisit` needs to know about a note beside its text. */
export interface EmVisitOptions {
  /** `outpatient` (office, ED, office consults) or `inpatient` (hospital care, inpatient consults). */
  readonly setting: Setting;
  /** The note's title is an imaging exam: a report, never an E/M. */
  readonly imagingReport?: boolean;
  /** The note's sections, when the caller has them. */
  readonly sections?: readonly SectionSpan[];
}

/**
 * The E/M codes of a note: the family from its words and setting; the level by documented total time
 * when the family has time levels and the time reaches the lowest, else by medical decision making;
 * critical care (99291/99292) when 30 minutes or more of critical care are documented; prolonged service
 * (99417/99418) beyond the top level's time. Nothing for a note that is not an E/M encounter.
 * @param text - the note
 * @param em - the E/M tables and lexicons
 * @param options - the setting, whether the note is an imaging report, its sections
 */
export function emVisit(text: string, em: EmKnowledge, options: EmVisitOptions): EmCode[] {
  const { setting, imagingReport = false } = options;
  const doc = emDoc(text, options.sections);
  const times = encounterTimes(doc, em.cues);
  const encounter = emEncounter(doc, em.cues, setting, imagingReport, times.length > 0);
  if ('why' in encounter) {
    return [];
  }
  const critical = longest(times.filter((t) => t.kind === 'critical'));
  const criticalRows = em.levels.filter((r) => r.family === 'critical-care');
  const firstCritical = criticalRows[0]?.minutes ?? Infinity;
  if (critical !== undefined && critical.minutes >= firstCritical && criticalRows[0]) {
    return byTime(em, 'critical-care', criticalRows[0], critical, encounter, EM_CONFIDENCE.time);
  }
  const rows = em.levels
    .filter((r) => r.family === encounter.family)
    .sort((a, b) => (a.minutes ?? 0) - (b.minutes ?? 0));
  const clear = encounter.familyClear && encounter.patientClear;
  const total = longest(
    times.filter(
      (t) => t.kind === 'visit' || (encounter.family === 'discharge' && t.kind === 'discharge'),
    ),
  );
  const timed = rows.filter((r) => r.minutes !== null);
  const lowest = timed[0]?.minutes ?? Infinity;
  if (total !== undefined && total.minutes >= lowest) {
    const row = [...timed].reverse().find((r) => total.minutes >= (r.minutes ?? Infinity));
    if (row !== undefined) {
      const confidence = clear ? EM_CONFIDENCE.time : EM_CONFIDENCE.timeAssumed;
      return byTime(em, encounter.family, row, total, encounter, confidence);
    }
  }
  const mdmRows = rows.filter((r) => r.mdm.length > 0);
  const confidence = clear ? EM_CONFIDENCE.mdm : EM_CONFIDENCE.mdmAssumed;
  if (mdmRows.length === 0) {
    // Discharge day management without a documented time: the lower level (30 minutes or less).
    const [lower, higher] = rows;
    const why = `Level: no time documented, so the lower level${higher ? `; ${higher.code} needs ${higher.minutes ?? 0} minutes or more documented` : ''}`;
    return lower === undefined ? [] : [level(lower.code, confidence, encounter, [], [why])];
  }
  const mdm = medicalDecisionMaking(doc, em.mdm);
  const row = mdmRows.find((r) => r.mdm.includes(mdm.level));
  if (row === undefined) {
    return [];
  }
  // An office visit's moderate or high level whose problems addressed meet it by themselves (not
  // carried by the data and the risk over one stable problem) is the level a coder reports when new or
  // established is stated. Hospital, emergency and consult levels stay for review: their notes leave
  // the level to the coder far more often.
  const rank = MDM_LEVELS.indexOf(mdm.level);
  const firm =
    clear && OFFICE.has(encounter.family) && rank >= MODERATE && mdm.problems.score >= rank;
  return [
    level(
      row.code,
      firm ? EM_CONFIDENCE.mdmProblems : confidence,
      encounter,
      mdmEvidence(mdm),
      mdmReasons(mdm, total),
    ),
  ];
}

function longest(times: readonly EmTime[]): EmTime | undefined {
  return times.reduce<EmTime | undefined>(
    (a, t) => (a === undefined || t.minutes > a.minutes ? t : a),
    undefined,
  );
}

function level(
  code: string,
  confidence: number,
  encounter: EmEncounter,
  evidence: readonly Span[],
  reasons: readonly string[],
): EmCode {
  return {
    code,
    units: 1,
    confidence,
    evidence: [...evidence, ...encounter.evidence],
    reasons: [encounter.reason, ...reasons],
  };
}

function byTime(
  em: EmKnowledge,
  family: EmFamily,
  row: EmLevelRow,
  time: EmTime,
  encounter: EmEncounter,
  confidence: number,
): EmCode[] {
  const what =
    time.kind === 'critical'
      ? 'critical care time'
      : time.kind === 'discharge'
        ? 'time on the discharge'
        : 'total time on the date of the encounter';
  const reason =
    family === 'critical-care'
      ? `Level by time: ${time.minutes} minutes of critical care documented (30 to 74 minutes is ${row.code})`
      : `Level by time: ${what} ${time.minutes} minutes documented (${row.code} from ${row.minutes ?? 0} minutes)`;
  const head =
    family === 'critical-care'
      ? { ...encounter, evidence: [], reason: `Family: ${FAMILY_LABEL['critical-care']}` }
      : encounter;
  const out = [level(row.code, confidence, head, [time.span], [reason])];
  const addOn = em.prolonged.find((p) => p.family === family);
  const top = em.levels
    .filter((r) => r.family === family && r.minutes !== null)
    .sort((a, b) => (a.minutes ?? 0) - (b.minutes ?? 0))
    .at(-1);
  if (addOn !== undefined && top?.code === row.code && time.minutes >= addOn.firstAt) {
    const units = Math.floor((time.minutes - addOn.firstAt) / addOn.step) + 1;
    const critical = family === 'critical-care';
    out.push({
      code: addOn.code,
      units,
      confidence: critical
        ? confidence - EM_CONFIDENCE.addOn
        : Math.min(confidence - EM_CONFIDENCE.addOn, EM_CONFIDENCE.prolonged),
      evidence: [time.span],
      reasons: [
        `${units} unit(s) of ${addOn.code} with ${row.code}: ${time.minutes} minutes documented; the first unit from ${addOn.firstAt} minutes, then each further ${addOn.step}`,
        ...(critical
          ? []
          : [
              'For review: payers differ on prolonged services (Medicare bills its own HCPCS code, from later minutes)',
            ]),
      ],
    });
  }
  return out;
}

function mdmEvidence(mdm: Mdm): Span[] {
  return [...mdm.problems.evidence, ...mdm.data.evidence, ...mdm.risk.evidence].map((h: Hit) => ({
    start: h.start,
    end: h.end,
  }));
}

function mdmReasons(mdm: Mdm, time: EmTime | undefined): string[] {
  const under =
    time === undefined
      ? ''
      : ` (the ${time.minutes} minutes documented are below the lowest time level)`;
  return [
    `Level by medical decision making${under}: ${mdm.level}, met by two of the three elements`,
    `Problems addressed: ${mdm.problems.level}: ${mdm.problems.because}`,
    `Data reviewed and analysed: ${mdm.data.level}: ${mdm.data.because}`,
    `Risk of patient management: ${mdm.risk.level}: ${mdm.risk.because}`,
  ];
}
