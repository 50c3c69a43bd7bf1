import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../../src/core/types.js';
import { specificOverNos } from '../../../../src/pipeline/rules/specific-over-nos.js';

const at = (
  code: string,
  title: string,
  confidence: number,
  spans: [number, number][],
  assertion: Suggestion['assertion'] = 'present',
): Suggestion => ({
  code,
  system: 'ICD-10-CM',
  title,
  confidence,
  evidence: spans.map(([start, end]) => ({ start, end, text: 'x'.repeat(end - start) })),
  assertion,
  reasons: [],
});

const codes = (list: readonly Suggestion[]): string[] => list.map((s) => s.code);

describe('specific over unspecified', () => {
  it('drops the reading of fewer words inside a specific code of the same category', () => {
    // "paroxysmal atrial fibrillation": I48.91 read from "atrial fibrillation" inside it.
    const specific = at('I48.0', 'Paroxysmal atrial fibrillation', 0.8, [[0, 30]]);
    const nos = at('I48.91', 'Unspecified atrial fibrillation', 0.7, [[11, 30]]);
    const { kept, replaced } = specificOverNos([specific, nos], 0.3);
    expect(codes(kept)).toEqual(['I48.0']);
    expect(replaced.map((r) => [r.suggestion.code, r.by.code])).toEqual([['I48.91', 'I48.0']]);
  });

  it('drops the unspecified reading of the very same words', () => {
    const morbid = at('E66.01', 'Morbid (severe) obesity due to excess calories', 0.9, [[0, 14]]);
    const obesity = at('E66.9', 'Obesity, unspecified', 0.5, [[0, 14]]);
    expect(codes(specificOverNos([morbid, obesity], 0.3).kept)).toEqual(['E66.01']);
  });

  it('drops the unspecified code beside the "other" code of the same condition, wherever each was read', () => {
    // "chest pain" in the complaint, "atypical chest pain" in the assessment: one pain, R07.89.
    const other = at('R07.89', 'Other chest pain', 0.6, [[200, 219]]);
    const chest = at('R07.9', 'Chest pain, unspecified', 0.9, [[0, 10]]);
    const { kept, replaced } = specificOverNos([chest, other], 0.3);
    expect(codes(kept)).toEqual(['R07.89']);
    expect(replaced.map((r) => [r.suggestion.code, r.by.code])).toEqual([['R07.9', 'R07.89']]);
    const sinus = at('J01.80', 'Other acute sinusitis', 0.6, [[0, 10]]);
    const nos = at('J01.90', 'Acute sinusitis, unspecified', 0.5, [[40, 55]]);
    expect(codes(specificOverNos([sinus, nos], 0.3).kept)).toEqual(['J01.80']);
    // ... but not beside the "other" class of a broad group of disorders, nor when the "other" code is
    // weak or of another condition.
    const kidney = at('N28.89', 'Other specified disorders of kidney and ureter', 0.6, [[0, 10]]);
    const kidneyNos = at('N28.9', 'Disorder of kidney and ureter, unspecified', 0.5, [[40, 55]]);
    expect(codes(specificOverNos([kidney, kidneyNos], 0.3).kept)).toEqual(['N28.89', 'N28.9']);
    const weak = at('R07.89', 'Other chest pain', 0.2, [[200, 219]]);
    expect(codes(specificOverNos([chest, weak], 0.3).kept)).toEqual(['R07.9', 'R07.89']);
    const anxiety = at('F41.8', 'Other specified anxiety disorders', 0.6, [[0, 10]]);
    const pain = at('R52', 'Pain, unspecified', 0.5, [[40, 45]]);
    expect(codes(specificOverNos([anxiety, pain], 0.3).kept)).toEqual(['F41.8', 'R52']);
  });

  it('keeps one code per condition: the unspecified code of a category gives way wherever it was read', () => {
    // "heart failure" in the history, "chronic diastolic heart failure" in the assessment.
    const nos = at('I50.9', 'Heart failure, unspecified', 0.9, [[10, 23]]);
    const diastolic = at('I50.32', 'Chronic diastolic (congestive) heart failure', 0.6, [
      [200, 231],
    ]);
    const { kept, replaced } = specificOverNos([nos, diastolic], 0.3);
    expect(codes(kept)).toEqual(['I50.32']);
    expect(replaced.map((r) => [r.suggestion.code, r.by.code])).toEqual([['I50.9', 'I50.32']]);
    // Two unspecified readings: the one naming more of the condition stays.
    const ear = at('H60.91', 'Unspecified otitis externa, right ear', 0.5, [[0, 14]]);
    const acute = at('H60.501', 'Unspecified acute noninfective otitis externa, right ear', 0.5, [
      [40, 60],
    ]);
    expect(codes(specificOverNos([ear, acute], 0.3).kept)).toEqual(['H60.501']);
  });

  it('keeps codes of one category that name different things', () => {
    // The other ear, another site: not the same condition.
    const right = at('H60.501', 'Unspecified acute noninfective otitis externa, right ear', 0.5, [
      [0, 10],
    ]);
    const left = at('H60.92', 'Unspecified otitis externa, left ear', 0.5, [[40, 60]]);
    expect(codes(specificOverNos([right, left], 0.3).kept)).toEqual(['H60.501', 'H60.92']);
    // A weak specific reading replaces nothing.
    const weak = at('I50.32', 'Chronic diastolic (congestive) heart failure', 0.2, [[200, 231]]);
    const hf = at('I50.9', 'Heart failure, unspecified', 0.9, [[10, 23]]);
    expect(codes(specificOverNos([hf, weak], 0.3).kept)).toEqual(['I50.9', 'I50.32']);
  });

  it("drops a condition's NOS code beside a code of its kind in another category, not beside a combination", () => {
    const nos = at('D64.9', 'Anemia, unspecified', 0.8, [[20, 49]]);
    const iron = at('D50.9', 'Iron deficiency anemia, unspecified', 0.6, [[15, 37]]);
    expect(codes(specificOverNos([nos, iron], 0.3).kept)).toEqual(['D50.9']);
    const sepsis = at('A41.9', 'Sepsis, unspecified organism', 0.7, [[0, 6]]);
    const strep = at('A40.3', 'Sepsis due to Streptococcus pneumoniae', 0.5, [[50, 80]]);
    expect(codes(specificOverNos([sepsis, strep], 0.3).kept)).toEqual(['A40.3']);
    // "Hypertensive heart disease with heart failure" asks for the heart failure code as well.
    const hf = at('I50.9', 'Heart failure, unspecified', 0.7, [[0, 13]]);
    const i11 = at('I11.0', 'Hypertensive heart disease with heart failure', 0.6, [[30, 60]]);
    expect(codes(specificOverNos([hf, i11], 0.3).kept)).toEqual(['I50.9', 'I11.0']);
    // "Unspecified <condition>" is the NOS form too.
    const cataract = at('H26.9', 'Unspecified cataract', 0.8, [[40, 48]]);
    const nuclear = at('H25.11', 'Age-related nuclear cataract, right eye', 0.7, [[20, 48]]);
    expect(codes(specificOverNos([cataract, nuclear], 0.3).kept)).toEqual(['H25.11']);
    // Another chapter is another condition's code.
    const pain = at('R52', 'Pain, unspecified', 0.6, [[0, 4]]);
    const back = at('M54.50', 'Low back pain, unspecified', 0.6, [[30, 43]]);
    expect(codes(specificOverNos([pain, back], 0.3).kept)).toEqual(['R52', 'M54.50']);
  });

  it('drops a symptom or an unspecified-region injury inside a longer specific reading', () => {
    const fracture = at('S02.2XXA', 'Fracture of nasal bones, initial encounter', 0.6, [[0, 30]]);
    const injury = at('T14.8XXA', 'Other injury of unspecified body region', 0.9, [[0, 8]]);
    expect(codes(specificOverNos([fracture, injury], 0.3).kept)).toEqual(['S02.2XXA']);
  });

  it('keeps a separate condition of another category, and needs a kept, present replacer', () => {
    // "diabetes with CKD": CKD keeps its own code beside the combination code.
    const combo = at(
      'E11.22',
      'Type 2 diabetes mellitus with diabetic chronic kidney disease',
      0.8,
      [[0, 20]],
    );
    const ckd = at('N18.9', 'Chronic kidney disease, unspecified', 0.7, [[14, 20]]);
    expect(codes(specificOverNos([combo, ckd], 0.3).kept)).toEqual(['E11.22', 'N18.9']);
    // Below the operating threshold, or negated, the longer reading replaces nothing.
    const weak = at('I48.0', 'Paroxysmal atrial fibrillation', 0.2, [[0, 30]]);
    const nos = at('I48.91', 'Unspecified atrial fibrillation', 0.7, [[11, 30]]);
    expect(codes(specificOverNos([weak, nos], 0.3).kept)).toEqual(['I48.0', 'I48.91']);
    const absent = at('I48.0', 'Paroxysmal atrial fibrillation', 0.9, [[0, 30]], 'absent');
    expect(codes(specificOverNos([absent, nos], 0.3).kept)).toEqual(['I48.0', 'I48.91']);
  });

  it('does not let one specific code of a category replace another it does not refine', () => {
    // "epigastric and right upper quadrant pain": two sites, two codes.
    const epigastric = at('R10.13', 'Epigastric pain', 0.8, [[0, 40]]);
    const ruq = at('R10.11', 'Right upper quadrant pain', 0.6, [[15, 40]]);
    expect(codes(specificOverNos([epigastric, ruq], 0.3).kept)).toEqual(['R10.13', 'R10.11']);
  });
  it('drops the code without a complication beside its sibling whose words name it', () => {
    const withIt = {
      ...at(
        'K21.00',
        'Gastro-esophageal reflux disease with esophagitis, without bleeding',
        0.7,
        [],
      ),
      evidence: [{ start: 300, end: 318, text: 'reflux esophagitis' }],
    };
    const without = at('K21.9', 'Gastro-esophageal reflux disease without esophagitis', 0.6, [
      [20, 26],
    ]);
    const { kept, replaced } = specificOverNos([withIt, without], 0.3);
    expect(codes(kept)).toEqual(['K21.00']);
    expect(replaced.map((r) => [r.suggestion.code, r.by.code])).toEqual([['K21.9', 'K21.00']]);
    // Not when the sibling's words do not name the complication (a code proposed from other words).
    const vague = {
      ...at('O03.39', 'Incomplete spontaneous abortion with other complications', 0.6, []),
      evidence: [{ start: 0, end: 18, text: 'incomplete abortion' }],
    };
    const plain = at('O03.4', 'Incomplete spontaneous abortion without complication', 0.7, [
      [0, 18],
    ]);
    expect(codes(specificOverNos([vague, plain], 0.3).kept)).toEqual(['O03.39', 'O03.4']);
  });
  it("narrows a category's unspecified code with the category's words, not a joined category's", () => {
    const esrd = at('N18.6', 'End stage renal disease', 0.8, [[100, 124]]);
    const ckd = at('N18.9', 'Chronic kidney disease, unspecified', 0.6, [[0, 22]]);
    const category = (code: string): string | undefined =>
      code.startsWith('N18') ? 'Chronic kidney disease (CKD)' : undefined;
    expect(codes(specificOverNos([esrd, ckd], 0.3, category).kept)).toEqual(['N18.6']);
    expect(codes(specificOverNos([esrd, ckd], 0.3).kept)).toEqual(['N18.6', 'N18.9']);
  });
  it('drops a code without complications beside one of its category read with one', () => {
    const ulcer = {
      ...at('E11.621', 'Type 2 diabetes mellitus with foot ulcer', 0.7, []),
      evidence: [{ start: 50, end: 80, text: 'diabetes with a foot ulcer' }],
    };
    const plain = at('E11.9', 'Type 2 diabetes mellitus without complications', 0.6, [[0, 15]]);
    expect(codes(specificOverNos([ulcer, plain], 0.3).kept)).toEqual(['E11.621']);
    // ... not beside a code with complications read from the very same words.
    const same = at('O03.39', 'Incomplete spontaneous abortion with other complications', 0.6, [
      [0, 20],
    ]);
    const none = at('O03.4', 'Incomplete spontaneous abortion without complication', 0.7, [
      [0, 20],
    ]);
    expect(codes(specificOverNos([same, none], 0.3).kept)).toEqual(['O03.39', 'O03.4']);
  });
});
