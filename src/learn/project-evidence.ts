import type { WordTranslation } from './word-translation.js';

/** A word of a text: folded form (lower case, no diacritics) and character offsets. */
export interface TextWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** The words of `text[start, end)` (letters and digits), folded, with their offsets in `text`. */
export function textWords(text: string, start = 0, end = text.length): TextWord[] {
  const out: TextWord[] = [];
  const pattern = /[\p{L}\p{N}]+/gu;
  pattern.lastIndex = start;
  for (let m = pattern.exec(text); m !== null && m.index < end; m = pattern.exec(text)) {
    out.push({
      word: m[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
      start: m.index,
      end: Math.min(end, m.index + m[0].length),
    });
  }
  return out;
}

const SPANISH_STOP = new Set(
  'a al con de del el en la las lo los o para por que se su sus un una uno y e u sin como mas muy'.split(
    ' ',
  ),
);
const ENGLISH_STOP = new Set(
  'a an and as at by for from in into is it of on or the to was were with without which that this'.split(
    ' ',
  ),
);

/** Spanish spellings that English cognates write otherwise (a few, for the bigram comparison). */
const COGNATE_REWRITES: readonly (readonly [RegExp, string])[] = [
  [/cion(es)?$/, 'tion'],
  [/ia$/, 'y'],
  [/ico$/, 'ic'],
  [/ica$/, 'ic'],
  [/oso$/, 'ous'],
  [/(es|s)$/, ''],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/y/g, 'i'],
  [/k/g, 'c'],
  [/qu/g, 'c'],
];

function bigrams(word: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < word.length; i++) {
    const b = word.slice(i, i + 2);
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/**
 * How alike a Spanish and an English word are written (Dice over character bigrams after a few
 * spelling rewrites): "cistitis"/"cystitis" 1, "deshidratacion"/"dehydration" 0.78, "bloqueo"/"block"
 * 0.67, "fiebre"/"fever" 0.
 * Words under four letters only match when equal.
 */
export function cognateScore(spanish: string, english: string): number {
  if (spanish === english) {
    return 1;
  }
  if (spanish.length < 4 || english.length < 4) {
    return 0;
  }
  const fold = (w: string): string =>
    COGNATE_REWRITES.reduce((s, [re, to]) => s.replace(re, to), w);
  const a = bigrams(fold(spanish));
  const b = bigrams(fold(english));
  let shared = 0;
  let total = 0;
  for (const [g, n] of a) {
    shared += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) {
    total += n;
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Least score for an English word to stand for a Spanish one. */
const MIN_LINK = 0.15;
/** Least cognate score that counts at all. */
const MIN_COGNATE = 0.5;

/**
 * Carries a Spanish evidence span over to the English words that translate it: each Spanish content
 * word links to its best English word (learned translation probability or cognate spelling), and the
 * densest cluster of links — at most 2n + 3 words long for n Spanish content words — is the span.
 * Needs half of the content words linked (at least one); else undefined (the caller keeps the
 * sentence-level evidence).
 * @param spanish - the evidence words
 * @param english - the words of the English sentences aligned with the evidence's sentence
 */
export function projectEvidence(
  spanish: readonly TextWord[],
  english: readonly TextWord[],
  table: WordTranslation,
): { start: number; end: number } | undefined {
  const content = spanish.filter((w) => !SPANISH_STOP.has(w.word));
  const words = content.length > 0 ? content : spanish;
  if (words.length === 0 || english.length === 0) {
    return undefined;
  }
  const links: { at: number; score: number }[] = [];
  for (const s of words) {
    let best = -1;
    let bestScore = MIN_LINK;
    english.forEach((e, at) => {
      if (ENGLISH_STOP.has(e.word) && e.word !== s.word) {
        return;
      }
      const cognate = cognateScore(s.word, e.word);
      const score = Math.max(table.prob(s.word, e.word), cognate >= MIN_COGNATE ? cognate : 0);
      if (score > bestScore) {
        best = at;
        bestScore = score;
      }
    });
    if (best >= 0) {
      links.push({ at: best, score: bestScore });
    }
  }
  if (links.length * 2 < words.length || links.length === 0) {
    return undefined;
  }
  links.sort((a, b) => a.at - b.at);
  const width = 2 * words.length + 3;
  let chosen: { from: number; to: number; count: number; score: number } | undefined;
  for (let i = 0; i < links.length; i++) {
    let count = 0;
    let score = 0;
    let j = i;
    for (; j < links.length && (links[j]?.at ?? 0) - (links[i]?.at ?? 0) < width; j++) {
      count++;
      score += links[j]?.score ?? 0;
    }
    if (
      chosen === undefined ||
      count > chosen.count ||
      (count === chosen.count && score > chosen.score)
    ) {
      chosen = { from: i, to: j - 1, count, score };
    }
  }
  if (chosen === undefined || chosen.count * 2 < words.length) {
    return undefined;
  }
  const first = english[links[chosen.from]?.at ?? 0];
  const last = english[links[chosen.to]?.at ?? 0];
  return first === undefined || last === undefined
    ? undefined
    : { start: first.start, end: last.end };
}
