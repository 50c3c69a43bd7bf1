import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

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

const stemCache = new Map<string, string>();

/** Lower-cases, folds diacritics and compatibility forms (NFKD), so "Ménière" and "meniere" meet. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Splits folded text into word tokens: runs of letters and digits. A possessive `'s` is dropped
 * ("Aarskog's" → "aarskog") and the token stays whole otherwise ("3d", "t2dm", "covid19").
 * The scan is linear: no backtracking regular expression runs on user text.
 */
export function wordTokens(text: string): string[] {
  const folded = foldText(text);
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    const isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (isWord) {
      if (start < 0) {
        start = i;
      }
    } else if (start >= 0) {
      const token = folded.slice(start, i);
      // Skip the "s" of a possessive: "aarskog's" arrives as "aarskog", "'", "s".
      const possessive =
        token === 's' && start > 0 && (folded[start - 1] === "'" || folded[start - 1] === '\u2019');
      if (!possessive) {
        out.push(token);
      }
      start = -1;
    }
  }
  return out;
}

/** Porter stem of a folded token; digits and short tokens are kept as they are. */
export function stemToken(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) {
    return token;
  }
  let stem = stemCache.get(token);
  if (stem === undefined) {
    stem = PorterStemmer.stem(token);
    if (stemCache.size < 200_000) {
      stemCache.set(token, stem);
    }
  }
  return stem;
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
