import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { createContextAnalyzer } from '../../../src/pipeline/context/context-analyzer.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { tokenize } from '../../../src/text/tokenize.js';
import { LEXICON } from '../../helpers/fixtures.js';

// The trigger lexicon does not depend on the code set: an empty stand-in is enough to load it.
const knowledge = loadKnowledge({} as CodeSet, LEXICON);
const analyze = createContextAnalyzer(knowledge.triggers);

/** Assertion of the first occurrence of `words` in `text`. */
function assertionOf(text: string, words: string): string {
  const tokenized = tokenize(text);
  const target = tokenize(words).tokens.map((t) => t.norm);
  const first = tokenized.tokens.findIndex((_, i) =>
    target.every((w, k) => tokenized.tokens[i + k]?.norm === w),
  );
  expect(first, `"${words}" in "${text}"`).toBeGreaterThanOrEqual(0);
  return analyze(tokenized, text).assess(first, first + target.length - 1).assertion;
}

describe('context analyzer', () => {
  it('negates within scope, and a terminator ends the scope', () => {
    expect(
      assertionOf('No focal consolidation, pneumothorax or pleural effusion.', 'pleural effusion'),
    ).toBe('absent');
    expect(assertionOf('No fever, but productive cough for a week.', 'productive cough')).toBe(
      'present',
    );
    expect(assertionOf('Pneumothorax is not seen.', 'pneumothorax')).toBe('absent');
  });

  it('reaches every item of a long negated list that ends in "or", and no further', () => {
    const list =
      'She denies headache, blurred vision, ringing in the ears, sore throat, hoarseness, chest pain, ' +
      'palpitations, shortness of breath at night, swelling of the ankles, high blood pressure, ' +
      'leg cramps or fainting spells.';
    expect(assertionOf(list, 'high blood pressure')).toBe('absent');
    expect(assertionOf(list, 'fainting spells')).toBe('absent');
    const clause =
      'She denies headache, blurred vision, ringing in the ears, sore throat, hoarseness, chest pain, ' +
      'palpitations, shortness of breath at night, swelling of the ankles, and was started on ' +
      'lisinopril last month for high blood pressure.';
    expect(assertionOf(clause, 'high blood pressure')).toBe('present');
    const noOr =
      'No acute distress, alert, oriented, pupils equal, neck supple, lungs clear, heart regular, ' +
      'abdomen soft, tender right lower quadrant with guarding.';
    expect(assertionOf(noOr, 'tender right lower quadrant')).toBe('present');
  });

  it('ignores pseudo-triggers', () => {
    expect(assertionOf('No change in the cardiomegaly.', 'cardiomegaly')).toBe('present');
  });

  it('marks possible, historical, family and hypothetical mentions', () => {
    expect(assertionOf('Findings suspicious for pneumonia.', 'pneumonia')).toBe('possible');
    expect(assertionOf('History of myocardial infarction.', 'myocardial infarction')).toBe(
      'historical',
    );
    expect(assertionOf('Mother with breast cancer.', 'breast cancer')).toBe('family');
    expect(assertionOf('Return if chest pain recurs.', 'chest pain')).toBe('hypothetical');
  });

  it('reads an illness of an earlier admission or of childhood as history', () => {
    expect(assertionOf('She was recently admitted for pneumonia.', 'pneumonia')).toBe('historical');
    expect(
      assertionOf('Since his recent hospitalization for cellulitis he walks less.', 'cellulitis'),
    ).toBe('historical');
    expect(assertionOf('Childhood asthma, outgrown by age ten.', 'asthma')).toBe('historical');
    expect(assertionOf('He had rheumatic fever as a child.', 'rheumatic fever')).toBe('historical');
    expect(assertionOf('She was admitted with pneumonia on Monday.', 'pneumonia')).toBe('present');
    expect(assertionOf('She has had kidney stones in the past.', 'kidney stones')).toBe(
      'historical',
    );
    expect(assertionOf('Worsening cough in the past 3 days.', 'cough')).toBe('present');
    expect(assertionOf('Wheezing in the past few weeks.', 'wheezing')).toBe('present');
  });

  it('reads "likely" after a comma as said of what follows it, not of the condition before', () => {
    expect(assertionOf('Atypical chest pain, most likely musculoskeletal.', 'chest pain')).toBe(
      'present',
    );
    expect(assertionOf('Anemia, likely from chronic blood loss.', 'anemia')).toBe('present');
    expect(assertionOf('Pneumonia, likely.', 'pneumonia')).toBe('possible');
    expect(assertionOf('Pulmonary embolism is likely.', 'pulmonary embolism')).toBe('possible');
    expect(assertionOf('Likely viral pharyngitis.', 'pharyngitis')).toBe('possible');
  });

  it('reads an uncertainty word that opens an item in the middle of a comma list as said of that item', () => {
    const history = 'Past history: migraine, probable celiac disease, gout, asthma and depression.';
    expect(assertionOf(history, 'celiac disease')).toBe('possible');
    expect(assertionOf(history, 'gout')).toBe('present');
    expect(assertionOf(history, 'asthma')).toBe('present');
    expect(assertionOf('Fatigue, suspected hypothyroidism, anemia.', 'anemia')).toBe('present');
    // At the head of a statement, or with no comma between, the uncertainty still reaches.
    expect(assertionOf('Possible appendicitis, mesenteric adenitis.', 'mesenteric adenitis')).toBe(
      'possible',
    );
    expect(assertionOf('Fever, possible urinary tract infection.', 'urinary tract infection')).toBe(
      'possible',
    );
  });

  it('ends a forward scope where a trigger of another category starts a new clause', () => {
    const text =
      'A 76-year-old man without known allergies, with a history of hypertension and gout.';
    expect(assertionOf(text, 'allergies')).toBe('absent');
    expect(assertionOf(text, 'hypertension')).toBe('historical');
    // Triggers that touch compose: the negation still holds.
    expect(assertionOf('No history of nephrolithiasis or hematuria.', 'hematuria')).toBe('absent');
    expect(assertionOf('She denies any prior history of asthma.', 'asthma')).toBe('absent');
    expect(assertionOf('No known history of diabetes.', 'diabetes')).toBe('absent');
  });

  it('ends a forward scope at a closing parenthesis opened before the trigger, or a semicolon', () => {
    const text =
      'Stent in 1994 (since then asymptomatic, negative stress tests), type II dyslipidemia.';
    expect(assertionOf(text, 'dyslipidemia')).toBe('present');
    expect(assertionOf('No cough; wheezing at night.', 'wheezing')).toBe('present');
    // A parenthesis inside the scope does not end it.
    expect(assertionOf('No (displaced) fracture of the femur.', 'fracture')).toBe('absent');
    // Without the note text only the token rules apply.
    const tokenized = tokenize(text);
    const i = tokenized.tokens.findIndex((t) => t.norm === 'dyslipidemia');
    expect(analyze(tokenized).assess(i, i).assertion).toBe('absent');
  });

  it('reads a trigger inside the span only when asked (learned phrases, not dictionary terms)', () => {
    const tokenized = tokenize('No lymphadenopathy. Congenital absence of kidney.');
    const context = analyze(tokenized, 'No lymphadenopathy. Congenital absence of kidney.');
    // A span that begins with its negation is negated either way (see context-scopes.test.ts).
    expect(context.assess(0, 1).assertion).toBe('absent');
    expect(context.assess(0, 1, true).assertion).toBe('absent');
    // Nor does a trigger that ends the span, or any trigger inside a dictionary term.
    const absence = tokenized.tokens.findIndex((t) => t.norm === 'absence');
    expect(context.assess(absence - 1, absence + 2).assertion).toBe('present');
    expect(context.assess(absence - 1, absence, true).assertion).toBe('present');
  });

  it('finds a negation between the words of a term that is not one of them', () => {
    const text = 'Acute exacerbation of COPD, no pneumonia. Congenital absence of kidney.';
    const tokenized = tokenize(text);
    const context = analyze(tokenized, text);
    const at = (word: string): number => tokenized.tokens.findIndex((t) => t.norm === word);
    expect(
      context.assertionBetween(at('copd'), at('pneumonia'), [at('copd'), at('pneumonia')]),
    ).toBe(true);
    // The term's own word ("absence" of kidney) is not a negation of it.
    expect(
      context.assertionBetween(at('congenital'), at('kidney'), [at('absence'), at('kidney')]),
    ).toBe(false);
    expect(
      context.assertionBetween(at('acute'), at('copd'), [at('exacerbation'), at('copd')]),
    ).toBe(false);
  });

  it('gives the trigger span as evidence', () => {
    const text = 'There is no evidence of pneumonia.';
    const tokenized = tokenize(text);
    const i = tokenized.tokens.findIndex((t) => t.norm === 'pneumonia');
    const result = analyze(tokenized).assess(i, i);
    expect(result.trigger && text.slice(result.trigger.start, result.trigger.end)).toBe(
      'no evidence of',
    );
  });
});
