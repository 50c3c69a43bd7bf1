import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Evidence } from '../../core/types.js';
import { billedDiagnosis } from './billed-diagnosis.js';
import { documentedDelivery } from './delivery-outcome.js';
import { statedCode } from './stated-code.js';

/** The code for a pregnancy with the scar of an earlier cesarean whose incision type is not stated. */
const SCAR_CODE = 'O34.219';

const COUNT = String.raw`(?:(?:one|two|three|four|\d)\s+|x\s*\d\s+)?`;
const CESAREAN = String.raw`(?:low[\s-]transverse\s+|classical\s+)?(?:c(?:a)?esarean(?:\s+(?:sections?|deliver(?:y|ies)|births?))?s?|c-?\s?sections?|c\/s)`;

/**
 * An earlier cesarean delivery, in the words notes use: "previous/prior cesarean section", "two previous
 * C-sections", "history of cesarean delivery", "status post cesarean", a repeat cesarean (there was a
 * first), VBAC or a trial of labor after cesarean.
 */
const PREVIOUS = new RegExp(
  String.raw`\b(?:${COUNT}(?:previous|prior|past|earlier)\s+${CESAREAN}|(?:history of|h\/o|status post|s\/p)\s+(?:an?\s+|${COUNT})?(?:previous\s+|prior\s+)?${CESAREAN}|repeat\s+${CESAREAN}|VBAC|TOLAC|(?:trial of labou?r|vaginal (?:birth|delivery)) after (?:a\s+)?(?:previous\s+|prior\s+)?c(?:a)?esarean)`,
  'i',
);

/** Words that deny what follows in the same sentence: "no prior cesarean", "never had a C-section". */
const DENIED = /\b(?:no|denies|never had|without|not had)\b[^.;\n]*$/i;

/** Words of a pregnancy at this encounter: a gestational age, labour, an intrauterine pregnancy. */
const CURRENT_PREGNANCY = new RegExp(
  [
    String.raw`\b\d{1,2}(?:\s*(?:\+|and)\s*\d\s*\/\s*7)?\s*weeks?['’]?(?:\s*(?:and\s+)?\d\s*days?)?\s*(?:of\s+)?(?:gestation|pregnan)`,
    String.raw`\b(?:G\d+\s*,?\s*P\d+|gravida\s+\d+)\b[^.\n]{0,40}?\bat\s+\d{1,2}(?:\s*\d\s*\/\s*7)?\s*weeks?\b`,
    String.raw`\b(?:intrauterine pregnancy|IUP|(?:estimated\s+)?gestational age|EGA|in (?:active |early |spontaneous )?labou?r|term pregnancy|(?:is|currently) pregnant)\b`,
  ].join('|'),
  'i',
);

/** Pregnancy conditions and outcomes of delivery: a code of one says the record is the pregnancy's. */
const PREGNANCY_CODE = /^(?:O(?:09|[1-7]\d)|Z37\.|Z3A\.)/;

/** The words of an earlier cesarean that the note does not deny, if any. */
export function previousCesarean(text: string): Evidence | undefined {
  const re = new RegExp(PREVIOUS.source, 'gi');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const lineStart = Math.max(
      text.lastIndexOf('.', m.index - 1),
      text.lastIndexOf('\n', m.index - 1),
    );
    if (DENIED.test(text.slice(lineStart + 1, m.index))) {
      continue;
    }
    return { start: m.index, end: m.index + m[0].length, text: m[0] };
  }
  return undefined;
}

/**
 * Maternal care for the scar of an earlier cesarean (O34.21-, "Maternal care for scar from previous
 * cesarean delivery"): on the record of a pregnancy at this encounter — a delivery documented, a
 * gestational age, labour, or a pregnancy code already billed — that names an earlier cesarean (in any
 * of its words, a repeat cesarean included), O34.219 is reported at the operating threshold with those
 * words; other O34.2 suggestions give way to it. A history of cesarean on a record that is not a
 * pregnancy's (a gynecologic operation, an office visit) is not this code.
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles)
 * @param operating - the note's operating threshold
 */
export function cesareanScar(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  if (!/esarean|c-?\s?section|c\/s|vbac|tolac/i.test(text)) {
    return result;
  }
  if (
    result.suggestions.some((s) => s.code.startsWith('O34.2') && billedDiagnosis(s, operating)) ||
    !codeSet.isBillable(SCAR_CODE, 'ICD-10-CM')
  ) {
    return result;
  }
  const pregnant =
    result.suggestions.some(
      (s) =>
        s.system === 'ICD-10-CM' && PREGNANCY_CODE.test(s.code) && billedDiagnosis(s, operating),
    ) ||
    CURRENT_PREGNANCY.test(text) ||
    documentedDelivery(text) !== undefined;
  const evidence = pregnant ? previousCesarean(text) : undefined;
  if (evidence === undefined) {
    return result;
  }
  const why = `a pregnancy with an earlier cesarean delivery: ${SCAR_CODE}, maternal care for the scar of a previous cesarean (category O34.2)`;
  return statedCode(
    result,
    { code: SCAR_CODE, evidence, why, family: 'O34.2' },
    codeSet,
    operating,
  );
}
