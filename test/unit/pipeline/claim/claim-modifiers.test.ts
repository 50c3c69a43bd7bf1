import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim, ClaimLine } from '../../../../src/core/claim-types.js';
import { buildClaim } from '../../../../src/pipeline/claim/build-claim.js';
import type { ClaimKnowledge } from '../../../../src/pipeline/claim/claim-input.js';
import { claimInput, claimKnowledge, type Spec } from '../../../helpers/claim-fixtures.js';
import { tempDir } from '../../../helpers/fixtures.js';

const t = tempDir();
let knowledge: ClaimKnowledge;
beforeAll(() => {
  knowledge = claimKnowledge(t.dir);
});
afterAll(() => {
  t.cleanup();
});

const claimOf = (
  text: string,
  specs: readonly Spec[],
  options: Parameters<typeof claimInput>[2] = {},
): Claim => buildClaim(claimInput(text, specs, options), knowledge);
const mods = (l: ClaimLine | undefined): string[] => (l?.modifiers ?? []).map((m) => m.code);
const lineOf = (c: Claim, code: string, nth = 0): ClaimLine | undefined =>
  c.lines.filter((l) => l.code === code)[nth];

const CT_3D = `EXAM: CT FACIAL BONES WITHOUT CONTRAST, 3D RECONSTRUCTIONS
INDICATION: Struck in the face during a bicycle crash.
TECHNIQUE: Axial images through the face. Volume-rendered 3D images were made at the scanner console under physician supervision.
FINDINGS: Fracture through the right mandibular angle. Nasal bones are intact.
IMPRESSION: Right mandibular angle fracture.`;
const CT_SPECS: Spec[] = [
  { code: '70486', words: 'CT FACIAL BONES WITHOUT CONTRAST, 3D RECONSTRUCTIONS' },
  { code: '76376', words: 'Volume-rendered 3D images' },
  { code: 'S02.650A', words: 'Right mandibular angle fracture' },
];

describe('26 and TC from billing.component and the code PC/TC indicator', () => {
  it('professional → 26 on each split code; technical → TC; global → none', () => {
    const pro = claimOf(CT_3D, CT_SPECS, { component: 'professional' });
    expect(pro.lines.map((l) => [l.code, mods(l)])).toEqual([
      ['70486', ['26']],
      ['76376', ['26']],
    ]);
    expect(lineOf(pro, '70486')?.modifiers[0]?.reason).toMatch(/billing.component professional/);
    expect(lineOf(pro, '70486')?.modifiers[0]?.evidence[0]?.text).toBe('IMPRESSION:');
    expect(mods(lineOf(claimOf(CT_3D, CT_SPECS, { component: 'technical' }), '76376'))).toEqual([
      'TC',
    ]);
    const global = claimOf(CT_3D, CT_SPECS, { component: 'global' });
    expect(global.lines.flatMap(mods)).toEqual([]);
    expect(lineOf(global, '70486')?.notes?.[0]).toMatch(/both components/);
  });

  it('a code that is not split (E/M, procedures) or is a component itself takes neither', () => {
    const text = 'ECG interpretation only: sinus rhythm.\nASSESSMENT: Palpitations.';
    const c = claimOf(text, [{ code: '93010', words: 'ECG interpretation only' }], {
      component: 'technical',
    });
    expect(mods(lineOf(c, '93010'))).toEqual([]);
    expect(lineOf(c, '93010')?.notes?.[0]).toMatch(/professional-only/);
  });
});

