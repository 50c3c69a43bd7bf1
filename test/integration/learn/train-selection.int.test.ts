import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../../src/codes/code-set.js';
import type { CodeSet } from '../../../src/codes/code-set.js';
import { fitSelection, type SelectionNote } from '../../../src/learn/train-selection.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../../../src/pipeline/pipeline.js';
import { createSelection } from '../../../src/pipeline/select/select-codes.js';
import type { Knowledge } from '../../../src/pipeline/knowledge.js';
import { LEXICON, ROOT, tempDir } from '../../helpers/fixtures.js';
import { testData } from '../../helpers/test-data.js';

// Notes written for this test: each states one diagnosis in its assessment (the code a coder reports)
// and mentions a symptom in the history or review of systems (not reported beside it).
const DIAGNOSES: [string, string][] = [
  ['Acute bronchitis', 'J20.9'],
  ['Essential hypertension', 'I10'],
  ['Gastroesophageal reflux disease', 'K21.9'],
  ['Urinary tract infection', 'N39.0'],
  ['Iron deficiency anemia', 'D50.9'],
  ['Allergic rhinitis', 'J30.9'],
  ['Hypothyroidism', 'E03.9'],
  ['Hyperlipidemia', 'E78.5'],
];
const SYMPTOMS = ['headache', 'fatigue', 'dizziness', 'nausea'];

function note(i: number, dx: string, symptom: string): string {
  return [
    `HISTORY OF PRESENT ILLNESS: A ${String(30 + i)}-year-old seen in the office today.`,
    `REVIEW OF SYSTEMS: Positive for ${symptom}. Otherwise negative.`,
    'PHYSICAL EXAMINATION: Alert, in no distress.',
    `ASSESSMENT: ${dx}.`,
    'PLAN: Medication as discussed; follow up in three months.',
  ].join('\n');
}

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)('the US selection fitted on coded notes', () => {
  const t = tempDir();
  let codeSet: CodeSet;
  let knowledge: Knowledge;
  let pipeline: Pipeline;
  beforeAll(() => {
    const out = join(t.dir, 'codeset.json');
    buildCodeSet({ icd10cm: [icd10cm ?? ''], out, lexiconDir: LEXICON });
    codeSet = loadCodeSet(out);
    knowledge = loadKnowledge(
      codeSet,
      LEXICON,
      join(ROOT, 'dictionaries', 'learned', 'model.json'),
      {
        selection: false,
      },
    );
    pipeline = createPipeline(knowledge);
  });
  afterAll(() => {
    t.cleanup();
  });

  it('learns to put the assessment above the review of systems, and applies it', () => {
    const notes: SelectionNote[] = [];
    let i = 0;
    for (const [dx, code] of DIAGNOSES) {
      for (const symptom of SYMPTOMS) {
        const text = note(i++, dx, symptom);
        const result = pipeline.detect({ id: `n${String(i)}`, text }, { select: false });
        notes.push({
          id: `n${String(i)}`,
          text,
          setting: 'outpatient',
          gold: [{ system: 'ICD-10-CM', code }],
          result,
          operating: pipeline.threshold,
        });
      }
    }
    const model = fitSelection(notes, codeSet, knowledge.triggers, {
      folds: 4,
      version: 'selection-test',
      provenance: { dataset: 'written for this test' },
    });
    expect(model.thresholds.outpatient).toBeGreaterThan(0);
    expect(model.reliability['J20.9']).toEqual([4, 4]);
    // A note it never saw: a diagnosis and a symptom of the lists, in another combination of words.
    const text = [
      'HISTORY OF PRESENT ILLNESS: Seen for a cough of a week.',
      'REVIEW OF SYSTEMS: Positive for headache and fatigue.',
      'ASSESSMENT: Acute bronchitis.',
    ].join('\n');
    const before = pipeline.detect({ id: 'new', text }, { select: false });
    const after = createSelection(model, codeSet, knowledge.triggers)(
      before,
      { id: 'new', text },
      'outpatient',
      pipeline.threshold,
    );
    const confidence = (code: string): number =>
      after.suggestions.find((s) => s.code === code)?.confidence ?? 0;
    expect(confidence('J20.9')).toBeGreaterThanOrEqual(pipeline.threshold);
    expect(confidence('R51.9')).toBeLessThan(pipeline.threshold);
    expect(confidence('J20.9')).toBeGreaterThan(confidence('R51.9'));
    expect(after.versions.selection).toBe('selection-test');
    expect(after.suggestions.find((s) => s.code === 'J20.9')?.reasons.at(-1)).toContain(
      'a diagnosis statement',
    );
  });
});
