import { describe, expect, it } from 'vitest';
import {
  createTermMatcher,
  MAX_MATCHES_PER_TERM,
} from '../../../src/pipeline/matcher/term-matcher.js';
import type { TermEntry } from '../../../src/pipeline/matcher/term-entry.js';
import { tokenize } from '../../../src/text/tokenize.js';

const entry = (code: string, required: string[], optional: string[] = []): TermEntry => ({
  required,
  optional,
  system: 'ICD-10-CM',
  code,
  source: 'index',
  text: required.join(' '),
});

describe('term matcher', () => {
  const matcher = createTermMatcher([
    entry('S72.0', ['fractur', 'neck', 'femur']),
    entry('J18.9', ['pneumonia']),
    entry('E11.65', ['diabet', 'type', '2', 'hyperglycemia'], ['with']),
  ]);

  it('matches words in any order with small gaps, inside one sentence', () => {
    const text = tokenize(
      'Fracture of the neck of the left femur. Femur intact.\nType 2 diabetes and hyperglycemia.',
    );
    const found = matcher
      .match(text.tokens)
      .map((m) => m.entry.code)
      .sort();
    expect(found).toEqual(['E11.65', 'S72.0']);
  });

  it('does not join words across sentences or far apart', () => {
    expect(
      matcher
        .match(tokenize('Neck pain.\nFemur fracture was ruled out').tokens)
        .map((m) => m.entry.code),
    ).toEqual([]);
    const far = tokenize(
      'fracture and many many many many many many many other words and the neck of the femur',
    );
    expect(matcher.match(far.tokens)).toEqual([]);
  });

  it('uses aliases (abbreviation expansions) at token positions', () => {
    const text = tokenize('PNA in RLL');
    expect(
      matcher.match(text.tokens, new Map([[0, ['pneumonia']]])).map((m) => m.entry.code),
    ).toEqual(['J18.9']);
  });

  it('reads the words an abbreviation expands to as a full match', () => {
    const expanded = matcher.match(
      tokenize('T2DM with hyperglycemia').tokens,
      new Map([[0, ['type', '2', 'diabet', 'mellitu']]]),
    );
    expect(expanded.map((m) => [m.entry.code, m.quality])).toEqual([['E11.65', 1]]);
  });

  it('does not match a term that says something is absent where the note has it', () => {
    const withoutFailure = createTermMatcher([
      {
        ...entry('I11.9', ['hypertens', 'heart', 'diseas'], ['without']),
        excluded: ['failur'],
      },
    ]);
    const codes = (text: string): string[] =>
      withoutFailure.match(tokenize(text).tokens).map((m) => m.entry.code);
    expect(codes('Hypertensive heart disease.')).toEqual(['I11.9']);
    expect(codes('Hypertensive heart disease with heart failure.')).toEqual([]);
    // Only within the sentence.
    expect(codes('Hypertensive heart disease. Heart failure ruled out.')).toEqual(['I11.9']);
  });

  it('keeps at most MAX_MATCHES_PER_TERM matches of one term in a note, the first ones', () => {
    const text = tokenize('Pneumonia. '.repeat(MAX_MATCHES_PER_TERM * 4));
    const found = matcher.match(text.tokens).filter((m) => m.entry.code === 'J18.9');
    expect(found).toHaveLength(MAX_MATCHES_PER_TERM);
    expect(found.map((m) => m.first)).toEqual([...found.map((m) => m.first)].sort((a, b) => a - b));
    expect(found[0]?.first).toBe(0);
  });
});