describe('LT, RT and 50 from laterality', () => {
  it('one side named → LT or RT, with the side words as evidence', () => {
    const text = 'EXAM: MRI LEFT KNEE WITHOUT CONTRAST\nFINDINGS: Tear of the medial meniscus.';
    const c = claimOf(text, [{ code: '73721', words: 'MRI LEFT KNEE WITHOUT CONTRAST' }]);
    const lt = lineOf(c, '73721')?.modifiers.find((m) => m.code === 'LT');
    expect(lt?.evidence[0]?.text).toBe('LEFT');
    expect(mods(lineOf(c, '73721'))).toEqual(['26', 'LT']);
  });

  it('no side named → no LT/RT, and the line says so', () => {
    const text = 'EXAM: MRI KNEE WITHOUT CONTRAST\nFINDINGS: Tear of the medial meniscus.';
    const c = claimOf(text, [{ code: '73721', words: 'MRI KNEE WITHOUT CONTRAST' }]);
    expect(mods(lineOf(c, '73721'))).toEqual(['26']);
    expect(lineOf(c, '73721')?.notes).toContain(
      'no side documented for a sided service: LT/RT not added',
    );
  });

  it('"bilateral" on a code paid with 50 → one line with 50; on a per-side code → RT and LT lines', () => {
    const injection =
      'PROCEDURE: Bilateral knee injections with triamcinolone after sterile prep.\nASSESSMENT: Primary osteoarthritis of both knees.';
    const c = claimOf(injection, [{ code: '20610', words: 'Bilateral knee injections' }]);
    expect(c.lines.map((l) => [l.code, mods(l), l.units])).toEqual([['20610', ['50'], 1]]);
    const films = 'EXAM: X-RAY BOTH KNEES, TWO VIEWS\nFINDINGS: Joint space narrowing.';
    const f = claimOf(films, [{ code: '73560', words: 'X-RAY BOTH KNEES, TWO VIEWS' }]);
    expect(f.lines.map((l) => [l.code, mods(l)])).toEqual([
      ['73560', ['26', 'RT']],
      ['73560', ['26', 'LT']],
    ]);
  });

  it('left and right both named for one service without "bilateral" → no side inferred', () => {
    const text = 'Right knee injected. Left knee pain noted.';
    const c = claimOf(text, [{ code: '20610', words: 'Right knee injected' }]);
    expect(mods(lineOf(c, '20610'))).toEqual(['RT']);
    const mixed = 'Injection of the right or left knee per patient preference: knee injected.';
    const m = claimOf(mixed, [{ code: '20610', words: 'knee injected' }]);
    expect(mods(lineOf(m, '20610'))).toEqual([]);
  });
});

describe('25 on an E/M with a same-day minor procedure', () => {
  const visit = (extra: string): string =>
    `CHIEF COMPLAINT: Right knee pain.
HPI: Knee pain from osteoarthritis.${extra}
PROCEDURE: Right knee injection with methylprednisolone, tolerated well.
ASSESSMENT: Primary osteoarthritis of the right knee.`;
  const specs = (extra: Spec[]): Spec[] => [
    { code: '99213', words: 'CHIEF COMPLAINT' },
    { code: '20610', words: 'Right knee injection' },
    { code: 'M17.11', words: 'Primary osteoarthritis of the right knee' },
    ...extra,
  ];

  it('a separately identifiable problem documented → 25 with its evidence', () => {
    const text = visit(
      ' Blood pressure also addressed: essential hypertension, lisinopril increased.',
    );
    const c = claimOf(text, specs([{ code: 'I10', words: 'essential hypertension' }]));
    const m25 = lineOf(c, '99213')?.modifiers.find((m) => m.code === '25');
    expect(m25?.reason).toMatch(/I10/);
    expect(m25?.evidence.map((e) => e.text)).toContain('essential hypertension');
    expect(lineOf(c, '20610')?.diagnosisCodes[0]).toBe('M17.11');
  });

  it('only the problem the procedure treated → no 25, and a note why', () => {
    const c = claimOf(visit(''), specs([]));
    expect(mods(lineOf(c, '99213'))).toEqual([]);
    expect(lineOf(c, '99213')?.notes?.[0]).toMatch(/no separately identifiable problem/);
  });
});

