import { describe, expect, it } from 'vitest';
import { cognateScore, projectEvidence, textWords } from '../../../src/learn/project-evidence.js';
import { fitWordTranslation } from '../../../src/learn/word-translation.js';

describe('fitWordTranslation (IBM Model 1)', () => {
  it('learns which word translates which from sentence pairs alone', () => {
    const table = fitWordTranslation([
      [
        ['la', 'casa'],
        ['the', 'house'],
      ],
      [
        ['la', 'fiebre'],
        ['the', 'fever'],
      ],
      [
        ['fiebre', 'alta'],
        ['high', 'fever'],
      ],
      [
        ['casa', 'alta'],
        ['high', 'house'],
      ],
    ]);
    expect(table.prob('fiebre', 'fever')).toBeGreaterThan(table.prob('fiebre', 'the'));
    expect(table.prob('fiebre', 'fever')).toBeGreaterThan(table.prob('fiebre', 'high'));
    expect(table.prob('casa', 'house')).toBeGreaterThan(0.5);
    expect(table.prob('casa', 'fever')).toBe(0); // never seen together
    expect(table.prob('perro', 'dog')).toBe(0); // unknown words
  });
});

describe('cognateScore', () => {
  it('scores Spanish and English spellings of the same medical word high, others low', () => {
    expect(cognateScore('cistitis', 'cystitis')).toBe(1);
    expect(cognateScore('deshidratacion', 'dehydration')).toBeGreaterThan(0.6);
    expect(cognateScore('hepatitis', 'hepatitis')).toBe(1);
    expect(cognateScore('fiebre', 'fever')).toBeLessThan(0.5);
    expect(cognateScore('dolor', 'pain')).toBe(0);
    expect(cognateScore('de', 'of')).toBe(0);
    expect(cognateScore('av', 'av')).toBe(1); // short words count only when equal
  });
});

describe('textWords', () => {
  it('folds words (lower case, no diacritics) and keeps their offsets', () => {
    const text = 'Fiebre y DESHIDRATACIÓN grave.';
    const words = textWords(text);
    expect(words.map((w) => w.word)).toEqual(['fiebre', 'y', 'deshidratacion', 'grave']);
    for (const w of words) {
      expect(text.slice(w.start, w.end).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toBe(
        w.word,
      );
    }
    expect(textWords(text, 9, 23).map((w) => w.word)).toEqual(['deshidratacion']);
  });
});

describe('projectEvidence', () => {
  const table = fitWordTranslation([
    [
      ['bloqueo', 'completo'],
      ['complete', 'block'],
    ],
    [
      ['bloqueo', 'parcial'],
      ['partial', 'block'],
    ],
  ]);
  it('carries the Spanish evidence to the English words that translate it', () => {
    const es = 'Se objetivó bloqueo AV paroxístico completo en el estudio.';
    const en =
      'In this study a complete paroxysmal AV block was found, which was initially missed.';
    const evidence = es.indexOf('bloqueo');
    const span = projectEvidence(
      textWords(es, evidence, evidence + 'bloqueo AV paroxístico completo'.length),
      textWords(en),
      table,
    );
    expect(span && en.slice(span.start, span.end)).toBe('complete paroxysmal AV block');
  });

  it('finds a cognate the sentence pairs never taught', () => {
    const en = 'She was admitted with severe dehydration and fever.';
    const span = projectEvidence(textWords('deshidratación'), textWords(en), table);
    expect(span && en.slice(span.start, span.end)).toBe('dehydration');
  });

  it('gives up (undefined) when fewer than half of the content words have a translation', () => {
    const en = 'The patient was discharged home.';
    expect(projectEvidence(textWords('teste derecho aumentado'), textWords(en), table)).toBe(
      undefined,
    );
    expect(projectEvidence([], textWords(en), table)).toBeUndefined();
    expect(projectEvidence(textWords('fiebre'), [], table)).toBeUndefined();
  });
});
