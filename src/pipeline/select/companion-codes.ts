import type { DetectResult, Suggestion } from '../../core/types.js';
import { sharesWords } from './shared-words.js';

/** A code billed at or above the threshold whose guideline requires another the note documents. */
interface Companion {
  readonly when: (s: Suggestion) => boolean;
  readonly raise: RegExp;
  readonly why: string;
  /**
   * The companion must be read from words the billed code was read from: a combination names its
   * parts ("hypertension" + "congestive heart failure" → I11.0 with the I50 code of those words).
   */
  readonly sameWords?: boolean;
}

const COMPANIONS: readonly Companion[] = [
  {
    // Vaccine and toxoid administration (CPT 90460–90474): a vaccine given at this encounter.
    when: (s) => s.system === 'CPT' && /^904(6[01]|7[1-4])$/.test(s.code),
    raise: /^Z23$/,
    why: 'a vaccine is given at this encounter: Z23 is reported (guideline I.C.21.c.2)',
  },
  {
    // Diabetic or hypertensive CKD: "use additional code to identify the stage of chronic kidney disease".
    when: (s) => s.system === 'ICD-10-CM' && /^(E0[89]|E1[013])\.22$|^I1[23]\./.test(s.code),
    raise: /^N18\./,
    why: 'its "use additional code" note asks for the stage of chronic kidney disease (Tabular List)',
  },
  {
    // Hypertension with CKD is presumed linked (guideline I.C.9.a.2): the combination code is reported.
    when: (s) => s.system === 'ICD-10-CM' && /^N18\./.test(s.code),
    raise: /^I1[23]\./,
    why: 'hypertension with chronic kidney disease is coded as hypertensive CKD (guideline I.C.9.a.2)',
  },
  {
    // Hypertensive heart (and kidney) disease with heart failure: "use additional code to identify the
    // type of heart failure" (Tabular List, I11.0, I13.0, I13.2).
    when: (s) => s.system === 'ICD-10-CM' && /^I11\.0$|^I13\.[02]$/.test(s.code),
    raise: /^I50\./,
    why: 'its "use additional code" note asks for the type of heart failure (Tabular List)',
    sameWords: true,
  },
  {
    // Severe sepsis and septic shock: "code first underlying infection" (Tabular List, R65.2); the
    // systemic infection is sequenced first, A41.9 when its organism is not named (guideline I.C.1.d.4).
    when: (s) => s.system === 'ICD-10-CM' && /^R65\.2/.test(s.code),
    raise: /^A4[01]\.|^A02\.1|^A22\.7|^A26\.7|^A32\.7|^A42\.7|^B37\.7/,
    why: 'severe sepsis or septic shock: its "code first" note asks for the systemic infection (guideline I.C.1.d.4)',
  },
  {
    // End stage renal disease: "use additional code to identify dialysis status (Z99.2)" (Tabular List).
    when: (s) => s.system === 'ICD-10-CM' && s.code === 'N18.6',
    raise: /^Z99\.2$/,
    why: 'its "use additional code" note asks for the dialysis status (Tabular List)',
  },
  {
    // Diabetic foot or skin ulcer, atherosclerosis of the legs with ulceration: "use additional code to
    // identify site of ulcer" (Tabular List).
    when: (s) => s.system === 'ICD-10-CM' && /^E(0[89]|1[013])\.62[12]$|^I70\.2[3-5]/.test(s.code),
    raise: /^L97\.|^L98\.4/,
    why: 'its "use additional code" note asks for the site and depth of the ulcer (Tabular List)',
  },
  {
    // A delivery coded on the mother's record: the outcome of delivery is reported (guideline I.C.15.b.5).
    when: (s) =>
      (s.system === 'ICD-10-CM' && /^O(?!09)/.test(s.code)) ||
      (s.system === 'CPT' && /^59[456]\d\d$/.test(s.code)),
    raise: /^Z37\./,
    why: "a delivery on the mother's record: the outcome of delivery (Z37) is reported (guideline I.C.15.b.5)",
  },
];

/**
 * Companion codes the guidelines require beside a billed code, when the note documents them (each is a
 * candidate of the note, weighed below the threshold by the selection): raised to the threshold with the
 * reason. Nothing is made up: without a candidate nothing changes. Rows apply in order, once each.
 * @param operating - the note's operating threshold
 */
export function companionCodes(result: DetectResult, operating: number): DetectResult {
  let suggestions = result.suggestions;
  for (const row of COMPANIONS) {
    const billed = suggestions.find((s) => s.confidence >= operating && row.when(s));
    if (billed === undefined) {
      continue;
    }
    // The strongest candidate only: one stage of CKD, one hypertensive combination.
    const best = suggestions
      .filter(
        (s) =>
          s.system === 'ICD-10-CM' &&
          row.raise.test(s.code) &&
          (row.sameWords !== true || sharesWords(s, billed)),
      )
      .reduce<Suggestion | undefined>(
        (a, s) => (a === undefined || s.confidence > a.confidence ? s : a),
        undefined,
      );
    if (best === undefined || best.confidence >= operating) {
      continue;
    }
    suggestions = suggestions.map((s) =>
      s === best
        ? {
            ...s,
            confidence: operating,
            reasons: [...s.reasons, `beside ${billed.code}: ${row.why}`],
          }
        : s,
    );
  }
  if (suggestions === result.suggestions) {
    return result;
  }
  return { ...result, suggestions: [...suggestions].sort((a, b) => b.confidence - a.confidence) };
}
