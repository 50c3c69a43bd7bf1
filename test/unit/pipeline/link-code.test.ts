import { describe, expect, it } from 'vitest';
import { encounterWords, linkCode } from '../../../src/pipeline/linker/link-code.js';
import { suiteReleaseCodeSet } from '../../helpers/fixture-code-set.js';
import { testData } from '../../helpers/test-data.js';

const icd10cm = testData('icd10cm');

describe.skipIf(icd10cm === undefined)('a code made as specific as the words say', () => {
  const codeSet = suiteReleaseCodeSet(icd10cm);
  const link = (code: string, stems: string[], note = 'x'): string | undefined =>
    linkCode(codeSet(), code, new Set(stems), encounterWords(note))?.code;

  it('gives a pregnancy code its 7th character for a single fetus, not the injury character', () => {
    expect(link('O32.1', ['breech', 'present'])).toBe('O32.1XX0');
    expect(link('O34.21', ['previou', 'cesarean'])).toBe('O34.219');
  });

  it('reaches a fifth-character code whose codes need the placeholder X (trimester, then fetus)', () => {
    expect(link('O41.0', ['oligohydramnio'])).toBe('O41.00X0');
    expect(link('O41.0', ['oligohydramnio', 'third', 'trimest'])).toBe('O41.03X0');
    expect(link('O36.59', ['poor', 'fetal', 'growth', 'second', 'trimest'])).toBe('O36.5920');
  });

  it('keeps the initial encounter for an injury, for an open fracture the open one', () => {
    expect(link('S72.0', ['fractur', 'femur'])).toBe('S72.009A');
    expect(link('S72.0', ['open', 'fractur', 'femur'])).toBe('S72.009B');
    expect(link('S72.0', ['compound', 'fractur', 'femur'])).toBe('S72.009B');
    expect(link('S72.0', ['open', 'reduct', 'intern', 'fixat', 'fractur', 'femur'])).toBe(
      'S72.009A',
    );
  });
  it('reads a subsequent encounter from this visit’s words, not from a later visit the plan names', () => {
    const fx = ['fractur', 'femur'];
    expect(link('S72.0', fx, 'Seen today for a cast check of the femur fracture.')).toBe(
      'S72.009D',
    );
    expect(link('S72.0', fx, 'She will return in four weeks for cast removal.')).toBe('S72.009A');
    expect(link('S72.0', fx, 'Plan: follow-up visit for the fracture next month.')).toBe(
      'S72.009A',
    );
  });
  it('reads one side as unilateral, and gives no credit for what a title says is absent or unstated', () => {
    expect(link('Q53.0', ['ectop', 'left', 'testi', 'unilater'])).toBe('Q53.01');
    expect(link('K40.9', ['recurr', 'right', 'inguin', 'hernia', 'unilater'])).toBe('K40.91');
    expect(link('K40', ['right', 'inguin', 'hernia', 'unilater'])).toBe('K40.90');
    expect(link('K40', ['obstruct', 'right', 'inguin', 'hernia', 'unilater'])).toBe('K40.30');
  });

  it('never reads a death into an intracranial injury, and takes "consciousness status unknown" when nothing is said', () => {
    // "traumatic brain injury" shares "brain injury" with the title "… with death due to brain injury …".
    expect(link('S06.9', ['trauma', 'brain', 'injuri'])).toBe('S06.9XAA');
    expect(link('S06.5', ['subdur', 'hematoma'])).toBe('S06.5XAA');
    expect(link('S06.5', ['subdur', 'hematoma', 'loss', 'conscious'])).toBe('S06.5X9A');
    expect(link('S06.9', ['brain', 'injuri', 'death', 'die'])).toMatch(/^S06\.9X[78]A$/);
  });
});
