import type { PhiSpan } from '../core/redaction-types.js';
import {
  CLINICAL_EPONYMS,
  CREDENTIALS,
  EPONYM_HEADS,
  NOT_NAMES,
  TITLES,
} from './clinical-words.js';
import { PERSON_LABEL, WORD_LIKE_FIRST } from './name-words.js';
import { lowerCaseWords, nextWord, tokenizeWords, type WordToken } from './word-tokens.js';

/** The name lists as sets, title case. */
export interface NameSets {
  readonly first: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
}

const CREDENTIAL_AFTER = new RegExp(`^,? ?(?:${CREDENTIALS})(?![A-Za-z])`);

/** A capitalised word: Title case, ALL CAPS (two letters or more), or an initial. */
function isCap(t: WordToken): boolean {
  return t.title || t.upper || t.initial;
}

/** The title-case form used to look a word up ("ALVAREZ" → "Alvarez"). */
function key(t: WordToken): string {
  return t.upper ? t.text.charAt(0) + t.text.slice(1).toLowerCase() : t.text;
}

/**
 * True when the word(s) after token i make it an eponym ("Bell palsy", "Crohn's disease", "Stevens
 * Johnson syndrome": a second eponym, then the head).
 */
function eponymUse(text: string, tokens: readonly WordToken[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) {
    return false;
  }
  const first = nextWord(text, t.end + (t.possessive ? 2 : 0));
  if (first === undefined) {
    return false;
  }
  if (EPONYM_HEADS.has(first.word)) {
    return true;
  }
  const second = nextWord(text, first.end);
  return second !== undefined && EPONYM_HEADS.has(second.word);
}

/** The gap between two tokens is one space (or ". " after an initial): they read as one name. */
function joined(text: string, a: WordToken, b: WordToken): boolean {
  const gap = text.slice(a.end + (a.possessive ? 2 : 0), b.start);
  if (a.possessive) {
    return false;
  }
  return gap === ' ' || (a.initial && (gap === '. ' || gap === '.'));
}

interface Finder {
  readonly text: string;
  readonly tokens: readonly WordToken[];
  readonly lists: NameSets;
  readonly hit: Uint8Array;
  /** Words the note writes in lower case somewhere ("muscle"): not surnames where capitalised. */
  lowerWords(): ReadonlySet<string>;
}

function mark(f: Finder, from: number, to: number): void {
  for (let k = from; k <= to; k++) {
    f.hit[k] = 1;
  }
}

/**
 * A word that may continue a name begun after a title: an initial, a listed name, or any other
 * capitalised word that is not a note word or an eponym's head ("Dr. Priya Venkataraman").
 */
function continues(f: Finder, j: number): boolean {
  const t = f.tokens[j];
  const prev = f.tokens[j - 1];
  if (t === undefined || prev === undefined || !isCap(t)) {
    return false;
  }
  const lower = t.text.toLowerCase();
  if (NOT_NAMES.has(lower) || EPONYM_HEADS.has(lower)) {
    return false;
  }
  // After "Dr. X." a capital may start the next sentence: only a listed name continues.
  return !prev.initial || t.initial || f.lists.first.has(key(t)) || f.lists.last.has(key(t));
}

/** "Dr. Lee", "Mrs. Ortega", "Dr. Ana M. Ruiz": the title, then up to three name words. */
function byTitle(f: Finder): void {
  f.tokens.forEach((t, i) => {
    const next = f.tokens[i + 1];
    if (!TITLES.has(t.text) || next === undefined || !isCap(next)) {
      return;
    }
    const gap = f.text.slice(t.end, next.start);
    if (gap !== ' ' && gap !== '. ') {
      return;
    }
    let last = i + 1;
    while (last - i < 3) {
      const cur = f.tokens[last];
      const nxt = f.tokens[last + 1];
      if (cur === undefined || nxt === undefined || !joined(f.text, cur, nxt)) {
        break;
      }
      if (!continues(f, last + 1) || eponymUse(f.text, f.tokens, last + 1)) {
        break;
      }
      last += 1;
    }
    mark(f, i + 1, last);
  });
}

