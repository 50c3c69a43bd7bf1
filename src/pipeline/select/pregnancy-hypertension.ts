import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult } from '../../core/types.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { documentedDelivery } from './delivery-outcome.js';
import { statedCode } from './stated-code.js';
import { suppressSuggestions } from './suppress-suggestions.js';
import { noteTrimester, type Trimester } from './trimester-codes.js';

/** Hypertension that arose in this pregnancy: gestational or pregnancy-induced, or blood pressures found raised in it. */
const GESTATIONAL =
  /\bgestational hypertension\b|\bpregnancy[- ]induced hypertension\b|\bPIH\b|\belevated blood pressures?\b|\bhigh blood pressures? (?:in|during) (?:this|the) pregnancy\b/i;

/** The fifth and sixth characters of O10.0 and O13 by the stage of the pregnancy. */
const O10: Readonly<Record<Trimester | 'childbirth' | 'unspecified', string>> = {
  first: 'O10.011',
  second: 'O10.012',
  third: 'O10.013',
  unspecified: 'O10.019',
  childbirth: 'O10.02',
};
const O13: Readonly<Record<Trimester | 'childbirth' | 'unspecified', string>> = {
  first: 'O13.1',
  second: 'O13.2',
  third: 'O13.3',
  unspecified: 'O13.9',
  childbirth: 'O13.4',
};

/**
 * Hypertension in a pregnant patient is coded from chapter 15 (guidelines I.C.15.a.1 and I.C.15.d):
 * essential hypertension that was there before the pregnancy is O10.0- (pre-existing essential
 * hypertension complicating pregnancy), hypertension that arose in it O13 (gestational); by trimester,
 * or "complicating childbirth" when the note documents the delivery (guideline I.C.15.a.3). The
 * I10 suggestion gives way (reason `pregnancy`). Only on the mother's record: one with a chapter 15 code,
 * weeks of gestation or a delivery outcome billed; never the newborn's.
 * Preeclampsia and hypertension with heart or kidney disease (O11, O14, O10.1–O10.4) are left to the
 * dictionary.
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles, billable codes)
 * @param operating - the note's operating threshold
 */
export function pregnancyHypertension(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const essential = result.suggestions.find(
    (s) => s.system === 'ICD-10-CM' && s.code === 'I10' && billedDiagnosis(s, operating),
  );
  if (essential === undefined) {
    return result;
  }
  // The pregnancy as the note's billed codes tell it (an obstetric history, "G3 P2", is no pregnancy
  // now; on a newborn's record `deliveryOutcome` has already taken the mother's codes away).
  const maternal = result.suggestions.some(
    (s) =>
      billedDiagnosis(s, operating) &&
      (/^O[0-9]/.test(s.code) || s.code.startsWith('Z3A.') || s.code.startsWith('Z37.')),
  );
  if (!maternal) {
    return result;
  }
  const gestational = GESTATIONAL.exec(text);
  const table = gestational === null ? O10 : O13;
  const stage =
    documentedDelivery(text) !== undefined ? 'childbirth' : (noteTrimester(text) ?? 'unspecified');
  const code = table[stage];
  if (!codeSet.isBillable(code, 'ICD-10-CM')) {
    return result;
  }
  const evidence = essential.evidence[0] ?? {
    start: gestational?.index ?? 0,
    end: (gestational?.index ?? 0) + (gestational?.[0].length ?? 0),
    text: gestational?.[0] ?? '',
  };
  const kind = gestational === null ? 'pre-existing essential' : 'gestational';
  const when = stage === 'childbirth' ? 'complicating childbirth' : `${stage} trimester`;
  const why = `hypertension in pregnancy is coded from chapter 15 (guideline I.C.15.d): ${kind}, ${when}: ${code}`;
  const stated = statedCode(
    result,
    { code, evidence, why, family: gestational === null ? 'O10.' : 'O13.' },
    codeSet,
    Math.max(operating, essential.confidence),
  );
  return suppressSuggestions(
    stated,
    stated.suggestions.filter((s) => s.system === 'ICD-10-CM' && s.code === 'I10'),
    'pregnancy',
    `the patient is pregnant: ${code} codes the hypertension (guideline I.C.15.a.1)`,
  );
}
