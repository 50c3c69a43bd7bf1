import { describe, expect, it } from 'vitest';
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

  it('gives no alias to words that are names of object properties', () => {
    const text = tokenize('constructor toString valueOf hasOwnProperty __proto__ prototype');
    expect([...tokenAliases(text, table).values()]).toEqual([]);
  });
});