/** "Patient: Harold Ruiz", "Surgeon: Ana Lee, MD", "Name: RUIZ, HAROLD": the rest of the labelled line. */
function byLabel(f: Finder): void {
  const { text } = f;
  let tok = 0;
  // Each colon: is the line before it a person label? (A scan for ":" beats a regex tried everywhere.)
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    const lineStart = text.lastIndexOf('\n', colon - 1) + 1;
    if (colon - lineStart > 40 || !PERSON_LABEL.test(text.slice(lineStart, colon))) {
      continue;
    }
    let from = colon + 1;
    while (text[from] === ' ' || text[from] === '\t') {
      from++;
    }
    while (tok < f.tokens.length && (f.tokens[tok]?.start ?? 0) < from) {
      tok++;
    }
    let i = tok;
    const first = f.tokens[i];
    if (first === undefined || first.start !== from || !isCap(first)) {
      continue;
    }
    const begin = i;
    while (i - begin < 4) {
      const t = f.tokens[i];
      if (t === undefined || !isCap(t) || NOT_NAMES.has(t.text.toLowerCase())) {
        break;
      }
      const next = f.tokens[i + 1];
      const gap = next === undefined ? '\n' : f.text.slice(t.end, next.start);
      i += 1;
      // "Ruiz, Harold" continues; a credential, a line end or other punctuation ends the name.
      if (
        next === undefined ||
        !/^(?:\.? |, ?)$/.test(gap) ||
        CREDENTIAL_AFTER.test(f.text.slice(t.end, t.end + 12))
      ) {
        break;
      }
    }
    if (i > begin && !TITLES.has(first.text)) {
      mark(f, begin, i - 1);
    }
  }
}

/** "Harold Ruiz", "Ana M. Lee": a listed first name, then a listed name (no eponym, no note word). */
function byFirstName(f: Finder): void {
  const { tokens, lists } = f;
  tokens.forEach((t, i) => {
    const k = t.text;
    if (!t.title || !lists.first.has(k) || t.possessive) {
      return;
    }
    const lower = k.toLowerCase();
    if (NOT_NAMES.has(lower) || CLINICAL_EPONYMS.has(lower)) {
      return;
    }
    let j = i + 1;
    const middle = tokens[j];
    if (middle?.initial === true && joined(f.text, t, middle)) {
      j += 1;
    }
    const next = tokens[j];
    const before = tokens[j - 1];
    if (next === undefined || before === undefined || !next.title || next.initial) {
      return;
    }
    if (!joined(f.text, before, next) || eponymUse(f.text, tokens, j)) {
      return;
    }
    const nk = next.text;
    const nl = nk.toLowerCase();
    // "Oral Mucosa:" is a heading, not a person.
    if (
      NOT_NAMES.has(nl) ||
      CLINICAL_EPONYMS.has(nl) ||
      /^\s*:/.test(f.text.slice(next.end, next.end + 3))
    ) {
      return;
    }
    // A surname the lists lack still follows a first name that is no surname and no word
    // ("Priya Venkataraman"); after "James" or "Hope" the next word must be a listed name.
    const known =
      lists.last.has(nk) ||
      (!WORD_LIKE_FIRST.has(k) &&
        (lists.first.has(nk) || (!lists.last.has(k) && !f.lowerWords().has(nl))));
    if (!known) {
      return;
    }
    let end = j;
    const third = tokens[j + 1];
    if (
      third?.title === true &&
      joined(f.text, next, third) &&
      lists.last.has(third.text) &&
      !NOT_NAMES.has(third.text.toLowerCase()) &&
      !eponymUse(f.text, tokens, j + 1)
    ) {
      end = j + 1;
    }
    mark(f, i, end);
  });
}

