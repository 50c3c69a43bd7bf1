import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/core/claim-types.js';
import type { DetectResult, Suggestion } from '../../../src/core/types.js';
import { toFhirBundle } from '../../../src/fhir/to-fhir-bundle.js';
import { fhirErrors } from '../../helpers/fhir-validate.js';

const TEXT =
  'EXAM: CT FACE\nFINDINGS: Nasal bone fracture. No orbital fracture. Possible sinusitis.';
const at = (words: string): Suggestion['evidence'][number] => {
  const start = TEXT.indexOf(words);
  return { start, end: start + words.length, text: words, section: 'findings' };
};
const s = (code: string, words: string, extra: Partial<Suggestion> = {}): Suggestion => ({
  code,
  system: /^\d/.test(code) ? 'CPT' : 'ICD-10-CM',
  title: `title of ${code}`,
  confidence: 0.9,
  evidence: [at(words)],
  assertion: 'present',
  reasons: ['a reason'],
  ...extra,
});
const claim: Claim = {
  component: 'professional',
  diagnoses: [{ sequence: 1, code: 'S02.2XXA', title: 'title of S02.2XXA' }],
  firstListed: {
    code: 'S02.2XXA',
    reason: 'confirmed finding',
    evidence: [at('Nasal bone fracture')],
  },
  lines: [
    {
      line: 1,
      code: '70486',
      system: 'CPT',
      title: 'title of 70486',
      units: 1,
      unitsBasis: { reason: 'one service documented', evidence: [at('CT FACE')] },
      modifiers: [{ code: '26', reason: 'professional component', evidence: [] }],
      diagnosisCodes: ['S02.2XXA'],
      diagnosisPointers: [1],
      pointerReasons: [{ reason: 'finding', evidence: [at('Nasal bone fracture')] }],
      evidence: [at('CT FACE')],
    },
  ],
  edits: {},
};
const result: DetectResult = {
  noteId: 'n1',
  suggestions: [
    s('70486', 'CT FACE'),
    s('S02.2XXA', 'Nasal bone fracture'),
    s('S02.3XXA', 'orbital fracture', { assertion: 'absent' }),
    s('J32.9', 'sinusitis', { assertion: 'possible' }),
  ],
  suppressed: [],
  versions: { codeSet: 'test', lexiconOnly: false, detector: 'test' },
  claim,
};

describe('FHIR R4 Bundle of a result', () => {
  const bundle = toFhirBundle(result, { now: '2026-12-05T10:00:00Z' });
  const of = (type: string): Record<string, unknown>[] =>
    bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);

  it('validates against the R4 definitions with 0 errors', () => {
    expect(fhirErrors(bundle)).toEqual([]);
  });

  it('Conditions in ICD-10-CM with verificationStatus from the assertion and evidence at the spans', () => {
    const conditions = of('Condition');
    expect(conditions.map((c) => JSON.stringify(c.verificationStatus))).toEqual([
      expect.stringContaining('"confirmed"'),
      expect.stringContaining('"refuted"'),
      expect.stringContaining('"provisional"'),
    ]);
    expect(JSON.stringify(conditions[0]?.code)).toContain('http://hl7.org/fhir/sid/icd-10-cm');
    const detail = JSON.stringify(conditions[0]?.evidence);
    expect(detail).toContain(`"valueInteger":${String(TEXT.indexOf('Nasal bone fracture'))}`);
    expect(detail).toContain(bundle.entry[0]?.fullUrl);
  });

  it('a Procedure in CPT pointing at its Conditions, and a draft Claim of the lines', () => {
    const [procedure] = of('Procedure');
    expect(JSON.stringify(procedure?.code)).toContain('http://www.ama-assn.org/go/cpt');
    const fracture = bundle.entry.find((e) => JSON.stringify(e.resource).includes('S02.2XXA'));
    expect(procedure?.reasonReference).toEqual([{ reference: fracture?.fullUrl }]);
    const [draft] = of('Claim');
    expect(draft?.status).toBe('draft');
    expect(JSON.stringify(draft?.item)).toContain('"diagnosisSequence":[1]');
    expect(JSON.stringify(draft?.item)).toContain('"code":"26"');
  });

  it('the same result gives the same bundle (stable ids)', () => {
    expect(toFhirBundle(result, { now: '2026-12-05T10:00:00Z' })).toEqual(bundle);
  });

  it('a broken resource is caught by the validator (the check can fail)', () => {
    expect(fhirErrors({ resourceType: 'Condition', code: { text: 'x' } })).not.toEqual([]);
  });
});
