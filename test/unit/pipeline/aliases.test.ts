import { describe, expect, it } from 'vitest';
import { matchStem } from '../../../src/core/term-key.js';
import {
  compileAbbreviations,
  prefixedAway,
  qualifiedAway,
  tokenAliases,
} from '../../../src/pipeline/aliases.js';
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

  it('tells a word a prefix written apart makes another condition', () => {
    const text = tokenize(
      'Pre-diabetes. Post laminectomy syndrome. Type 2 diabetes. Hyper tension',
    );
    const i = (word: string): number => text.tokens.findIndex((t) => t.norm === word);
    // "diabetes" of "pre-diabetes" is no diabetes, unless the term reads the joined word.
    expect(prefixedAway(text, i('diabetes'), [matchStem('diabetes')])).toBe(true);
    expect(prefixedAway(text, i('diabetes'), [matchStem('prediabetes')])).toBe(false);
    expect(prefixedAway(text, i('laminectomy'), [matchStem('postlaminectomy')])).toBe(false);
    // No prefix, or one that does not make another condition ("hyper" is left to the Index, "non"
    // to the assertion).
    const plain = text.tokens.findLastIndex((t) => t.norm === 'diabetes');
    expect(prefixedAway(text, plain, [matchStem('diabetes')])).toBe(false);
    expect(prefixedAway(text, i('tension'), [matchStem('tension')])).toBe(false);
    expect(prefixedAway(text, i('tender'), [matchStem('tender')])).toBe(false);
  });

  it('gives no alias to words that are names of object properties', () => {
    const text = tokenize('constructor toString valueOf hasOwnProperty __proto__ prototype');
    expect([...tokenAliases(text, table).values()]).toEqual([]);
  });
});

describe('a condition word another finding qualifies', () => {
  /** Whether `word` (read with the `before` words ahead of it) stands qualified away in `raw`. */
  const qualified = (word: string, raw: string, before = 0): boolean => {
    const text = tokenize(raw);
    const i = text.tokens.findIndex((t) => t.norm === word);
    return qualifiedAway(text, i - before, i, raw);
  };
  const reflux = (raw: string): boolean => qualified('reflux', raw);

  it('is no gastro-esophageal reflux after a vein, the jugular test or a ureter, nor as contrast or a duration', () => {
    expect(reflux('Positive hepatojugular reflux.')).toBe(true);
    expect(reflux('Greater saphenous reflux at the knee.')).toBe(true);
    expect(reflux('Grade 3 vesicoureteral reflux.')).toBe(true);
    expect(reflux('There was reflux of contrast into the IVC.')).toBe(true);
    expect(reflux('The vein showed reflux of 3 seconds.')).toBe(true);
  });

  it('is the condition otherwise', () => {
    expect(reflux('Reflux, on omeprazole.')).toBe(false);
    expect(reflux('Long history of acid reflux.')).toBe(false);
    expect(reflux('Reflux of many years.')).toBe(false);
  });

  it('is no dialysis status as a catheter, or dialysis that ended', () => {
    const dialysis = (raw: string): boolean => qualified('dialysis', raw, 1);
    expect(dialysis('Insertion of peritoneal dialysis catheter.')).toBe(true);
    expect(dialysis('She was on peritoneal dialysis until 1996.')).toBe(true);
    expect(dialysis('He continues peritoneal dialysis nightly.')).toBe(false);
  });

  it('is no essential hypertension in another circulation or space', () => {
    const hypertension = (raw: string): boolean => qualified('hypertension', raw);
    expect(hypertension('Right ventricular hypertension on echo.')).toBe(true);
    expect(hypertension('Known portal hypertension with varices.')).toBe(true);
    expect(hypertension('Idiopathic intracranial hypertension.')).toBe(true);
    expect(hypertension('Essential hypertension, controlled.')).toBe(false);
    expect(hypertension('Systemic arterial hypertension.')).toBe(false);
  });
});
