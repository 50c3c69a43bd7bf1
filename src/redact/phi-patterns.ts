import type { PhiSpan, PhiType } from '../core/redaction-types.js';

/**
 * The identifiers that have a shape: dates, ages over 89, phone and fax numbers, e-mail, URLs, IP
 * addresses, social security, record, account, licence and device numbers. Every pattern is linear
 * (bounded repetitions, no nested quantifiers over the same characters): a 200,000-character note
 * never backtracks.
 */

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const MM = '(?:1[0-2]|0?[1-9])';
const DD = '(?:[12]\\d|3[01]|0?[1-9])';

/**
 * A pattern, the group holding the PHI (0: the whole match) and its type. `before`, when given, must
 * match the 40 characters before the match: a context word is checked only where the shape already
 * matched (a regular expression that starts with a word list is tried at every position of the note).
 */
interface Pattern {
  readonly re: RegExp;
  readonly type: PhiType;
  readonly group?: number;
  readonly before?: RegExp;
  /** Must match the 20 characters after the match. */
  readonly after?: RegExp;
}

const DATE_PATTERNS: readonly Pattern[] = [
  // March 3, 2019 · Mar. 3rd 2019 · March 3 (no year: the day is still PHI) · March 2019, March of 2019
  // (a month is more specific than the year)
  {
    re: new RegExp(
      `\\b${MONTH}\\.?(?: ${DAY}(?:,? (?:19|20)\\d{2}\\b)?(?![\\d:])|,? (?:of )?(?:19|20)\\d{2}\\b)`,
      'g',
    ),
    type: 'DATE',
  },
  // 3 March 2019 · 3rd of March, 2019
  { re: new RegExp(`\\b${DAY} (?:of )?${MONTH}\\.?(?:,? (?:19|20)\\d{2})?\\b`, 'g'), type: 'DATE' },
  // 03/14/2019 · 3-14-19; "discharged1/19/93" as transcribed (no word boundary before)
  {
    re: new RegExp(
      `(?<![\\d/.-])${MM}([/-])${DD}\\1(?:(?:19|20)\\d{2}|\\d{2})(?![\\d/-]|\\.\\d)`,
      'g',
    ),
    type: 'DATE',
  },
  // 14/03/2019 (day first)
  {
    re: new RegExp(
      `(?<![\\d/.-])(?:1[3-9]|2\\d|3[01])/${MM}/(?:(?:19|20)\\d{2}|\\d{2})(?![\\d/])`,
      'g',
    ),
    type: 'DATE',
  },
  // 2019-03-14 · 2019/03/14
  {
    re: new RegExp(`(?<![\\d/-])(?:19|20)\\d{2}([/-])${MM}\\1${DD}(?![\\d/-])`, 'g'),
    type: 'DATE',
  },
  // 03/2019 (month and year)
  { re: new RegExp(`(?<![\\d/.-])${MM}/(?:19|20)\\d{2}(?![\\d/])`, 'g'), type: 'DATE' },
  // 3/14 only after a word that introduces a date ("on 3/14", "dated 3/14"): "5/5 strength" is no date
  {
    re: new RegExp(`(?<![\\d/.-])${MM}/${DD}(?![\\d/])`, 'g'),
    type: 'DATE',
    before: /\b(?:on|dated|since|until|till|through|thru|DOS|date:?)\s+$/i,
  },
];

