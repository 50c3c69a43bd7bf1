import { describe, expect, it } from 'vitest';
import type { CodeSet } from '../../../src/codes/code-set.js';
import type { Suggestion } from '../../../src/core/types.js';
import {
  SECTION_CLASSES,
  SELECTION_FEATURES,
  sectionClass,
  selectionFeatures,
} from '../../../src/pipeline/select/selection-features.js';
import { detectSections } from '../../../src/text/sections.js';

// Titles come from the code set; the stand-in knows none, so the suggestion's own title is used.
const codeSet = { get: () => undefined } as unknown as CodeSet;

const suggestion = (
  code: string,
  confidence: number,
  start: number,
  end: number,
  section: string,
): Suggestion => ({
  code,
  system: 'ICD-10-CM',
  title: code === 'R50.9' ? 'Fever, unspecified' : 'Acute pharyngitis, unspecified',
  confidence,
  evidence: [{ start, end, text: 'x', section }],
  assertion: 'present',
  reasons: [],
});

describe('selection features', () => {
  it('maps section names to the classes a coder reads by', () => {
    expect(sectionClass('assessment')).toBe('dx');
    expect(sectionClass('postoperative diagnosis')).toBe('dx');
    expect(sectionClass('preoperative diagnosis')).toBe('preop');
    expect(sectionClass('pmh')).toBe('history');
    expect(sectionClass(undefined)).toBe('none');
    expect(sectionClass('constructor')).toBe('other');
  });

  it('describes where each suggestion was found and what the note looks like', () => {
    const text = 'ROS: fever and chills.\nASSESSMENT: Acute pharyngitis.\n';
    const sections = detectSections(text);
    const x = selectionFeatures(
      [suggestion('J02.9', 0.8, 35, 52, 'assessment'), suggestion('R50.9', 0.6, 5, 10, 'ros')],
      { text, sections, setting: 'outpatient', operating: 0.3, codeSet },
    );
    const at = (row: number, name: (typeof SELECTION_FEATURES)[number]): number =>
      x[row]?.[SELECTION_FEATURES.indexOf(name)] ?? NaN;
    expect(x[0]).toHaveLength(SELECTION_FEATURES.length);
    expect(at(0, 'in:dx')).toBe(1);
    expect(at(0, 'in:ros')).toBe(0);
    expect(at(1, 'in:ros')).toBe(1);
    expect(at(1, 'symptom')).toBe(1);
    // A symptom beside a diagnosis the assessment states.
    expect(at(1, 'symptomBesideDxDiagnosis')).toBe(1);
    expect(at(0, 'noteHasDx')).toBe(1);
    expect(at(0, 'noteHasRos')).toBe(1);
    expect(at(0, 'rank')).toBe(0);
    expect(at(1, 'rank')).toBeCloseTo(Math.log(2));
    // "pharyngitis" and "acute" are in the assessment's words.
    expect(at(0, 'dxCover')).toBe(1);
    expect(SECTION_CLASSES.every((c) => SELECTION_FEATURES.includes(`in:${c}` as never))).toBe(
      true,
    );
  });
});
