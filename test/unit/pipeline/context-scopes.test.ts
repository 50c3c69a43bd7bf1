import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { createContextAnalyzer } from '../../../src/pipeline/context/context-analyzer.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { tokenize } from '../../../src/text/tokenize.js';
import { LEXICON } from '../../helpers/fixtures.js';

// Negation and context scopes of the classes US notes use (issue 17), on phrasings written for these
// tests. The trigger lexicon does not depend on the code set.
const knowledge = loadKnowledge({} as CodeSet, LEXICON);
const analyze = createContextAnalyzer(knowledge.triggers);

/** Assertion of `words` (its first occurrence, or the nth with `nth`) in `text`. */
function assertionOf(text: string, words: string, nth = 0): string {
  const tokenized = tokenize(text);
  const target = tokenize(words).tokens.map((t) => t.norm);
  const starts = tokenized.tokens
    .map((_, i) => i)
    .filter((i) => target.every((w, k) => tokenized.tokens[i + k]?.norm === w));
  const first = starts[nth];
  expect(first, `"${words}" in "${text}"`).toBeDefined();
  return analyze(tokenized, text).assess(first ?? 0, (first ?? 0) + target.length - 1).assertion;
}

describe('negation scopes of US notes', () => {
  it('reads a match that begins with its own negation as negated', () => {
    // The index term "Nausea (without vomiting)" matches all three words.
    expect(
      assertionOf('Taking bottles well without nausea or vomiting.', 'without nausea or vomiting'),
    ).toBe('absent');
    expect(assertionOf('He had no fever or chills overnight.', 'no fever or chills')).toBe(
      'absent',
    );
    // A term that names an absence keeps it.
    expect(assertionOf('Congenital absence of kidney on the left.', 'absence of kidney')).toBe(
      'present',
    );
  });

  it('negates through list negation and its variants', () => {
    const text = 'Patient is negative for diabetes, hypertension, or asthma.';
    expect(assertionOf(text, 'diabetes')).toBe('absent');
    expect(assertionOf(text, 'asthma')).toBe('absent');
    expect(assertionOf('Urine culture came back negative for E coli.', 'e coli')).toBe('absent');
    expect(assertionOf('Screened negative for depression today.', 'depression')).toBe('absent');
  });

  it('reaches every item of a list whose first item is the negation’s own long object', () => {
    // The first item ("any sequelae of her lupus such as joint damage") is longer than a list item may
    // be, but no longer than the negation's ordinary reach.
    const text =
      'She denies any sequelae of her lupus such as joint damage, rash, pleuritis, or nephritis.';
    expect(assertionOf(text, 'joint damage')).toBe('absent');
    expect(assertionOf(text, 'pleuritis')).toBe('absent');
    expect(assertionOf(text, 'nephritis')).toBe('absent');
    // A later item as long as that is a clause, not a list item: the list reading stops there.
    const clause =
      'He denies chest pain, but his wife says that he has been short of breath on the stairs at home, or dizzy.';
    expect(assertionOf(clause, 'dizzy')).toBe('present');
  });

  it('reads "low suspicion", "doubt", "no further" and "none" as negation', () => {
    expect(
      assertionOf('Low suspicion for pulmonary embolism given the exam.', 'pulmonary embolism'),
    ).toBe('absent');
    expect(assertionOf('I doubt appendicitis at this point.', 'appendicitis')).toBe('absent');
    expect(assertionOf('Not concerning for malignancy.', 'malignancy')).toBe('absent');
    expect(assertionOf('No further falls since the last visit.', 'falls')).toBe('absent');
    expect(assertionOf('Chest pain: none today.', 'chest pain')).toBe('absent');
    expect(assertionOf('Headaches - none reported this month.', 'headaches')).toBe('absent');
  });

  it('reads review-of-systems sign notation both ways, and "-ve"', () => {
    const text = 'ROS: (-) fever, chills, night sweats. (+) productive cough.';
    expect(assertionOf(text, 'fever')).toBe('absent');
    expect(assertionOf(text, 'night sweats')).toBe('absent');
    expect(assertionOf(text, 'productive cough')).toBe('present');
    const after = 'GI: abdominal pain (-), diarrhea (+), melena (-).';
    expect(assertionOf(after, 'abdominal pain')).toBe('absent');
    expect(assertionOf(after, 'diarrhea')).toBe('present');
    expect(assertionOf(after, 'melena')).toBe('absent');
    expect(assertionOf('Strep screen -ve for group A streptococcus.', 'streptococcus')).toBe(
      'absent',
    );
    expect(assertionOf('Sputum +ve for acid fast bacilli.', 'acid fast bacilli')).toBe('present');
    expect(assertionOf('Blood cultures neg for bacteremia.', 'bacteremia')).toBe('absent');
  });

  it('ends scopes at "though", a positive statement and field labels', () => {
    expect(assertionOf('She denies fever, though she reports a dry cough.', 'dry cough')).toBe(
      'present',
    );
    expect(assertionOf('Negative for rash; positive for itching.', 'itching')).toBe('present');
    expect(assertionOf('Denies dysuria, endorses urinary frequency.', 'urinary frequency')).toBe(
      'present',
    );
    const ros = 'Constitutional: no fever or weight loss Respiratory: wheezing at night';
    expect(assertionOf(ros, 'weight loss')).toBe('absent');
    expect(assertionOf(ros, 'wheezing')).toBe('present');
    // A clock time is not a label.
    expect(assertionOf('No chest pain at 10:30 this morning.', 'chest pain')).toBe('absent');
  });

  it('reads the duration of a present illness as present, not as history', () => {
    expect(assertionOf('A three-day history of fever and sore throat.', 'sore throat')).toBe(
      'present',
    );
    expect(assertionOf('She has a long history of hypertension.', 'hypertension')).toBe('present');
    expect(assertionOf('Two weeks history of low back pain.', 'low back pain')).toBe('present');
    expect(assertionOf('History of kidney stones.', 'kidney stones')).toBe('historical');
  });

  it('reads a plan as hypothetical up to its reason', () => {
    expect(assertionOf('We will also obtain an echocardiogram next week.', 'echocardiogram')).toBe(
      'hypothetical',
    );
    expect(assertionOf('Plan to order a stress test.', 'stress test')).toBe('hypothetical');
    expect(assertionOf('Colonoscopy is pending.', 'colonoscopy')).toBe('present');
    expect(assertionOf('Pending colonoscopy results.', 'colonoscopy')).toBe('hypothetical');
    // The reason for the plan is present.
    expect(assertionOf('Will obtain an MRI for persistent knee pain.', 'knee pain')).toBe(
      'present',
    );
    expect(assertionOf('Will order labs to follow her diabetes.', 'diabetes')).toBe('present');
  });

  it('reads normal-finding phrasing as the absence of disease there', () => {
    expect(assertionOf('The pleural spaces are clear.', 'pleural')).toBe('absent');
    expect(assertionOf('Heart size is within normal limits.', 'heart size')).toBe('absent');
    expect(assertionOf('The lungs and pleural spaces show no acute abnormality.', 'pleural')).toBe(
      'absent',
    );
    // "Clear of" lists what is absent, forward.
    const text = 'The lungs are clear of consolidation, pneumothorax, or effusion.';
    expect(assertionOf(text, 'pneumothorax')).toBe('absent');
    expect(assertionOf(text, 'effusion')).toBe('absent');
    // A positive finding after a normal one stays present.
    expect(
      assertionOf('The heart is normal. Small left pleural effusion.', 'pleural effusion'),
    ).toBe('present');
  });
});
