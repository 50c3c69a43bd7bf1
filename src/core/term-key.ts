import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { stemIdOf, stemIdVersion } from './stem-ids.js';
import {
  addWord,
  findWord,
  forgetWords,
  wordStem,
  wordStemId,
  wordStop,
  wordToken,
} from './word-table.js';

/**
 * Words that carry no meaning for ranking code titles and index phrases. `with`, `without`, `due`,
 * `in` are kept on purpose: in ICD-10-CM they change the code ("diabetes with ..." is a combination code).
 */
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'to',
  'by',
  'as',
  'at',
  'is',
  'for',
  'nos',
  'nec',
]);

/** A folded token's stem and the stem's number (see `stem-ids.ts`), remembered per token. */
export interface StemEntry {
  readonly stem: string;
  /** −1 when no dictionary or model knows the stem. */
  id: number;
  /** `stemIdVersion()` when `id` was looked up. */
  version: number;
}

const stemCache = new Map<string, StemEntry>();
/** Distinct tokens remembered; beyond it a token is stemmed each time (a note full of noise). */
const STEM_CACHE_LIMIT = 200_000;

/** Lower-cases, folds diacritics and compatibility forms (NFKD), so "Ménière" and "meniere" meet. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** A word token with its place in the original text (UTF-16 offsets). */
export interface TokenSpan {
  /** Folded form: lower case, no diacritics, letters and digits only. */
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

// Letters and digits of any script: what a word is made of. The scanner below reads runs of them
// character by character (the same runs as /[\p{L}\p{N}]+/gu, without a match object per word).
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per ASCII code: 1 for a letter or digit. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
}
/** Answers for the non-ASCII code points met so far (a note uses few). */
const wordCodePoints = new Map<number, boolean>();

/** Length in UTF-16 units of the letter or digit at `i`, 0 when there is none. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    return ASCII_WORD[c] ?? 0;
  }
  const cp = text.codePointAt(i) ?? c;
  let word = wordCodePoints.get(cp);
  if (word === undefined) {
    word = WORD_CHAR.test(String.fromCodePoint(cp));
    if (wordCodePoints.size < 10_000) {
      wordCodePoints.set(cp, word);
    }
  }
  return word ? (cp > 0xffff ? 2 : 1) : 0;
}

/**
 * Word tokens of a text with their offsets in it: runs of letters and digits, folded. A possessive
 * `'s` is dropped ("Aarskog's" → "aarskog"); tokens stay whole otherwise ("3d", "t2dm", "covid19").
 */
export function tokenSpans(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  forEachToken(text, (token, start, end) => {
    out.push({ token, start, end });
  });
  return out;
}

/** Calls `visit` with each word token of a text and its offsets ({@link forEachStemmedToken}). */
export function forEachToken(
  text: string,
  visit: (token: string, start: number, end: number) => void,
): void {
  forEachStemmedToken(text, (token, _stem, _stemId, _stop, start, end) => {
    visit(token, start, end);
  });
}

/** Whether the word at `start` follows an apostrophe (its "s" is a possessive). */
function afterApostrophe(text: string, start: number): boolean {
  const before = text[start - 1];
  return before === "'" || before === '\u2019';
}

/**
 * What the scanner tells of each word: its folded form, its stem and the stem's number (−1 when no
 * dictionary or model knows it), whether it is a stopword, and its offsets.
 */
export type StemmedTokenVisitor = (
  token: string,
  stem: string,
  stemId: number,
  stop: boolean,
  start: number,
  end: number,
) => void;

/**
 * The word scanner: each word token of a text (as {@link tokenSpans} lists them) with its offsets, its
 * stem ({@link stemEntry}) and whether it is a stopword. The tokenizer's hot path: a plain ASCII word
 * seen before is found in the word table (`word-table.ts`) from the note's characters, with no slice,
 * no lower-casing and no hashing of a new string.
 */
