import { describe, expect, it } from 'vitest';
import { fetalHeartLabor } from '../../../src/pipeline/select/fetal-heart-labor.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

// Phrasings written for these tests.
describe.skipIf(icd10cm === undefined)('an abnormal fetal heart rate in or out of labour', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);
  const codes = (text: string): string[] =>
    fetalHeartLabor(
      detectResult(suggestion('O76', 0.6), suggestion('Z3A.37', 0.5)),
      text,
      codeSet(),
    ).suggestions.map((s) => s.code);

  it('keeps O76 where the note documents labour', () => {
    expect(codes('Admitted in active labor; Pitocin was started. Late decelerations.')).toEqual([
      'O76',
      'Z3A.37',
    ]);
    expect(
      codes('She was pushing in the second stage when the tracing became nonreassuring.'),
    ).toEqual(['O76', 'Z3A.37']);
  });

  it('reports maternal care for it (O36.83-) without labour, or where labour is denied', () => {
    expect(codes('Scheduled repeat cesarean; she was found not to be in labor.')).toEqual([
      'O36.8390',
      'Z3A.37',
    ]);
    expect(codes('Nonstress test at the clinic was nonreassuring.')).toEqual([
      'O36.8390',
      'Z3A.37',
    ]);
  });
});
