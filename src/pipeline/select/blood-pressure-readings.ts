import type { DetectResult, Evidence, Suggestion } from '../../core/types.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { suppressSuggestions } from './suppress-suggestions.js';

const HYPERTENSION = 'I10';
const READING = 'R03.0';

/**
 * What "hypertensive" is said of just before it when it names the patient's disease, not a reading: "a
 * chronic hypertensive", "known hypertensive", "a 63-year-old hypertensive".
 */
const DIAGNOSED_BEFORE =
  /\b(?:chronic|known|long-?standing|established|treated|controlled|uncontrolled|poorly controlled|essential|an?|old)\s*$/i;
/** The state words before a reading: "is hypertensive", "became markedly hypertensive", "response:". */
const STATE_BEFORE =
  /(?:\b(?:is|was|were|are|be|been|being|became|become|becomes|becoming|remained|remains|remain|stayed|stays|appeared|appears|found to be|noted to be|felt to be|got|gets|getting|markedly|mildly|moderately|very|quite|significantly|severely|slightly|somewhat|persistently|still|initially|transiently|intermittently|and|response)|:)\s*$/i;
/** What follows a reading: the end of the clause, a value, a time or a circumstance. */
const READING_AFTER =
  /^(?:\s*(?:[.,;:)]|$)|\s+(?:on|at|in|with|to|during|after|upon|this|today|tonight|initially|again|throughout|while|when|but|as|and|response|reading|readings|\d))/i;
/** A ventricle or other chamber called hypertensive: its pressure, not the patient's blood pressure. */
const CHAMBER_AFTER = /^\s+(?:right|left)\s+(?:ventricle|ventricular|atrium|atrial)\b/i;

/** How one word of I10's evidence reads in the note. */
type Reading = 'reading' | 'chamber' | 'diagnosis';

/**
 * Whether an evidence span of I10 is the adjective "hypertensive" said of a blood-pressure reading ("he
 * is markedly hypertensive at 182/104", "hypertensive response to exercise"), of a heart chamber
 * ("hypertensive right ventricle"), or anything else (a diagnosis: "hypertension", "chronic
 * hypertensive").
 */
function readingOf(e: Evidence, text: string): Reading {
  const words = text.slice(e.start, e.end);
  if (!/^hypertensive$/i.test(words.trim())) {
    return /^hypertensive\s+(?:response|reading)s?$/i.test(words.trim()) ? 'reading' : 'diagnosis';
  }
  const after = text.slice(e.end, e.end + 40);
  if (CHAMBER_AFTER.test(after)) {
    return 'chamber';
  }
  const before = text.slice(Math.max(0, e.start - 40), e.start);
  if (DIAGNOSED_BEFORE.test(before) || !STATE_BEFORE.test(before) || !READING_AFTER.test(after)) {
    return 'diagnosis';
  }
  return 'reading';
}

/** Hypertensive disease: essential, with heart or kidney disease, secondary, in pregnancy. */
const HYPERTENSIVE_DISEASE = /^(?:I1[0-6]|I1A|O1[0-6])/;

/**
 * Essential hypertension (I10) read only from "hypertensive" said of a blood-pressure reading ("he was
 * markedly hypertensive on arrival, attributed to pain"), on a note that diagnoses no hypertension, is no
 * diagnosis of hypertension: the reading is R03.0 at most (Index: Elevated, blood pressure, reading, no
 * diagnosis of hypertension), which coders report only when the provider calls it significant, so I10
 * is suppressed and R03.0 is not added. Read only from a hypertensive heart chamber (a "hypertensive right
 * ventricle") it is no systemic hypertension at all. Any other word of I10 in the note (hypertension,
 * HTN, high blood pressure, a chronic hypertensive, a word the model learned for it) keeps it. The other
 * way round, an elevated reading (R03.0) beside a diagnosed hypertensive disease is suppressed: R03 is
 * for a patient "in whom no formal diagnosis of hypertension has been made" (its Tabular note).
 * @param result - the selected billing result
 * @param text - the note
 * @param _codeSet - unused (the selection's note steps all take it)
 * @param operating - the note's operating threshold: a hypertensive disease coded at it suppresses R03.0
 */
export function bloodPressureReadings(
  result: DetectResult,
  text: string,
  _codeSet: unknown,
  operating: number,
): DetectResult {
  const diagnosed = result.suggestions.filter(
    (s) => billedDiagnosis(s, operating) && HYPERTENSIVE_DISEASE.test(s.code) && !readOnly(s, text),
  );
  const gone = result.suggestions.filter(
    (s) => s.system === 'ICD-10-CM' && s.code === HYPERTENSION && readOnly(s, text),
  );
  const readings = suppressSuggestions(
    result,
    gone,
    'reading-not-diagnosis',
    'only "hypertensive" said of a blood-pressure reading or a heart chamber: the note diagnoses no hypertension (an elevated reading is R03.0, when the provider calls it significant)',
  );
  const r030 = readings.suggestions.filter((s) => s.code === READING);
  return diagnosed.length === 0
    ? readings
    : suppressSuggestions(
        readings,
        r030,
        'hypertension-diagnosed',
        `hypertension is diagnosed (${diagnosed[0]?.code ?? ''}): R03.0 is for an elevated reading without a diagnosis of hypertension`,
      );
}

/** Whether every word of a suggestion is "hypertensive" said of a reading or a heart chamber. */
function readOnly(s: Suggestion, text: string): boolean {
  return s.evidence.length > 0 && s.evidence.every((e) => readingOf(e, text) !== 'diagnosis');
}
