import { stemIdOf, stemIdVersion } from './stem-ids.js';

/**
 * ASCII words met before, found again from a text's characters without slicing them out: open
 * addressing on a hash of the lower-cased characters. Everything a look-up reads sits in typed arrays
 * (slot → hash and word number; word → its characters, stem number, stopword flag), so finding a word
 * touches a few compact arrays instead of a slot object, its string and its stem entry scattered over
 * the heap: inside the pipeline, where the other stages push the tokenizer's memory out of the caches
 * between two notes, those misses were most of the tokens stage's time. The table starts small and
 * doubles as words come, so a few thousand words sit in a few dozen kilobytes.
 */

const MIN_SLOTS = 1 << 12;
const MAX_SLOTS = 1 << 18;
/** Words remembered at most; beyond it a word is sliced and stemmed each time. */
export const WORD_LIMIT = MAX_SLOTS >> 1;

let slots = MIN_SLOTS;
/** Per slot: the word's hash, and its number + 1 (0: empty). */
let slotHash = new Int32Array(slots);
let slotWord = new Int32Array(slots);
let held = 0;
/** Per word: its hash, where its characters start in `chars` (one more entry: the end). */
let wordHash = new Int32Array(MIN_SLOTS >> 1);
let charStart = new Int32Array((MIN_SLOTS >> 1) + 1);
let chars = new Uint8Array(MIN_SLOTS * 4);
/** Per word: the folded word, its stem, the stem's number and the stem-numbering version it was read at. */
let tokens: string[] = [];
let stems: string[] = [];
let stemIds = new Int32Array(MIN_SLOTS >> 1);
let versions = new Int32Array(MIN_SLOTS >> 1);
let stops = new Uint8Array(MIN_SLOTS >> 1);

function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  if (size <= array.length) {
    return array;
  }
  let length = array.length * 2;
  while (length < size) {
    length *= 2;
  }
  const bigger = (
    array instanceof Int32Array ? new Int32Array(length) : new Uint8Array(length)
  ) as T;
  bigger.set(array);
  return bigger;
}

function slotOf(hash: number): number {
  return (hash ^ (hash >>> 15)) & (slots - 1);
}

/** Doubles the slots and places every word again. */
function rehash(): void {
  slots *= 2;
  slotHash = new Int32Array(slots);
  slotWord = new Int32Array(slots);
  for (let w = 0; w < held; w++) {
    const hash = wordHash[w] ?? 0;
    let slot = slotOf(hash);
    while (slotWord[slot] !== 0) {
      slot = (slot + 1) & (slots - 1);
    }
    slotHash[slot] = hash;
    slotWord[slot] = w + 1;
  }
}

/** Whether `text[start, start + size)` lower-cased is word `w`'s characters (ASCII). */
function sameWord(text: string, start: number, size: number, w: number): boolean {
  const from = charStart[w] ?? 0;
  if ((charStart[w + 1] ?? 0) - from !== size) {
    return false;
  }
  for (let k = 0; k < size; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) {
      c += 32;
    }
    if (c !== chars[from + k]) {
      return false;
    }
  }
  return true;
}

/**
 * The number of the word at `text[start, start + size)` (ASCII, compared lower-cased), −1 when it was
 * not met before.
 * @param hash - the scanner's hash of the lower-cased characters
 */
export function findWord(text: string, start: number, size: number, hash: number): number {
  let slot = slotOf(hash);
  let w = slotWord[slot] ?? 0;
  while (w !== 0) {
    if (slotHash[slot] === hash && sameWord(text, start, size, w - 1)) {
      return w - 1;
    }
    slot = (slot + 1) & (slots - 1);
    w = slotWord[slot] ?? 0;
  }
  return -1;
}

/**
 * Remembers a folded ASCII word (unless {@link WORD_LIMIT} words are held) with its stem.
 * @param hash - the scanner's hash of its characters
 * @param stop - whether it is a stopword
 */
export function addWord(token: string, hash: number, stem: string, stop: boolean): void {
  if (held >= WORD_LIMIT) {
    return;
  }
  if ((held + 1) * 2 > slots) {
    rehash();
  }
  const w = held++;
  wordHash = grown(wordHash, held);
  stemIds = grown(stemIds, held);
  versions = grown(versions, held);
  stops = grown(stops, held);
  charStart = grown(charStart, held + 1);
  const from = charStart[w] ?? 0;
  chars = grown(chars, from + token.length);
  for (let k = 0; k < token.length; k++) {
    chars[from + k] = token.charCodeAt(k);
  }
  charStart[w + 1] = from + token.length;
  wordHash[w] = hash;
  tokens[w] = token;
  stems[w] = stem;
  stemIds[w] = stemIdOf(stem);
  versions[w] = stemIdVersion();
  stops[w] = stop ? 1 : 0;
  let slot = slotOf(hash);
  while (slotWord[slot] !== 0) {
    slot = (slot + 1) & (slots - 1);
  }
  slotHash[slot] = hash;
  slotWord[slot] = w + 1;
}

/** Word `w`'s folded form. */
export function wordToken(w: number): string {
  return tokens[w] ?? '';
}

/** Word `w`'s stem. */
export function wordStem(w: number): string {
  return stems[w] ?? '';
}

/** Word `w`'s stem number, brought up to date when stems were numbered since it was read. */
export function wordStemId(w: number): number {
  const version = stemIdVersion();
  if (versions[w] !== version) {
    stemIds[w] = stemIdOf(stems[w] ?? '');
    versions[w] = version;
  }
  return stemIds[w] ?? -1;
}

/** Whether word `w` is a stopword. */
export function wordStop(w: number): boolean {
  return stops[w] === 1;
}

/** Forgets every word (the table shrinks back to its first size). */
export function forgetWords(): void {
  slots = MIN_SLOTS;
  slotHash = new Int32Array(slots);
  slotWord = new Int32Array(slots);
  held = 0;
  wordHash = new Int32Array(MIN_SLOTS >> 1);
  charStart = new Int32Array((MIN_SLOTS >> 1) + 1);
  chars = new Uint8Array(MIN_SLOTS * 4);
  tokens = [];
  stems = [];
  stemIds = new Int32Array(MIN_SLOTS >> 1);
  versions = new Int32Array(MIN_SLOTS >> 1);
  stops = new Uint8Array(MIN_SLOTS >> 1);
}
