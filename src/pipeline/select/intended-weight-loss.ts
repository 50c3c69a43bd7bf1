import type { DetectResult, Suggestion } from '../../core/types.js';
import { sentenceAround } from '../cpt/em/em-doc.js';
import { suppressSuggestions } from './suppress-suggestions.js';

/** "Abnormal weight loss" and its kin: weight loss as a symptom. */
const WEIGHT_LOSS = /^R63\.4$/;
/** Words that make weight loss a goal or a treatment, not a symptom. */
const INTENDED =
  /\b(?:program\w*|surgery|surgical|bariatric|diet\w*|modalit\w*|goals?|medications?|phentermine|counsel\w*|clinic|regimen|efforts?|attempts?|encourag\w*|successful\w*|will help|would help|wants?|wish\w*|desires?|interested|planned|intentional(?:ly)?|purposeful(?:ly)?|motivat\w*|lifestyle|exercis\w*|recommended|advised|needs? to lose)\b/i;
/** The words of a weight loss reading. */
const READING = /\b(?:weight\s+loss|los(?:t|ing|s of)\s+(?:\w+\s+)?weight)\b/i;
/** Words that keep it a symptom whatever else the sentence says. */
const UNINTENDED =
  /\b(?:unintentional\w*|unintended|unexplained|involuntary|unexpected|cachexia)\b/i;

/**
 * Weight loss that the note names as a goal or a treatment ("weight loss will help", "successful with
 * weight loss", "a weight loss program", "weight loss on phentermine") is no sign of disease: R63.4,
 * "Abnormal weight loss", moves to the suppressed list, reason `intended`. A sentence that calls it
 * unintentional or unexplained keeps it.
 * @param result - the selected billing result
 * @param text - the note
 */
export function intendedWeightLoss(result: DetectResult, text: string): DetectResult {
  const intended = (s: Suggestion): boolean => {
    if (s.system !== 'ICD-10-CM' || !WEIGHT_LOSS.test(s.code)) {
      return false;
    }
    // The spans that say weight loss (other spans are single words of the same mention).
    const readings = s.evidence.filter((e) => READING.test(e.text));
    return (
      readings.length > 0 &&
      readings.every((e) => {
        const span = sentenceAround(text, e.start, e.end);
        const sentence = text.slice(span.start, span.end);
        return INTENDED.test(sentence) && !UNINTENDED.test(sentence);
      })
    );
  };
  return suppressSuggestions(
    result,
    result.suggestions.filter(intended),
    'intended',
    'weight loss named as a goal or a treatment, not a sign of disease',
  );
}