/** "Ana Lee, MD", "J. Park RN": capitalised words right before a credential. */
function byCredential(f: Finder): void {
  f.tokens.forEach((t, i) => {
    const c = f.text.charCodeAt(t.end);
    // Cheap test first: a credential follows after ", " or " " and starts with a capital.
    if (
      (c !== 44 && c !== 32) ||
      !isCap(t) ||
      !CREDENTIAL_AFTER.test(f.text.slice(t.end, t.end + 12))
    ) {
      return;
    }
    if (NOT_NAMES.has(t.text.toLowerCase())) {
      return;
    }
    let begin = i;
    while (begin > 0 && begin > i - 3) {
      const prev = f.tokens[begin - 1] as WordToken;
      if (!isCap(prev) || !joined(f.text, prev, f.tokens[begin] as WordToken)) {
        break;
      }
      if (NOT_NAMES.has(prev.text.toLowerCase())) {
        break;
      }
      begin -= 1;
    }
    mark(f, begin, i);
  });
}

/** Sentence-initial: after a line break, a full stop or the note's start. */
function sentenceInitial(text: string, t: WordToken): boolean {
  return /(?:^|[\n.!?:]\s*)$/.test(text.slice(Math.max(0, t.start - 3), t.start));
}

/**
 * Every other mention of a name word found in context ("Patient: Harold Ruiz" … "Mr. Ruiz" … "Ruiz
 * tolerated"). Not eponyms, not note words; at a sentence start or in capitals, only a word the note
 * never writes in lower case ("Long" is a surname, but not where the note also says "long").
 */
function propagate(f: Finder): void {
  const { text, tokens, hit } = f;
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    const lower = t.text.toLowerCase();
    if (hit[i] === 1 && !t.initial && !NOT_NAMES.has(lower) && !CLINICAL_EPONYMS.has(lower)) {
      names.add(key(t));
    }
  });
  if (names.size === 0) {
    return;
  }
  tokens.forEach((t, i) => {
    if (hit[i] === 1 || !(t.title || t.upper) || !names.has(key(t)) || eponymUse(text, tokens, i)) {
      return;
    }
    const doubtful = t.upper || sentenceInitial(text, t);
    if (doubtful && f.lowerWords().has(t.text.toLowerCase())) {
      return;
    }
    hit[i] = 1;
  });
}

/** Names of patients, relatives and clinicians: titles, labels, listed names, credentials, repeats. */
export function findNames(text: string, lists: NameSets, out: PhiSpan[]): void {
  const tokens = tokenizeWords(text);
  let lower: Set<string> | undefined;
  const f: Finder = {
    text,
    tokens,
    lists,
    hit: new Uint8Array(tokens.length),
    lowerWords: () => (lower ??= lowerCaseWords(text)),
  };
  byTitle(f);
  byLabel(f);
  byFirstName(f);
  byCredential(f);
  propagate(f);
  for (let i = 0; i < tokens.length; i++) {
    if (f.hit[i] !== 1) {
      continue;
    }
    const start = (tokens[i] as WordToken).start;
    let j = i;
    // Adjacent name words become one span ("Harold", "Ruiz" → "Harold Ruiz"; "Ana M. Lee").
    while (
      f.hit[j + 1] === 1 &&
      joinedSpan(text, tokens[j] as WordToken, tokens[j + 1] as WordToken)
    ) {
      j += 1;
    }
    const endTok = tokens[j] as WordToken;
    const end = endTok.initial && text[endTok.end] === '.' ? endTok.end + 1 : endTok.end;
    out.push({ start, end, type: 'NAME' });
    i = j;
  }
}

/** Two name words of one span: "Ana Lee", "Ruiz, Ana", "Smith-Jones", "J. Lee" (not "Lee. Then"). */
function joinedSpan(text: string, a: WordToken, b: WordToken): boolean {
  const gap = text.slice(a.end, b.start);
  return (
    !a.possessive && (gap === ' ' || gap === ', ' || (a.initial && (gap === '. ' || gap === '.')))
  );
}
