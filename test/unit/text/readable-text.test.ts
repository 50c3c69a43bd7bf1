import { describe, expect, it } from 'vitest';
import { isReadableText } from '../../../src/text/readable-text.js';

describe('readable text', () => {
  it('reads English clinical text, with diacritics or a foreign name in it', () => {
    expect(isReadableText('Assessment: type 2 diabetes mellitus.')).toBe(true);
    expect(isReadableText('Café-au-lait macules; Sjögren syndrome.')).toBe(true);
    expect(isReadableText('Patient Ван Ли reports chest pain since yesterday.')).toBe(true);
    expect(isReadableText('68 yo F with T2DM')).toBe(true);
    expect(isReadableText('HTN')).toBe(true);
  });

  it('refuses symbols, other scripts and text without a word', () => {
    expect(isReadableText('ōȃ鿋Ѿ橸 ōȃ鿋Ѿ橸 Ѿ橸ōȃ鿋')).toBe(false);
    expect(isReadableText('Пациент жалуется на боль в груди. Диагноз: гипертония.')).toBe(false);
    expect(isReadableText('患者胸痛 高血压 HTN')).toBe(false);
    expect(isReadableText('12/04 ... !!! ??')).toBe(false);
    expect(isReadableText('x 1 y 2')).toBe(false);
  });
});
