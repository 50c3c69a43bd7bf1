import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import { applyLicensedCpt, parseLicensedCpt } from '../../../src/codes/cpt/load-licensed-cpt.js';
import { LEXICON, fixture } from '../../helpers/fixtures.js';

describe('CPT lexicon', () => {
  const lexicon = loadCptLexicon(LEXICON);
  const byCode = new Map(lexicon.entries.map((e) => [e.code, e]));

  it('covers radiology, 3D rendering, E/M and office procedures with modifiers', () => {
    expect(lexicon.entries.length).toBeGreaterThan(200);
    expect(byCode.get('76377')?.attributes.workstation).toBe('yes');
    expect(byCode.get('76376')?.attributes.workstation).toBe('no');
    expect(byCode.get('74177')?.attributes).toMatchObject({
      modality: 'ct',
      region: 'abdomen-pelvis',
      contrast: 'with',
    });
    expect(byCode.get('71046')?.attributes.views).toBe('2');
    expect(byCode.get('73721')?.modifiers).toEqual(['26', 'TC', 'LT', 'RT']);
    expect(byCode.get('20610')?.modifiers).toContain('50');
    const procedures = lexicon.entries.filter((e) => e.category === 'procedure');
    expect(procedures.length).toBeGreaterThanOrEqual(30);
    for (const entry of lexicon.entries) {
      expect(entry.source).toBe('lexicon');
      for (const modifier of entry.modifiers) {
        expect(lexicon.modifiers[modifier], `${entry.code} modifier ${modifier}`).toBeDefined();
      }
    }
  });

  it('lets a licensed file override descriptions and add codes', () => {
    const file = fixture('cpt', 'licensed-cpt.tsv');
    const descriptors = parseLicensedCpt(readFileSync(file, 'utf8'), file);
    const merged = applyLicensedCpt(lexicon, descriptors);
    const rendering = merged.entries.find((e) => e.code === '76376');
    expect(rendering?.description).toBe('LICENSED DESCRIPTOR FOR TEST A');
    expect(rendering?.source).toBe('licensed');
    expect(rendering?.ownDescription).toBe(byCode.get('76376')?.ownDescription);
    expect(rendering?.triggers).toEqual(byCode.get('76376')?.triggers);
    expect(merged.entries.find((e) => e.code === '99999')?.source).toBe('licensed');
  });

  it('names file and line of a bad licensed line', () => {
    const file = fixture('cpt', 'bad-licensed-cpt.tsv');
    expect(() => parseLicensedCpt(readFileSync(file, 'utf8'), file)).toThrow(
      /bad-licensed-cpt\.tsv:2: "ABCDE" is not a CPT code/,
    );
  });
});
