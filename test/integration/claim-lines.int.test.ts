import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../src/codes/code-set.js';
import type { ClaimLine } from '../../src/core/claim-types.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/pipeline.js';
import { toFhirBundle } from '../../src/fhir/to-fhir-bundle.js';
import { fhirErrors } from '../helpers/fhir-validate.js';
import { LEXICON, ROOT, tempDir } from '../helpers/fixtures.js';
import { testData } from '../helpers/test-data.js';

const icd10cm = testData('icd10cm');
const hcpcs = testData('hcpcs');
const cptNotes = testData('cpt-notes', 'dev.jsonl');

/** 3D-rendering reports of facial CT written by the team: each documents facial fractures. */
const FACE_NOTES = [
  `EXAM: CT MAXILLOFACIAL WITHOUT CONTRAST WITH 3D RECONSTRUCTION
INDICATION: Fall from a ladder, facial swelling.
TECHNIQUE: Thin axial images of the face without intravenous contrast. Three-dimensional surface-rendered images were generated on the scanner console under my concurrent supervision; no separate workstation was used.
FINDINGS: Nondisplaced fracture of the nasal bones. The orbits are intact.
IMPRESSION: Nondisplaced nasal bone fracture.`,
  `EXAM: CT FACIAL BONES WITHOUT CONTRAST, 3D RENDERING
INDICATION: Assault with blows to the face.
TECHNIQUE: Helical acquisition through the facial bones. 3D volume-rendered reconstructions were made by the technologist on the acquisition scanner under physician supervision; an independent workstation was not used.
FINDINGS: Fracture of the nasal bones with mild displacement. Fracture of the left mandible at the angle.
IMPRESSION: Fractures of the nasal bones and of the left mandibular angle.`,
];

describe.skipIf(icd10cm === undefined)('claim lines on the real code set', () => {
  const t = tempDir();
  let pipeline: Pipeline;
  beforeAll(() => {
    const out = join(t.dir, 'codeset.json');
    buildCodeSet({
      icd10cm: [icd10cm ?? ''],
      ...(hcpcs === undefined ? {} : { hcpcs: [hcpcs] }),
      out,
      lexiconDir: LEXICON,
    });
    pipeline = createPipeline(
      loadKnowledge(loadCodeSet(out), LEXICON, join(ROOT, 'dictionaries', 'learned', 'model.json')),
    );
  }, 240_000);
  afterAll(() => {
    t.cleanup();
  });

  it.each(FACE_NOTES.map((text, i) => [i + 1, text] as const))(
    '3D rendering note %i: 70486-26 and 76376-26, units 1, each pointing at the fractures',
    (_, text) => {
      const result = pipeline.detect(
        { id: 'face', text },
        { billing: { component: 'professional' } },
      );
      const claim = result.claim;
      const line = (code: string): ClaimLine | undefined =>
        claim?.lines.find((l) => l.code === code);
      const fractures = result.suggestions
        .filter((s) => s.system === 'ICD-10-CM' && /^S02/.test(s.code))
        .filter((s) => s.confidence >= pipeline.threshold)
        .map((s) => s.code);
      expect(fractures.length).toBeGreaterThan(0);
      for (const code of ['70486', '76376']) {
        expect(line(code)?.modifiers.map((m) => m.code)).toEqual(['26']);
        expect(line(code)?.units).toBe(1);
        expect(
          line(code)
            ?.diagnosisCodes.filter((c) => c.startsWith('S02'))
            .sort(),
        ).toEqual([...fractures].sort());
        expect(line(code)?.diagnosisCodes[0]).toMatch(/^S02/);
      }
      expect(claim?.firstListed?.code).toMatch(/^S02/);
      expect(claim?.lines.flatMap((l) => l.modifiers.map((m) => m.code))).not.toContain('GA');
    },
  );

  it('the component follows billing.component; the mentions rules make no claim', () => {
    const [text = ''] = FACE_NOTES;
    const technical = pipeline.detect({ id: 'f', text }, { billing: { component: 'technical' } });
    expect(technical.claim?.lines.map((l) => `${l.code}-${l.modifiers[0]?.code ?? ''}`)).toEqual([
      '70486-TC',
      '76376-TC',
    ]);
    expect(pipeline.detect({ id: 'f', text }, { rules: 'mentions' }).claim).toBeUndefined();
  });

  it.skipIf(cptNotes === undefined)(
    'FHIR R4 Bundles of the cpt-notes dev notes validate with 0 errors (billing and mentions rules)',
    () => {
      const notes = readFileSync(cptNotes ?? '', 'utf8')
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as { id: string; text: string; setting?: 'outpatient' | 'inpatient' },
        );
      expect(notes.length).toBeGreaterThan(40);
      const errors: string[] = [];
      let claims = 0;
      for (const note of notes) {
        for (const rules of ['billing', 'mentions'] as const) {
          const result = pipeline.detect(
            { id: note.id, text: note.text, ...(note.setting ? { setting: note.setting } : {}) },
            { rules },
          );
          const kept = {
            ...result,
            suggestions: result.suggestions.filter((s) => s.confidence >= pipeline.threshold),
          };
          claims += kept.claim?.lines.length ?? 0;
          errors.push(...fhirErrors(toFhirBundle(kept)).map((e) => `${note.id} ${rules}: ${e}`));
        }
      }
      expect(errors).toEqual([]);
      expect(claims).toBeGreaterThan(40);
    },
    120_000,
  );
});
