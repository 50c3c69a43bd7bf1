/** A word of the Latin script: three or more letters (ASCII or Latin with diacritics). */
const LATIN_WORD = /[A-Za-z\u00C0-\u024F]{3,}/g;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const ANY_LETTER = /\p{L}/gu;

/**
 * Whether a note is written in a script the dictionaries know: at least two Latin-script words of three
 * letters or more, and Latin letters at least half of all its letters. Random symbols, Cyrillic or CJK
 * text are not (their folded forms would otherwise read as English words); an English note quoting a
 * foreign name is.
 */
export function isReadableText(text: string): boolean {
  LATIN_WORD.lastIndex = 0;
  if (LATIN_WORD.exec(text) === null || LATIN_WORD.exec(text) === null) {
    return false;
  }
  LATIN_WORD.lastIndex = 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  const letters = text.match(ANY_LETTER)?.length ?? 0;
  return latin * 2 >= letters;
}
