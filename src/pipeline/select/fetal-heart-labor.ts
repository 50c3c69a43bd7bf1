import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult } from '../../core/types.js';

/** The abnormal fetal heart rate code of labour and delivery, and its antepartum counterpart. */
const IN_LABOR = 'O76';
const ANTEPARTUM = 'O36.8390';

/** Words that document labour: its stages, its induction or augmentation, a vaginal delivery. */
const LABOR =
  /\b(?:in (?:active |early |spontaneous |latent )?labou?r|labou?ring|active labou?r|latent phase|spontaneous labou?r|induction|induced|augment\w*|pitocin|oxytocin|second stage|pushing|fully dilated|complete dilation|arrest of (?:dilation|descent)|vaginal delivery|intolerance (?:to|of) labou?r)\b/i;
/** Words that deny it: "found not to be in labor". */
const NOT_IN_LABOR = /\bnot (?:to be |be )?in (?:active )?labou?r\b/i;

/**
 * An abnormal fetal heart rate on a record that documents no labour (or says the patient was not in
 * labour: a scheduled cesarean, a monitoring visit) is maternal care for it (O36.83-), not a
 * complication of labour and delivery (O76, whose title and inclusion terms all say "complicating labor
 * and delivery"). Its trimester comes from the note's gestational age afterwards (`trimesterCodes`).
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles)
 */
export function fetalHeartLabor(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
): DetectResult {
  const o76 = result.suggestions.find((s) => s.code === IN_LABOR);
  if (o76 === undefined || (LABOR.test(text) && !NOT_IN_LABOR.test(text))) {
    return result;
  }
  const title = codeSet.get(ANTEPARTUM, 'ICD-10-CM')?.title;
  if (title === undefined) {
    return result;
  }
  return {
    ...result,
    suggestions: result.suggestions.map((s) =>
      s === o76
        ? {
            ...s,
            code: ANTEPARTUM,
            title,
            reasons: [
              ...s.reasons,
              'the note documents no labour: maternal care for the abnormal fetal heart rate (O36.83-), not O76, which complicates labor and delivery',
            ],
          }
        : s,
    ),
  };
}