export function forEachStemmedToken(text: string, visit: StemmedTokenVisitor): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    let step = wordCharAt(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = 0;
    let ascii = true;
    while (step > 0) {
      let c = text.charCodeAt(i);
      if (c >= 128) {
        ascii = false;
      } else if (c >= 65 && c <= 90) {
        c += 32;
      }
      hash = (Math.imul(hash, 31) + c) | 0;
      i += step;
      step = i < length ? wordCharAt(text, i) : 0;
    }
    const size = i - start;
    if (!ascii) {
      const token = foldText(text.slice(start, i)).replace(/[^a-z0-9]/g, '');
      if (token !== '' && !(token === 's' && afterApostrophe(text, start))) {
        const entry = stemEntry(token);
        visit(token, entry.stem, entry.id, STOPWORDS.has(token), start, i);
      }
      continue;
    }
    if (size === 1 && hash === 115 && afterApostrophe(text, start)) {
      continue;
    }
    const w = findWord(text, start, size, hash);
    if (w < 0) {
      const token = text.slice(start, i).toLowerCase();
      const entry = stemEntry(token);
      const stop = STOPWORDS.has(token);
      addWord(token, hash, entry.stem, stop);
      visit(token, entry.stem, entry.id, stop, start, i);
      continue;
    }
    visit(wordToken(w), wordStem(w), wordStemId(w), wordStop(w), start, i);
  }
}

/** The folded word tokens of a text (see {@link tokenSpans}). */
export function wordTokens(text: string): string[] {
  return tokenSpans(text).map((span) => span.token);
}

function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      return true;
    }
  }
  return false;
}

/** True for a number word as a stage or type is written ("2", "3a"): it must be said, not implied. */
export function isNumberStem(stem: string): boolean {
  return /^\d+[a-z]?$/.test(stem);
}

/** Digits and short tokens are kept as they are (see {@link stemToken}). */
/**
 * Words Porter would fold into another word's stem, kept whole: "AIDS" (the disease) is not "aid"
 * ("hearing aid", "home health aide").
 */
const WHOLE_WORDS = new Set(['aids']);
const keptWhole = (token: string): boolean =>
  token.length <= 3 || hasDigit(token) || WHOLE_WORDS.has(token);

/** Porter stem of a folded token; digits and short tokens are kept as they are. */
export function stemToken(token: string): string {
  return keptWhole(token) ? token : stemEntry(token).stem;
}

/** True for an inflammation word ("sinusitis", "hepatitis"), whose Porter stem is often its organ's. */
export function isInflammationWord(token: string): boolean {
  return token.length > 5 && token.endsWith('itis');
}

/**
 * The key a dictionary term's word is matched on: its stem, marked for an inflammation word. Porter
 * stems "sinusitis" like "sinuses", "hepatitis" like "hepatic", "thyroiditis" like "thyroid"; a term
 * word "sinusitis" must be met by the word, not by the organ ("the sinuses are clear" is no sinusitis).
 * Note tokens carry the marked key as an alias (`pipeline/aliases.ts`); their own stem is unchanged.
 */
export function matchStem(token: string): string {
  const stem = stemToken(token);
  return isInflammationWord(token) ? `${stem}§itis` : stem;
}

/**
 * A folded token's stem ({@link stemToken}) and the stem's number, one look-up per token: the
 * tokenizer's hot path.
 */
export function stemEntry(token: string): StemEntry {
  let entry = stemCache.get(token);
  if (entry === undefined) {
    const stem = keptWhole(token) ? token : PorterStemmer.stem(token);
    entry = { stem, id: stemIdOf(stem), version: stemIdVersion() };
    if (stemCache.size < STEM_CACHE_LIMIT) {
      stemCache.set(token, entry);
    }
    return entry;
  }
  return current(entry);
}

/** A remembered entry with its stem number brought up to date (stems numbered since it was made). */
function current(entry: StemEntry): StemEntry {
  if (entry.version !== stemIdVersion()) {
    entry.id = stemIdOf(entry.stem);
    entry.version = stemIdVersion();
  }
  return entry;
}

/**
 * Forgets the remembered stems. Called once a pipeline is built: the build's words were remembered
 * among everything else it allocated; the notes' own words, remembered afresh, sit together in memory
 * and tokenizing reads them faster (+8 to 16 % on the whole pipeline, CodiEsp dev, same output).
 */
export function forgetStems(): void {
  stemCache.clear();
  forgetWords();
}

/** True for words that carry no ranking signal (see {@link STOPWORDS}). */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/**
 * The matching keys of a phrase: folded, tokenized, stopwords removed, stemmed. Used both when the
 * search index is built and when a query is parsed, so the two always agree.
 * @param text - a title, index phrase or query
 */
export function termKeys(text: string): string[] {
  const keys: string[] = [];
  for (const token of wordTokens(text)) {
    if (!STOPWORDS.has(token)) {
      keys.push(stemToken(token));
    }
  }
  return keys;
}
