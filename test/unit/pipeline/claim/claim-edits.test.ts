import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEditTables } from '../../../../src/codes/edits/read-edit-tables.js';
import type { Claim, ClaimLine } from '../../../../src/core/claim-types.js';
import { buildClaim } from '../../../../src/pipeline/claim/build-claim.js';
import { checkEdits } from '../../../../src/pipeline/claim/check-edits.js';
import type { ClaimKnowledge } from '../../../../src/pipeline/claim/claim-input.js';
import { draftLine } from '../../../../src/pipeline/claim/draft-lines.js';
import {
  claimInput,
  claimKnowledge,
  suggestion,
  type Spec,
} from '../../../helpers/claim-fixtures.js';
import { fixture, tempDir } from '../../../helpers/fixtures.js';

const t = tempDir();
let knowledge: ClaimKnowledge;
beforeAll(() => {
  const edits = readEditTables({
    mue: [fixture('cms', 'mue')],
    ncci: [fixture('cms', 'ncci')],
    addons: [fixture('cms', 'addons')],
  });
  knowledge = claimKnowledge(t.dir, edits);
});
afterAll(() => {
  t.cleanup();
});

const CT_3D = `EXAM: CT MAXILLOFACIAL WITHOUT CONTRAST, 3D RENDERING
INDICATION: Facial trauma.
TECHNIQUE: 3D volume-rendered images made at the scanner console.
FINDINGS: Fracture of the nasal bones.
IMPRESSION: Nasal bone fracture.`;
const CT_SPECS: Spec[] = [
  { code: '70486', words: 'CT MAXILLOFACIAL WITHOUT CONTRAST, 3D RENDERING' },
  { code: '76376', words: '3D volume-rendered images' },
  { code: 'S02.2XXA', words: 'Nasal bone fracture' },
];
const lineOf = (c: Claim, code: string): ClaimLine | undefined =>
  c.lines.find((l) => l.code === code);

