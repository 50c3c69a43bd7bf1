/**
 * Where the E/M lexicons' regular expressions can match, read off a pattern's source: the leading
 * letters (one or two) with which a match must begin a word, or the character (a line break, a colon)
 * or the start of the text it must begin at. The patterns run only there, never character by character
 * over a note; a note none of whose words begins so is not read at all. Patterns whose matches may begin
 * anywhere (a class or `\d` first, a repeated first group) have no anchors and run over the text.
 */
const KEY_LENGTH = 2;
const cache = new WeakMap<RegExp, Anchors | null>();
const flagCache = new WeakMap<readonly number[], Uint8Array>();

/** Where every match of a pattern begins (any of them). */
export interface Anchors {
  /** A word beginning with one of these keys (see {@link wordStarts}). */
  readonly keys: readonly number[];
  /** One of these characters. */
  readonly chars: string;
  /** The start of the text searched. */
  readonly start: boolean;
}

/** The anchors of a pattern (cached per RegExp object); undefined = run it over the text. */
export function anchorsOf(pattern: RegExp): Anchors | undefined {
  let anchors = cache.get(pattern);
  if (anchors === undefined) {
    anchors = pattern.flags.includes('m') ? null : (branchesAnchors(pattern.source) ?? null);
    cache.set(pattern, anchors);
  }
  return anchors ?? undefined;
}

/** The word keys of a pattern all of whose matches begin a word; undefined otherwise. */
export function keysOf(pattern: RegExp): readonly number[] | undefined {
  const anchors = anchorsOf(pattern);
  return anchors === undefined || anchors.chars !== '' || anchors.start || anchors.keys.length === 0
    ? undefined
    : anchors.keys;
}

/** A pattern's keys as a table indexed by key (1 = a key of the pattern). */
export function keyFlags(keys: readonly number[]): Uint8Array {
  let flags = flagCache.get(keys);
  if (flags === undefined) {
    flags = new Uint8Array(SIZE);
    for (const k of keys) {
      flags[k] = 1;
    }
    flagCache.set(keys, flags);
  }
  return flags;
}

/** Where the words of a text begin (see {@link wordKeys}). */
export interface WordStarts {
  /** Offsets of the words' first characters, ascending. */
  readonly at: readonly number[];
  /** The keys present in the text (1 = present). */
  readonly table: Uint8Array;
}

/**
 * The word starts of a text (letters and digits, any case) and the 1- and 2-letter keys present. One
 * pass over the characters, no strings made: this runs on every note.
 */
export function wordStarts(text: string): WordStarts {
  const table = new Uint8Array(SIZE);
  const at: number[] = [];
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const a = letter(text.charCodeAt(i));
    if (a === 0) {
      inWord = false;
      continue;
    }
    if (inWord) {
      continue;
    }
    inWord = true;
    table[a] = 1;
    table[keyAt(text, i, a)] = 1;
    at.push(i);
  }
  // Key 0 is no key: a word of one letter marks it above, and no pattern has it.
  table[0] = 0;
  return { at, table };
}

/**
 * The 2-letter key of the word starting at `i` whose first letter's key is `a`, 0 for a word of one
 * letter (or one cut at `end`).
 */
export function keyAt(text: string, i: number, a: number, end = text.length): number {
  const b = i + 1 < end ? letter(text.charCodeAt(i + 1)) : 0;
  return b === 0 ? 0 : TWO + a * 37 + b;
}

/** The 1-letter key of the character at `i` (0: not a letter or digit). */
export function letterKey(text: string, i: number): number {
  return letter(text.charCodeAt(i));
}

/**
 * The 1- and 2-letter beginnings of the words of a text (letters and digits, any case), as a table
 * indexed by key (1 = present).
 */
export function wordKeys(text: string): Uint8Array {
  return wordStarts(text).table;
}

// Keys of one and of two letters live in disjoint number ranges.
const TWO = 37;
const SIZE = TWO + 37 * 37;