const AGE_PATTERNS: readonly Pattern[] = [
  // 92 years old · 92-year-old · 92 yo · 92 y/o (Safe Harbor: ages over 89)
  {
    re: /\b(?:9\d|1[0-2]\d)\b/g,
    type: 'AGE',
    after: /^(?:\s*|-)(?:(?:years?|yrs?)[\s-]*(?:old|of age)|y\.?o\b|y\/o\b)/i,
  },
  { re: /\b(?:9\d|1[0-2]\d)\b/g, type: 'AGE', before: /\b(?:age[sd]?|aged)\s*:?\s*$/i },
  // "in her 90s" reveals the same
  { re: /\b(?:9\d|1[0-2]\d)'?s\b/g, type: 'AGE', before: /\bin (?:his|her|their) $/i },
];

const ID_LABELS =
  "(?:MRN|MR|medical record|record|chart|acct|account|patient ID|pt ID|ID|SSN|SS|social security|insurance|policy|member|subscriber|group|license|licence|DL|driver'?s license|DEA|NPI|UPIN|accession|specimen|serial|S/N|SN|lot|device|health plan|beneficiary|Medicare|Medicaid|claim|encounter|visit|FIN|CSN|case|requisition|plate|VIN|certificate|badge|employee)";

const ID_LABEL_BEFORE = new RegExp(
  `\\b${ID_LABELS}(?:\\s*(?:#|no\\.?|number|num\\.?|ID))?\\s*[:#]?\\s*$`,
  'i',
);

const ID_PATTERNS: readonly Pattern[] = [
  // "#12345" after a word like "number"
  { re: /#\s?\d{4,}\b/g, type: 'ID', before: /\b(?:number|no\.?)\s*$/i },
];

/** A digit, or any character of a number-like value. */
const DIGIT_RUN = /\d[A-Za-z0-9-]*/g;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Social security, record, account, licence and device numbers. One visit per run of digits (with
 * up to four letters before it): a label before it ("MRN:", "Account #", "serial #") makes any
 * value with a digit an ID; without one, an SSN's shape, letters then six or more digits, or seven
 * or more digits do.
 */
function findIds(text: string, out: PhiSpan[]): void {
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (end > start + 1 && text.charCodeAt(end - 1) === 45) {
      end--;
    }
    if (text.charCodeAt(start - 1) === 45 && isLetter(text.charCodeAt(start - 2))) {
      start--;
    }
    let letters = 0;
    while (start > 0 && isLetter(text.charCodeAt(start - 1)) && letters < 5) {
      start--;
      letters++;
    }
    const before = text.charCodeAt(start - 1);
    // Inside a longer word or number ("hemoglobin12", "1.5", "3/4"): not a value of its own.
    if (letters > 4 || isLetter(before) || isDigit(before)) {
      continue;
    }
    const value = text.slice(start, end);
    const after = text.charCodeAt(end);
    const around = before !== 46 && before !== 44 && before !== 47 && after !== 44 && after !== 47;
    const id =
      (/^\d{3}-\d{2}-\d{4}$/.test(value) && before !== 45 && after !== 45) ||
      /^[A-Z]{1,3}-?\d{6,}$/.test(value) ||
      (/^\d{7,}$/.test(value) && around && !(after === 46 && isDigit(text.charCodeAt(end + 1)))) ||
      (value.length >= 5 && ID_LABEL_BEFORE.test(text.slice(Math.max(0, start - 40), start)));
    if (id) {
      out.push({ start, end, type: 'ID' });
    }
  }
}

const CONTACT_PATTERNS: readonly Pattern[] = [
  // (run only when the note has an "@": see findPatternPhi)
  {
    re: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}\b/g,
    type: 'CONTACT',
  },
  // (555) 123-4567 · 555-123-4567 · 555.123.4567 · +1 555 123 4567, extension
  {
    re: /(?<![\d-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?\d{3}[\s.-]?|\d{3}([.-])\d{3}\1)\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\d-])/gi,
    type: 'CONTACT',
  },
  {
    re: /(?<![\d-])(?:\d{3}[\s.-]\d{3}[\s.-]\d{4}|\d{3}-\d{4})(?![\d-])/g,
    type: 'CONTACT',
    before:
      /\b(?:phone|tel|telephone|cell|mobile|pager|fax|beeper|contact|call(?:ed)?(?: at)?)\b[^\d\n]{0,12}$/i,
  },
  // (a URL's last character is not the sentence's punctuation)
  { re: /\b(?:https?:\/\/|www\.)[^\s<>"')\]]{1,200}[^\s<>"')\].,;:!?]/gi, type: 'CONTACT' },
  {
    re: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?!\d|\.\d)/g,
    type: 'CONTACT',
  },
];

const CONTACT_WITHOUT_EMAIL = CONTACT_PATTERNS.slice(1);

/** Runs patterns over the text, adding their spans. */
function run(text: string, patterns: readonly Pattern[], out: PhiSpan[]): void {
  for (const { re, type, group = 0, before, after } of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const value = m[group];
      if (value === undefined || value === '') {
        continue;
      }
      if (before !== undefined && !before.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        continue;
      }
      const end = m.index + m[0].length;
      if (after !== undefined && !after.test(text.slice(end, end + 20))) {
        continue;
      }
      const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(value);
      out.push({ start, end: start + value.length, type });
    }
  }
}

/** Dates, ages over 89, numbers and contacts found by their shape. */
export function findPatternPhi(text: string, out: PhiSpan[]): void {
  run(text, DATE_PATTERNS, out);
  run(text, AGE_PATTERNS, out);
  run(text, ID_PATTERNS, out);
  findIds(text, out);
  run(text, text.includes('@') ? CONTACT_PATTERNS : CONTACT_WITHOUT_EMAIL, out);
}
