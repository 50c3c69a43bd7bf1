import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Evidence } from '../../core/types.js';
import { patientAge } from '../cpt/procedure-scope.js';
import { statedCode } from './stated-code.js';
import { suppressSuggestions } from './suppress-suggestions.js';

/**
 * A birth at this encounter: a delivery of an infant ("delivered a viable male infant", "vaginal
 * delivery of a liveborn female", "the baby was delivered"), or Apgar scores given. A past delivery
 * ("history of cesarean section", "G3 P2") names no infant and no Apgar.
 */
const BIRTH = [
  /\bdeliver(?:ed|y)\s+(?:of\s+)?(?:an?\s+|the\s+|her\s+)?(?:(?:viable|live|liveborn|live-born|healthy|vigorous|term|preterm|full-term|single|singleton|\d+\s*(?:lb|pound|g|gram)s?\b[\w\s,-]{0,20}?|male|female|baby)\s+){0,4}(?:infant|baby|neonate|newborn|boy|girl|male|female|fetus|twins?)\b/i,
  /\b(?:infant|baby|neonate|newborn|fetus|twin\s+[ab12])\s+(?:was\s+|were\s+)?(?:then\s+)?(?:delivered|born)\b/i,
  /\bapgars?(?:\s+scores?)?\s*(?:of|were|was|:)?\s*\d/i,
  /\blive[\s-]?born\s+(?:male|female|infant|baby|twins?)\b/i,
];

/** The mother's record: words of the labour, the delivery and the uterus, not of a newborn's exam. */
const MATERNAL =
  /\b(?:placentas?|uter(?:us|ine)|hysterotomy|episiotomy|perine(?:um|al)|cervix|fundus|estimated blood loss|EBL|postpartum|gravida|G\d+\s*P\d+|amniotomy|tubal ligation)\b/i;

/**
 * The newborn’s own record: the patient is the one born ("born by vaginal delivery to a gravida 3",
 * "a 4-day-old").
 */
const NEWBORN =
  /\b(?:born\s+(?:by|via|to)\b|well[\s-]child|ex-\d+\s*weeks?\b|\d+[\s-]*(?:days?|hours?)[\s-]+old\b)/i;

/** The youngest age a maternity code fits (the Medicare Code Editor's maternity edit: 9 to 64). */
const MATERNITY_AGE = 9;

/** More than one infant; an infant born dead. Either makes the outcome more than this rule reads. */
const MULTIPLE = /\b(?:twins?|triplets?|baby\s+[ab]\b|twin\s+[ab12]\b)/i;
const STILLBORN =
  /\b(?:still[\s-]?born|stillbirth|fetal demise|IUFD|intrauterine fetal death|nonviable)\b/i;

/** The outcome code of a delivery the note documents on the mother's record, with the words saying so. */
export function documentedDelivery(text: string): { code: string; evidence: Evidence } | undefined {
  let birth: RegExpExecArray | null = null;
  for (const pattern of BIRTH) {
    const m = pattern.exec(text);
    if (m !== null && (birth === null || m.index < birth.index)) {
      birth = m;
    }
  }
  if (birth === null || !MATERNAL.test(text) || NEWBORN.test(text)) {
    return undefined;
  }
  const multiple = MULTIPLE.test(text);
  const stillborn = STILLBORN.test(text);
  if (multiple && stillborn) {
    return undefined;
  }
  // Z37.0 single live birth, Z37.1 single stillbirth, Z37.2 twins both liveborn.
  const code = multiple ? 'Z37.2' : stillborn ? 'Z37.1' : 'Z37.0';
  const end = birth.index + birth[0].length;
  return { code, evidence: { start: birth.index, end, text: text.slice(birth.index, end) } };
}

/**
 * The outcome of delivery on the mother's record (guideline I.C.15.b.5: "a code from category Z37,
 * Outcome of delivery, should be included on every maternal record when a delivery has occurred"):
 * when the note documents a birth at this encounter and is the mother's record (labour, placenta,
 * uterus), Z37.0 for one live-born infant, Z37.1 for one stillborn, Z37.2 for live-born twins, at the
 * operating threshold; other Z37 suggestions give way to it, and perinatal (P) codes go, reason
 * `maternal-record`. Never on a newborn's or a child's record (category Z38; a stated age under 9): there Z37 and pregnancy (O) suggestions
 * go, reason `newborn-record`.
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function deliveryOutcome(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  // Most notes name no birth and carry no outcome code: one look at the text tells.
  const outcome = result.suggestions.some((s) => s.code.startsWith('Z37.'));
  if (!outcome && !/deliver|apgar|born/i.test(text)) {
    return result;
  }
  const age = patientAge(text);
  // The Medicare Code Editor's maternity edit: a pregnancy or delivery code fits ages 9 to 64, so a
  // patient younger ("a 9-month-old", "this 3-year-old") is the child, never the mother.
  if (NEWBORN.test(text) || (age !== undefined && age < MATERNITY_AGE)) {
    return otherRecord(
      result,
      (code) => code.startsWith('Z37.') || code.startsWith('O'),
      'newborn-record',
      'the note is the newborn’s record: the outcome of delivery (Z37) and the pregnancy codes (chapter 15) go on the mother’s record only (guidelines I.C.15.a.1, I.C.15.b.5)',
    );
  }
  const delivery = documentedDelivery(text);
  if (delivery === undefined || !codeSet.isBillable(delivery.code, 'ICD-10-CM')) {
    return result;
  }
  const { code, evidence } = delivery;
  const why = `a delivery documented on the mother's record: ${code}, outcome of delivery (guideline I.C.15.b.5)`;
  return otherRecord(
    statedCode(result, { code, evidence, why, family: 'Z37.' }, codeSet, operating),
    (c) => c.startsWith('P'),
    'maternal-record',
    'the note is the mother’s record of the delivery: perinatal codes (chapter 16) go on the newborn’s record only (guideline I.C.16)',
  );
}

/**
 * The suggestions that belong on the other record of a birth suppressed: the mother's outcome of delivery
 * and pregnancy codes on a newborn's record, the newborn's perinatal codes on the mother's.
 */
function otherRecord(
  result: DetectResult,
  belongsElsewhere: (code: string) => boolean,
  reason: 'newborn-record' | 'maternal-record',
  why: string,
): DetectResult {
  const gone = result.suggestions.filter(
    (s) => s.system === 'ICD-10-CM' && belongsElsewhere(s.code),
  );
  return suppressSuggestions(result, gone, reason, why);
}
