/** A word of the Latin script: two or more letters (ASCII or Latin with diacritics). */
const LATIN_WORD = /[A-Za-z\u00C0-\u024F]{2,}/;
/** A letter of any script (one code point). */
const LETTER = /^\p{L}$/u;
/** Answers of {@link LETTER} for the non-ASCII code points met so far (a note uses few). */
const letterCodePoints = new Map<number, boolean>();

function isLetter(codePoint: number): boolean {
  let letter = letterCodePoints.get(codePoint);
  if (letter === undefined) {
    letter = LETTER.test(String.fromCodePoint(codePoint));
    if (letterCodePoints.size < 10_000) {
      letterCodePoints.set(codePoint, letter);
    }
  }
  return letter;
}

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
  // Counted character by character (no array of every letter): Latin letters are the UTF-16 units
  // A–Z, a–z and U+00C0–U+024F; letters are the code points of \p{L}.
  let latin = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        latin++;
        letters++;
      }
      continue;
    }
    if (c >= 0xc0 && c <= 0x24f) {
      latin++;
    }
    const codePoint = text.codePointAt(i) ?? c;
    if (isLetter(codePoint)) {
      letters++;
    }
    if (codePoint > 0xffff) {
      i++;
    }
  }
  return latin * 2 >= letters;
}
