import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  forEachStemmedToken,
  forEachToken,
  forgetStems,
  matchStem,
  stemEntry,
  termKeys,
  wordTokens,
} from '../../../src/core/term-key.js';

describe('term keys', () => {
  it('folds case and diacritics', () => {
    expect(foldText('Ménière’s DISEASE')).toBe('meniere’s disease');
  });

  it('splits words, drops possessives and keeps digits with letters', () => {
    expect(wordTokens("Aarskog's syndrome, type-2 3D T2DM")).toEqual([
      'aarskog',
      'syndrome',
      'type',
      '2',
      '3d',
      't2dm',
    ]);
  });

  it('keeps an inflammation word apart from its organ, which Porter stems alike', () => {
    expect(stemEntry('sinusitis').stem).toBe(stemEntry('sinuses').stem);
    expect(matchStem('sinusitis')).not.toBe(matchStem('sinuses'));
    expect(matchStem('hepatitis')).not.toBe(matchStem('hepatic'));
    expect(matchStem('sinuses')).toBe(stemEntry('sinuses').stem);
  });

  it('keeps "AIDS" whole: the disease is not an aid or an aide', () => {
    expect(matchStem('aids')).toBe('aids');
    expect(matchStem('aid')).toBe('aid');
    expect(matchStem('aide')).toBe('aid');
    expect(termKeys('AIDS')).not.toEqual(termKeys('hearing aid').slice(1));
  });

  it('gives remembered words the same folded token and stem as folding and stemming them afresh', () => {
    const fresh = (text: string): [string, string, number, number][] =>
      [...text.matchAll(/[\p{L}\p{N}]+/gu)]
        .map((m) => ({
          token: foldText(m[0]).replace(/[^a-z0-9]/g, ''),
          start: m.index,
          end: m.index + m[0].length,
        }))
        .filter(
          ({ token, start }) =>
            token !== '' && !(token === 's' && ["'", '\u2019'].includes(text[start - 1] ?? '')),
        )
        .map(({ token, start, end }) => [token, stemEntry(token).stem, start, end]);
    const remembered = (text: string): [string, string, number, number][] => {
      const out: [string, string, number, number][] = [];
      forEachStemmedToken(text, (token, stem, _stemId, _stop, start, end) =>
        out.push([token, stem, start, end]),
      );
      return out;
    };
    const pieces = [
      'Pain',
      'PAIN',
      'pain',
      'pains',
      ' ',
      "'s",
      'S',
      '3a',
      'é',
      'Ménière',
      '-',
      '\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        // Twice: the second pass reads the words remembered by the first.
        expect(remembered(text)).toEqual(fresh(text));
        expect(remembered(text)).toEqual(fresh(text));
      }),
      { numRuns: 1000 },
    );
    forgetStems();
    expect(remembered('Pain PAIN')).toEqual(fresh('Pain PAIN'));
  });

  it('finds remembered words again after the word table grows, with their stem number and stopword flag', () => {
    forgetStems();
    // More words than the table's first size holds: it doubles several times on the way.
    const words = Array.from({ length: 20_000 }, (_, i) => `Qx${i.toString(36)}ing`);
    words.push('The', 'of', 'Fever');
    const read = (): [string, string, number, boolean][] => {
      const out: [string, string, number, boolean][] = [];
      forEachStemmedToken(words.join(' '), (token, stem, stemId, stop) =>
        out.push([token, stem, stemId, stop]),
      );
      return out;
    };
    const first = read();
    expect(first).toHaveLength(words.length);
    expect(first.at(-3)).toEqual(['the', 'the', stemEntry('the').id, true]);
    expect(first.at(-1)?.slice(0, 2)).toEqual(['fever', stemEntry('fever').stem]);
    expect(first[0]?.slice(0, 2)).toEqual(['qx0ing', stemEntry('qx0ing').stem]);
    expect(read()).toEqual(first);
  });

  it('reads words exactly as the runs of /[\\p{L}\\p{N}]+/u, surrogates and marks included', () => {
    const runs = (text: string): [number, number][] => {
      const out: [number, number][] = [];
      forEachToken(text, (_, start, end) => out.push([start, end]));
      return out;
    };
    const reference = (text: string): [number, number][] =>
      [...text.matchAll(/[\p{L}\p{N}]+/gu)]
        .filter((m) => {
          const t = m[0];
          // Tokens that fold to nothing and a possessive s are skipped, as forEachToken does.
          const folded = foldText(t).replace(/[^a-z0-9]/g, '');
          const before = text[m.index - 1];
          return folded !== '' && !(folded === 's' && (before === "'" || before === '\u2019'));
        })
        .map((m) => [m.index, m.index + m[0].length]);
    const pieces = [
      'a',
      'Z',
      '9',
      ' ',
      '-',
      "'",
      's',
      'é',
      'e\u0301',
      '\u{1d400}',
      '\u{1f600}',
      '\ud800',
      '\udc00',
      'ß',
      '٣',
      '中',
      '\u0000',
      '\u200d',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(runs(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(runs(text)).toEqual(reference(text));
      }),
    );
  });

  it('removes stopwords and stems, the same for index and query', () => {
    expect(termKeys('Fractures of the neck of the femur')).toEqual(['fractur', 'neck', 'femur']);
    expect(termKeys('fracture femoral neck')).toEqual(['fractur', 'femor', 'neck']);
    expect(termKeys('diabetes with kidney disease')).toEqual([
      'diabet',
      'with',
      'kidnei',
      'diseas',
    ]);
  });

  it('stays linear on hostile input', () => {
    const hostile = `${'a'.repeat(50_000)}!${'-'.repeat(50_000)}`;
    const started = performance.now();
    expect(wordTokens(hostile)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
