/** A word of the Latin script: two or more letters (ASCII or Latin with diacritics). */
const LATIN_WORD = /[A-Za-z\u00C0-\u024F]{2,}/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const ANY_LETTER = /\p{L}/gu;

/**
 * Whether a note is written in a script the dictionaries know: a Latin-script word of two letters or more,
 * and Latin letters at least half of all its letters ("HTN" is a note; "ōȃ鿋Ѿ橸" is not). Random symbols, Cyrillic or CJK
 * text are not (their folded forms would otherwise read as English words); an English note quoting a
 * foreign name is.
 */
export function isReadableText(text: string): boolean {
  if (!LATIN_WORD.test(text)) {
    return false;
  }
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  const letters = text.match(ANY_LETTER)?.length ?? 0;
  return latin * 2 >= letters;
}
