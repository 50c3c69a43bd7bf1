import { describe, expect, it } from 'vitest';
import { cabgGrafts, isCabgCode } from '../../../src/pipeline/cpt/cabg-grafts.js';
import { detectSections } from '../../../src/text/sections.js';

const codes = (text: string): string[] => cabgGrafts(text, detectSections(text)).map((c) => c.code);
const operation = (procedure: string): string =>
  `PREOPERATIVE DIAGNOSIS: Coronary artery disease.\nPROCEDURE PERFORMED: ${procedure}\nDESCRIPTION: Median sternotomy and cardiopulmonary bypass.`;

describe('coronary bypass codes from the grafts an operation counts', () => {
  it('one mammary artery and vein grafts: the arterial code and the combined vein add-on', () => {
    expect(codes(operation('CABG x3, LIMA to LAD, saphenous vein grafts to OM and PDA.'))).toEqual([
      '33533',
      '33518',
    ]);
  });

  it('vein grafts only, by their count (six or more share a code)', () => {
    expect(
      codes(operation('Quadruple coronary artery bypass with reversed saphenous vein.')),
    ).toEqual(['33513']);
    expect(codes(operation('Coronary artery bypass grafting x7 with vein grafts.'))).toEqual([
      '33516',
    ]);
  });

  it('a redo adds the reoperation add-on; a spelled-out count reads as its number', () => {
    expect(
      codes(
        operation(
          'Redo coronary artery bypass grafting times two: left internal mammary to LAD, vein to the RCA.',
        ),
      ),
    ).toEqual(['33533', '33517', '33530']);
  });

  it('nothing from a recalled bypass or outside an operative note', () => {
    expect(codes(operation('Sternal wire removal, status post CABG x3.'))).toEqual([]);
    expect(
      codes(
        'HISTORY OF PRESENT ILLNESS: Chest pain.\nPAST SURGICAL HISTORY: CABG x2 in 2012.\nPLAN: Admit.',
      ),
    ).toEqual([]);
  });

  it('the bypass codes it decides are 33510-33536', () => {
    expect(['33510', '33523', '33533', '33536'].every(isCabgCode)).toBe(true);
    expect(['33500', '33537', '93458'].some(isCabgCode)).toBe(false);
  });
});
