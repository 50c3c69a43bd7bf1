/**
 * A cheap pre-check for the E/M lexicons' regular expressions: the leading letters (one or two) with
 * which every match of a pattern must begin a word, read off the pattern's source. A note none of whose
 * words begins so cannot match, and the pattern is not run over it. Patterns whose matches need not
 * begin a word at a literal (no leading `\b`, an optional first group, a class or `\d` first) have no
 * keys and always run.
 */
const KEY_LENGTH = 2;
const cache = new WeakMap<RegExp, readonly number[] | null>();

/** The keys of a pattern (cached per RegExp object); undefined = always run it. */
export function keysOf(pattern: RegExp): readonly number[] | undefined {
  let keys = cache.get(pattern);
  if (keys === undefined) {
    keys = branchesKeys(pattern.source)?.map(encode) ?? null;
    cache.set(pattern, keys);
  }
  return keys ?? undefined;
}

/**
 * The 1- and 2-letter beginnings of the words of a text (letters and digits, any case), as a table
 * indexed by key (1 = present). One pass over the characters, no strings made: this runs on every note.
 */
export function wordKeys(text: string): Uint8Array {
  const keys = new Uint8Array(SIZE);
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
    const b = letter(text.charCodeAt(i + 1));
    keys[a] = 1;
    if (b !== 0) {
      keys[TWO + a * 37 + b] = 1;
    }
  }
  return keys;
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

/** Top-level `|` alternatives of a pattern, each needing a leading `\b`. */
function branchesKeys(source: string): string[] | undefined {
  const keys: string[] = [];
  for (const branch of splitTop(source)) {
    if (!branch.startsWith('\\b')) {
      return undefined;
    }
    const k = sequenceKeys(branch.slice(2));
    if (k === undefined) {
      return undefined;
    }
    keys.push(...k);
  }
  return keys.length > 0 ? keys : undefined;
}

/** The keys of a sequence that begins right after a word boundary. */
function sequenceKeys(s: string): string[] | undefined {
  if (s.startsWith('(')) {
    const end = groupEnd(s);
    if (end < 0 || /^[?*]|^\{0/.test(s.slice(end + 1))) {
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
