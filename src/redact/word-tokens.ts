/** A word of the note with what the name rules ask of it. */
export interface WordToken {
  readonly start: number;
  /** End of the word without a possessive "'s". */
  readonly end: number;
  readonly text: string;
  /** "Ruiz", "O'Brien", "McDonald", "Smith-Jones". */
  readonly title: boolean;
  /** "RUIZ" (two letters or more). */
  readonly upper: boolean;
  /** One capital letter and a full stop: "J" of "J. Ruiz". */
  readonly initial: boolean;
  /** Followed by "'s" / "’s" (not part of `text`). */
  readonly possessive: boolean;
}

// Latin letters with diacritics (À–ɏ, less × and ÷) count too: "José", "Sørby", "Müller".
const isLatinExtra = (c: number): boolean => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
const isUpper = (c: number): boolean =>
  (c >= 65 && c <= 90) ||
  (isLatinExtra(c) && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase());
const isLower = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (isLatinExtra(c) && String.fromCharCode(c) === String.fromCharCode(c).toLowerCase());
const isLetter = (c: number): boolean => isUpper(c) || isLower(c);
// ' ’ -
const isJoiner = (c: number): boolean => c === 39 || c === 8217 || c === 45;

/**
 * The note's capitalised words, in order, with offsets into the text: runs of Latin letters joined by
 * an apostrophe or hyphen ("O'Brien", "Smith-Jones") that start with a capital. Words in lower case
 * are stepped over (a name rule that needs one reads the text): a scan over character codes, since
 * this runs on every note before storage and must cost a small fraction of detection.
 */
export function tokenizeWords(text: string): WordToken[] {
  const out: WordToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    if (!isUpper(text.charCodeAt(i))) {
      while (
        i < n &&
        (isLetter(text.charCodeAt(i)) ||
          (isJoiner(text.charCodeAt(i)) && isLetter(text.charCodeAt(i + 1))))
      ) {
        i++;
      }
      continue;
    }
    let uppers = 0;
    let lowers = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isUpper(c)) {
        uppers++;
        i++;
      } else if (isLower(c)) {
        lowers++;
        i++;
      } else if (isJoiner(c) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    let end = i;
    const possessive =
      end - start >= 3 &&
      (text.charCodeAt(end - 1) === 115 || text.charCodeAt(end - 1) === 83) &&
      (text.charCodeAt(end - 2) === 39 || text.charCodeAt(end - 2) === 8217);
    if (possessive) {
      end -= 2;
    }
    const word = text.slice(start, end);
    const len = end - start;
    const initial = len === 1 && isUpper(word.charCodeAt(0)) && text.charCodeAt(end) === 46;
    out.push({
      start,
      end,
      text: word,
      title: len >= 2 && isUpper(word.charCodeAt(0)) && titleCase(word),
      upper: len >= 2 && lowers === 0 && uppers >= 2,
      initial,
      possessive,
    });
  }
  return out;
}

/** "Ruiz", "McDonald", "O'Brien", "Smith-Jones": no two capitals in a row, lower case after each part's start. */
function titleCase(word: string): boolean {
  let prevUpper = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (isUpper(c)) {
      if (prevUpper) {
        return false;
      }
      prevUpper = true;
    } else {
      prevUpper = false;
    }
  }
  // The last character is lower case (a lone trailing capital is an acronym tail).
  return isLower(word.charCodeAt(word.length - 1));
}

/** Lower-case words: [a-z] runs and their Latin kin. */
const LOWER_WORD = /(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu;

/** Every word the note writes in lower case ("long", "muscle"). */
export function lowerCaseWords(text: string): Set<string> {
  return new Set(text.match(LOWER_WORD) ?? []);
}

/** The word right after `pos` on the same line (spaces only between), lower-cased, or undefined. */
export function nextWord(text: string, pos: number): { word: string; end: number } | undefined {
  let i = pos;
  while (text.charCodeAt(i) === 32) {
    i++;
  }
  const start = i;
  while (isLetter(text.charCodeAt(i))) {
    i++;
  }
  return i === start ? undefined : { word: text.slice(start, i).toLowerCase(), end: i };
}
