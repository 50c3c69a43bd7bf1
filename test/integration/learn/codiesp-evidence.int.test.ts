import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCodiespEvidence } from '../../../src/learn/codiesp-evidence.js';
import { tempDir } from '../../helpers/fixtures.js';

/** Hand-made Spanish originals and English translations in the CodiEsp layout. */
const NOTES: readonly (readonly [string, string, readonly [string, string][]])[] = [
  [
    'Varón de 70 años con fiebre. Ingresa por deshidratación y bloqueo AV completo.',
    'A 70-year-old man with fever. He was admitted for dehydration and complete AV block.',
    [
      ['r50.9', 'fiebre'],
      ['e86.0', 'deshidratación'],
      ['i44.2', 'bloqueo AV completo'],
    ],
  ],
  [
    'Mujer con fiebre alta. Sin otros hallazgos.',
    'Woman with high fever. No other findings.',
    [['r50.9', 'fiebre']],
  ],
  [
    'Presenta bloqueo AV de segundo grado.',
    'She has a second-degree AV block.',
    [['i44.1', 'bloqueo AV de segundo grado']],
  ],
];

let t: { dir: string; cleanup: () => void };
let split: string;
beforeAll(() => {
  t = tempDir();
  split = join(t.dir, 'train');
  mkdirSync(join(split, 'text_files_en'), { recursive: true });
  mkdirSync(join(split, 'text_files_es'), { recursive: true });
  const d: string[] = [];
  const x: string[] = [];
  NOTES.forEach(([es, en, codes], i) => {
    writeFileSync(join(split, 'text_files_es', `n${i}.txt`), es);
    writeFileSync(join(split, 'text_files_en', `n${i}.txt`), en);
    for (const [code, words] of codes) {
      const start = es.indexOf(words);
      d.push(`n${i}\t${code}`);
      x.push(`n${i}\tDIAGNOSTICO\t${code}\t${words}\t${start} ${start + words.length}`);
    }
  });
  writeFileSync(join(split, 'trainD.tsv'), `${d.join('\n')}\n`);
  writeFileSync(join(split, 'trainX.tsv'), `${x.join('\n')}\n`);
});
afterAll(() => {
  t.cleanup();
});

describe('readCodiespEvidence', () => {
  it('carries each code’s Spanish evidence to its English sentence and to the words that translate it', () => {
    const docs = readCodiespEvidence(split, { evidenceWords: true });
    const first = docs.find((d) => d.id === 'n0');
    expect(first?.gold).toEqual(['R50.9', 'E86.0', 'I44.2']);
    expect([...(first?.evidence.get('E86.0') ?? [])]).toEqual([1]);
    const words = (code: string): string[] =>
      (first?.spans.get(code) ?? []).map((s) => first?.text.slice(s.start, s.end) ?? '');
    expect(words('R50.9')).toEqual(['fever']);
    expect(words('E86.0')).toEqual(['dehydration']);
    expect(words('I44.2')).toEqual(['complete AV block']);
    // Three sentence pairs cannot teach "segundo grado"; the span still ends at the words that are known.
    const third = docs.find((d) => d.id === 'n2');
    const span = third?.spans.get('I44.1')?.[0];
    expect(span && third.text.slice(span.start, span.end)).toMatch(/AV block$/);
  });
});
