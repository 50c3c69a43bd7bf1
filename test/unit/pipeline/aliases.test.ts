import { describe, expect, it } from 'vitest';
import { matchStem } from '../../../src/core/term-key.js';
import { compileAbbreviations, tokenAliases } from '../../../src/pipeline/aliases.js';
import { tokenize } from '../../../src/text/tokenize.js';

describe('token aliases', () => {
  const table = compileAbbreviations([
    { abbreviation: 'htn', expansion: ['hypertension'], requires: [] },
    { abbreviation: 'pe', expansion: ['pulmonary embolism'], requires: ['ct'] },
  ]);

  it('expands abbreviations, an ambiguous one only beside a word it needs, and marks neoplasm words', () => {
    const text = tokenize('HTN. PE on exam. CT shows PE. Metastatic carcinoma.');
    const aliases = tokenAliases(text, table);
    const at = (word: string, nth = 0): readonly string[] | undefined =>
      aliases.get(
        text.tokens.map((t, i) => [t.norm, i] as const).filter(([w]) => w === word)[nth]?.[1] ?? -1,
      );
    expect(at('htn')).toEqual(['hypertens']);
    expect(at('pe', 0)).toBeUndefined();
    expect(at('pe', 1)).toEqual(['pulmonari', 'embol']);
    expect(at('metastatic')).toEqual(['§secondary']);
    expect(at('carcinoma')).toEqual(['§malignant']);
  });

  it('joins a prefix written apart to its word, as the classification writes it', () => {
    const text = tokenize(
      'Post laminectomy syndrome; post-partum. Seen post. Op note; pre diabetes',
    );
    const aliases = tokenAliases(text, table);
    const at = (word: string): readonly string[] | undefined =>
      aliases.get(text.tokens.findIndex((t) => t.norm === word));
    expect(at('laminectomy')).toEqual([matchStem('postlaminectomy')]);
    expect(at('partum')).toEqual([matchStem('postpartum')]);
    expect(at('diabetes')).toEqual([matchStem('prediabetes')]);
    // Not across a sentence, nor onto a word the prefix does not touch.
    expect(at('op')).toBeUndefined();
    expect(at('syndrome')).toBeUndefined();
  });

  it('gives no alias to words that are names of object properties', () => {
    const text = tokenize('constructor toString valueOf hasOwnProperty __proto__ prototype');
    expect([...tokenAliases(text, table).values()]).toEqual([]);
  });
});