/** a-z (either case) → 1-26, 0-9 → 27-36, anything else → 0. */
function letter(code: number): number {
  if (code >= 97 && code <= 122) {
    return code - 96;
  }
  if (code >= 65 && code <= 90) {
    return code - 64;
  }
  if (code >= 48 && code <= 57) {
    return code - 21;
  }
  return 0;
}

function encode(key: string): number {
  const a = letter(key.charCodeAt(0));
  return key.length === 1 ? a : TWO + a * 37 + letter(key.charCodeAt(1));
}

/** What each top-level `|` alternative of a pattern begins with: a word boundary, a character, the start. */
function branchesAnchors(source: string): Anchors | undefined {
  const keys: string[] = [];
  let chars = '';
  let start = false;
  for (const branch of splitTop(source)) {
    if (branch.startsWith('\\b')) {
      const k = sequenceKeys(branch.slice(2));
      if (k === undefined) {
        return undefined;
      }
      keys.push(...k);
      continue;
    }
    const first = leadingAnchors(branch);
    if (first === undefined) {
      return undefined;
    }
    chars += first.chars;
    start ||= first.start;
  }
  return { keys: keys.map(encode), chars, start };
}

/** `^`, `\n`, a punctuation character, or a group of them, opening a branch. */
function leadingAnchors(branch: string): { chars: string; start: boolean } | undefined {
  const one = (s: string): { chars: string; start: boolean } | undefined => {
    if (s === '^') {
      return { chars: '', start: true };
    }
    if (s === '\\n') {
      return { chars: '\n', start: false };
    }
    return /^[:;,]$/.test(s) ? { chars: s, start: false } : undefined;
  };
  if (branch.startsWith('(')) {
    const end = groupEnd(branch);
    if (end < 0 || /^[?*]|^\{0/.test(branch.slice(end + 1))) {
      return undefined;
    }
    let chars = '';
    let start = false;
    for (const alternative of splitTop(branch.slice(1, end))) {
      const a = one(alternative);
      if (a === undefined) {
        return undefined;
      }
      chars += a.chars;
      start ||= a.start;
    }
    return { chars, start };
  }
  const head = branch.startsWith('\\') ? branch.slice(0, 2) : branch.slice(0, 1);
  return /^[?*+{]/.test(branch.slice(head.length)) ? undefined : one(head);
}

/** The keys of a sequence that begins right after a word boundary. */
function sequenceKeys(s: string): string[] | undefined {
  if (s.startsWith('(')) {
    const end = groupEnd(s);
    const after = s.slice(end + 1);
    if (end < 0 || /^\?[?*]|^\*|^\{0/.test(after)) {
      return undefined;
    }
    const inner = s.slice(1, end).replace(/^\?:/, '');
    if (inner.startsWith('?')) {
      return undefined;
    }
    const keys: string[] = [];
    for (const alternative of splitTop(inner)) {
      const k = sequenceKeys(alternative);
      if (k === undefined) {
        return undefined;
      }
      keys.push(...k);
    }
    // "(registered )?dietitian": a match begins with the group's words or with what follows it.
    if (after.startsWith('?')) {
      const rest = sequenceKeys(after.slice(1));
      if (rest === undefined) {
        return undefined;
      }
      keys.push(...rest);
    }
    return keys;
  }
  let literal = (/^[A-Za-z0-9]*/.exec(s)?.[0] ?? '').toLowerCase();
  // "comes?": the last letter is optional.
  if (/^[?*]|^\{0/.test(s.slice(literal.length))) {
    literal = literal.slice(0, -1);
  }
  return literal === '' ? undefined : [literal.slice(0, KEY_LENGTH)];
}

/** Splits at `|` outside groups and classes. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i += 1;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth += 1;
    } else if (c === ')') {
      depth -= 1;
    } else if (c === '|' && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

/** The index of the `)` closing the group that opens at 0, or -1. */
function groupEnd(s: string): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i += 1;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth += 1;
    } else if (c === ')') {
      depth -= 1;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
}
