/** A sentence: its UTF-16 range in the note. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

/** Longest sentence in characters before it is cut at a space. */
const MAX_SENTENCE = 1000;

// Words after which a period does not end a sentence.
const NO_BREAK = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'vs',
  'eg',
  'ie',
  'e.g',
  'i.e',
  'approx',
  'no',
  'fig',
  'st',
  'pt',
  'pts',
  'hx',
  'sx',
  'dx',
  'etc',
  'mg',
  'ml',
  'cm',
  'mm',
]);

/**
 * Splits a note into sentences in one linear pass: a line break always ends one (notes and
 * machine-translated reports put one statement per line; headings and list items stand alone), and
 * `.`, `?`, `!` or `;` followed by a space end one unless the period belongs to a number ("2.5") or a
 * short abbreviation ("Dr.", "e.g.").
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpaceAt(text, s)) {
      s++;
    }
    while (e > s && isSpaceAt(text, e - 1)) {
      e--;
    }
    if (e > s) {
      out.push({ start: s, end: e });
    }
  };
  // Character codes, not one-character strings: this pass reads every character of every note.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A run-on "sentence" (a table row, a 1 MB line) is cut at a space every MAX_SENTENCE characters:
    // every later stage works per sentence, so this bounds their cost.
    if (i - start >= MAX_SENTENCE && (c === SPACE || c === BAR || c === TAB)) {
      push(i);
      start = i + 1;
      continue;
    }
    if (c === NEWLINE) {
      push(i);
      start = i + 1;
      continue;
    }
    if (
      (c === PERIOD || c === QUESTION || c === EXCLAMATION || c === SEMICOLON) &&
      (i + 1 >= text.length || isSpaceAt(text, i + 1))
    ) {
      if (c === PERIOD) {
        // The word before the period: an abbreviation or a single letter ("A. fumigatus") does not end.
        // Bounded look-back keeps the pass linear even on "a.a.a.a…" lines.
        let w = i;
        while (w > start && i - w < 8 && isLetterOrPeriod(text.charCodeAt(w - 1))) {
          w--;
        }
        const word = text.slice(w, i).toLowerCase();
        if (word.length === 1 || NO_BREAK.has(word)) {
          continue;
        }
      }
      push(i + 1);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

const NEWLINE = 10;
const TAB = 9;
const SPACE = 32;
const EXCLAMATION = 33;
const PERIOD = 46;
const SEMICOLON = 59;
const QUESTION = 63;
const BAR = 124;

/** Whitespace as `\s` reads it, per ASCII code (other characters are asked of the pattern itself). */
const ASCII_SPACE = Uint8Array.from({ length: 128 }, (_, c) =>
  /\s/.test(String.fromCharCode(c)) ? 1 : 0,
);

/** Whether the UTF-16 unit at `i` is whitespace (`/\s/` of it). */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_SPACE[c] === 1 : /\s/.test(text.charAt(i));
}

/** [A-Za-z.] */
function isLetterOrPeriod(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === PERIOD;
}
