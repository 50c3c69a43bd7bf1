import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion } from '../../core/types.js';
import { patientAge } from '../cpt/procedure-scope.js';
import { billedDiagnosis } from './billed-diagnosis.js';

/** Diagnoses a BMI code may accompany: obesity and overweight, malnutrition, underweight, cachexia. */
const WEIGHT_DIAGNOSIS = /^(E4[0-6]|E66|R63\.6|R64)/;
/**
 * A stated BMI: "BMI of 43", "body mass index (BMI) is 31.7 kg/m2", "BMI: 27"; the value within a few
 * words of the name, no other number between.
 */
const BMI =
  /\b(?:BMI|body mass index)\b(?:\s*\(BMI\))?[^\d.\n;]{0,24}?(\d{2}(?:\.\d+)?)(?!\s*(?:%|percent|th\b))/gi;
/** A stated BMI percentile for age: "BMI at the 97th percentile", "BMI-for-age 90th percentile". */
const PERCENTILE =
  /\b(?:BMI|body mass index)\b[^.\n;]{0,40}?\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:%ile|percentile)/i;

/** The adult BMI code of a value (Z68.1–Z68.45). */
export function adultBmiCode(bmi: number): string {
  if (bmi < 20) {
    return 'Z68.1';
  }
  if (bmi < 40) {
    return `Z68.${Math.floor(bmi)}`;
  }
  const bands: readonly [number, string][] = [
    [45, 'Z68.41'],
    [50, 'Z68.42'],
    [60, 'Z68.43'],
    [70, 'Z68.44'],
  ];
  return bands.find(([upper]) => bmi < upper)?.[1] ?? 'Z68.45';
}

/** The pediatric BMI code of a percentile for age (Z68.51–Z68.54). */
export function pediatricBmiCode(percentile: number): string {
  return percentile < 5
    ? 'Z68.51'
    : percentile < 85
      ? 'Z68.52'
      : percentile < 95
        ? 'Z68.53'
        : 'Z68.54';
}

/** The note's BMI statement and its code for the patient's age, if any. */
function statedBmi(text: string): { code: string; start: number; end: number } | undefined {
  const age = patientAge(text);
  if (age !== undefined && age < 20) {
    // Ages 2–19 are coded by percentile for age (guideline I.C.21.c.3), never by the value.
    const m = age >= 2 ? PERCENTILE.exec(text) : null;
    return m === null
      ? undefined
      : {
          code: pediatricBmiCode(Number(m[1])),
          start: m.index,
          end: m.index + m[0].length,
        };
  }
  for (const m of text.matchAll(BMI)) {
    const value = Number(m[1]);
    if (value >= 10 && value <= 90) {
      return { code: adultBmiCode(value), start: m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}

/**
 * The BMI beside the weight diagnosis it goes with (guidelines I.B.14 and I.C.21.c.3): a BMI code is
 * reported only with an associated reportable diagnosis — obesity, overweight, malnutrition, underweight
 * — and its value may come from any clinician's documentation. When such a diagnosis is billed and the
 * note states the BMI (adults: the value, Z68.1–Z68.45; ages 2–19: the percentile for age, Z68.51–
 * Z68.54), the BMI code is added at the threshold on the statement's words. A BMI without such a
 * diagnosis is never coded, and a BMI code read otherwise is left as the selection scored it.
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles; a code it does not hold as billable is not added)
 * @param operating - the note's operating threshold
 */
export function bmiCodes(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const diagnosis = result.suggestions.find(
    (s) => billedDiagnosis(s, operating) && WEIGHT_DIAGNOSIS.test(s.code),
  );
  if (
    diagnosis === undefined ||
    result.suggestions.some((s) => s.code.startsWith('Z68') && s.confidence >= operating)
  ) {
    return result;
  }
  const bmi = statedBmi(text);
  if (bmi === undefined || !codeSet.isBillable(bmi.code, 'ICD-10-CM')) {
    return result;
  }
  const title = codeSet.get(bmi.code, 'ICD-10-CM')?.title ?? bmi.code;
  const added: Suggestion = {
    code: bmi.code,
    system: 'ICD-10-CM',
    title,
    confidence: operating,
    evidence: [{ start: bmi.start, end: bmi.end, text: text.slice(bmi.start, bmi.end) }],
    assertion: 'present',
    reasons: [
      `the stated BMI beside ${diagnosis.code} ${diagnosis.title}: a BMI code goes with its weight diagnosis (guidelines I.B.14, I.C.21.c.3)`,
    ],
  };
  return {
    ...result,
    suggestions: [...result.suggestions.filter((s) => s.code !== bmi.code), added].sort(
      (a, b) => b.confidence - a.confidence,
    ),
  };
}