describe('MUE', () => {
  it('76376 × 3 is flagged over its MUE of 2, naming the MAI and the source file', () => {
    const input = claimInput(CT_3D, CT_SPECS);
    const line = draftLine(
      suggestion(CT_3D, { code: '76376', words: '3D volume-rendered images' }),
    );
    line.units = 3;
    const [findings] = checkEdits([line], input, knowledge);
    expect(findings).toHaveLength(1);
    expect(findings?.[0]).toMatchObject({
      rule: 'mue',
      action: 'review',
      source: 'MCR_MUE_PractitionerServices_Eff_01-01-2099.csv',
      details: { mue: 2, mai: '3', units: 3 },
    });
    expect(findings?.[0]?.message).toMatch(
      /^3 units of 76376 exceed its MUE of 2 \(date-of-service edit \(clinical\)/,
    );
    line.units = 2;
    expect(checkEdits([line], input, knowledge)).toEqual([[]]);
  });

  it('a date-of-service MUE counts the units of every line of the code', () => {
    const input = claimInput(CT_3D, CT_SPECS);
    const a = draftLine(suggestion(CT_3D, { code: '76376', words: '3D volume-rendered images' }));
    const b = { ...draftLine(suggestion(CT_3D, { code: '76376', words: '3D' })), units: 2 };
    const [first, second] = checkEdits([a, b], input, knowledge);
    expect(first?.[0]?.details).toMatchObject({ units: 3 });
    expect(second).toEqual([]);
  });
});

describe('NCCI procedure-to-procedure edits', () => {
  it('the 70486/76376 pair is reported on the column-2 line with its modifier indicator', () => {
    const c = buildClaim(claimInput(CT_3D, CT_SPECS, { dateOfService: '2026-03-02' }), knowledge);
    const finding = lineOf(c, '76376')?.findings?.[0];
    expect(finding).toMatchObject({
      rule: 'ptp',
      action: 'drop',
      source: 'ccipra-v991r0-f1.txt',
      details: { column1: '70486', column2: '76376', modifierIndicator: '1' },
    });
    expect(finding?.message).toMatch(/modifier indicator 1/);
    expect(lineOf(c, '70486')?.findings).toBeUndefined();
    expect(c.edits.ptp).toBe('ccipra-v991r0-f1.txt');
  });

  it('effective and deletion dates against the date of service', () => {
    const before = buildClaim(
      claimInput(CT_3D, CT_SPECS, { dateOfService: '2025-06-01' }),
      knowledge,
    );
    expect(lineOf(before, '76376')?.findings).toBeUndefined();
    const text =
      'EXAM: CT CHEST WITHOUT CONTRAST\nTECHNIQUE: 3D images at the console.\nIMPRESSION: Pectus excavatum.';
    const specs: Spec[] = [
      { code: '71250', words: 'CT CHEST WITHOUT CONTRAST' },
      { code: '76376', words: '3D images' },
    ];
    const deleted = buildClaim(claimInput(text, specs, { dateOfService: '2026-01-05' }), knowledge);
    expect(lineOf(deleted, '76376')?.findings).toBeUndefined();
    const inForce = buildClaim(claimInput(text, specs, { dateOfService: '2024-05-05' }), knowledge);
    expect(lineOf(inForce, '76376')?.findings?.[0]?.rule).toBe('ptp');
  });

  it('modifier indicator 1: a separate site documented adds XS and bypasses the edit', () => {
    const text = `PROCEDURE: Punch biopsy of a lesion of the right shoulder.
Shave biopsy of a separate lesion on the left thigh.
ASSESSMENT: Neoplasm of uncertain behavior of skin.`;
    const specs: Spec[] = [
      { code: '11104', words: 'Punch biopsy' },
      { code: '11102', words: 'Shave biopsy' },
    ];
    const c = buildClaim(claimInput(text, specs), knowledge);
    expect(lineOf(c, '11102')?.modifiers.map((m) => m.code)).toEqual(['XS']);
    expect(lineOf(c, '11102')?.findings?.[0]).toMatchObject({
      rule: 'ptp',
      action: 'bypassed',
      details: { modifierIndicator: '1', modifier: 'XS' },
    });
  });

  it('modifier indicator 0 drops the column-2 code whatever the note says; 9 is not an edit', () => {
    const text = `PROCEDURE: Right knee injection. Right wrist injection at a separate site.
Venipuncture for labs.
ASSESSMENT: Osteoarthritis.`;
    const c = buildClaim(
      claimInput(text, [
        { code: '20610', words: 'Right knee injection' },
        { code: '20605', words: 'Right wrist injection' },
        { code: '99213', words: 'ASSESSMENT' },
        { code: '36415', words: 'Venipuncture' },
      ]),
      knowledge,
    );
    expect(lineOf(c, '20605')?.findings?.[0]).toMatchObject({
      action: 'drop',
      details: { modifierIndicator: '0' },
    });
    expect(lineOf(c, '36415')?.findings).toBeUndefined();
  });
});

describe('add-on codes', () => {
  it('an add-on without any of its primary codes is flagged; with one it is not', () => {
    const text = 'Cryotherapy of 3 actinic keratoses of the scalp.';
    const alone = buildClaim(
      claimInput(text, [{ code: '17003', words: '3 actinic keratoses' }]),
      knowledge,
    );
    expect(lineOf(alone, '17003')?.findings?.[0]).toMatchObject({
      rule: 'addon',
      source: 'AOC_V2099Q1.csv',
      details: { type: '1' },
    });
    const paired = buildClaim(
      claimInput(text, [
        { code: '17000', words: 'Cryotherapy' },
        { code: '17003', words: '3 actinic keratoses' },
      ]),
      knowledge,
    );
    expect(lineOf(paired, '17003')?.findings).toBeUndefined();
    expect(lineOf(paired, '17003')?.units).toBe(2);
  });
});