describe('XS/XE/XU (or 59) on a bundled pair documented as distinct', () => {
  const text = (second: string): string =>
    `PROCEDURE: Punch biopsy of a pigmented lesion of the left forearm.
${second}
ASSESSMENT: Neoplasm of uncertain behavior of skin.`;

  it('a separate site → the bundled code comes back with XS, or 59 when asked', () => {
    const note = text('Shave biopsy of a separate lesion on the back.');
    const specs: Spec[] = [{ code: '11104', words: 'Punch biopsy' }];
    const suppressed = [{ code: '11102', words: 'Shave biopsy', reason: 'bundled' }];
    const c = claimOf(note, specs, { suppressed });
    expect(c.lines.map((l) => [l.code, mods(l)])).toEqual([
      ['11104', []],
      ['11102', ['XS']],
    ]);
    expect(lineOf(c, '11102')?.modifiers[0]?.evidence.map((e) => e.text)).toContain(
      'separate lesion',
    );
    const d = claimOf(note, specs, { suppressed, distinct: '59' });
    expect(mods(lineOf(d, '11102'))).toEqual(['59']);
  });

  it('a separate session → XE', () => {
    const note = text('The patient returned later the same day for a shave biopsy of the lesion.');
    const c = claimOf(note, [{ code: '11104', words: 'Punch biopsy' }], {
      suppressed: [{ code: '11102', words: 'shave biopsy', reason: 'bundled' }],
    });
    expect(mods(lineOf(c, '11102'))).toEqual(['XE']);
  });

  it('a code with several bundle rows: the row naming the reported service is the one that counts', () => {
    // 52000 has one bundle row per family of therapeutic cystoscopies; the tumour resection is not in the first.
    const note = `PROCEDURE: Cystourethroscopy with fulguration of a small bladder tumor at the dome.
Later that day, in a second session, a diagnostic cystourethroscopy was repeated for bleeding.`;
    const c = claimOf(note, [{ code: '52234', words: 'fulguration of a small bladder tumor' }], {
      suppressed: [{ code: '52000', words: 'diagnostic cystourethroscopy', reason: 'bundled' }],
    });
    expect(mods(lineOf(c, '52000'))).toEqual(['XE']);
  });

  it('the same lesion and site → stays bundled', () => {
    const note = text('Shave biopsy of the same forearm lesion first.');
    const c = claimOf(note, [{ code: '11104', words: 'Punch biopsy' }], {
      suppressed: [{ code: '11102', words: 'Shave biopsy', reason: 'bundled' }],
    });
    expect(lineOf(c, '11102')).toBeUndefined();
  });
});

describe('76 and 77 for a study repeated the same day', () => {
  const note = (line: string): string =>
    `EXAM: PORTABLE CHEST, 1 VIEW
FINDINGS: Endotracheal tube 6 cm above the carina. ${line}
IMPRESSION: Tube in good position.`;
  const specs: Spec[] = [{ code: '71045', words: 'PORTABLE CHEST, 1 VIEW' }];

  it('a repeat done after a procedure → a second line with 76', () => {
    const c = claimOf(
      note('A repeat chest x-ray was obtained after tube repositioning, hours later.'),
      specs,
    );
    expect(c.lines.map((l) => [l.code, mods(l)])).toEqual([
      ['71045', ['26']],
      ['71045', ['26', '76']],
    ]);
    expect(lineOf(c, '71045', 1)?.modifiers[1]?.evidence[0]?.text).toMatch(/^repeat chest x-ray/);
  });

  it('the first study read by another physician → 77', () => {
    const c = claimOf(
      note(
        'Repeat chest radiograph obtained later the same day; the first was read by another radiologist.',
      ),
      specs,
    );
    expect(mods(lineOf(c, '71045', 1))).toEqual(['26', '77']);
  });

  it('a recommended or planned repeat → no repeat line', () => {
    const c = claimOf(
      note('Recommend repeat chest x-ray after the tube is adjusted today.'),
      specs,
    );
    expect(c.lines).toHaveLength(1);
    const d = claimOf(note('No repeat chest x-ray was obtained today.'), specs);
    expect(d.lines).toHaveLength(1);
  });
});

describe('never GA, GZ or GY', () => {
  it('even when the note talks about an advance beneficiary notice', () => {
    const text = `${CT_3D}\nAdvance beneficiary notice signed; Medicare may deny the 3D rendering.`;
    const c = claimOf(text, CT_SPECS);
    expect(c.lines.flatMap(mods).filter((m) => /^G[AZY]$/.test(m))).toEqual([]);
  });
});
