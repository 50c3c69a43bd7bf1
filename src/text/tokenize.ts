import { forEachStemmedToken } from '../core/term-key.js';
import { splitSentences, type SentenceSpan } from './sentences.js';

/** A word of the note. Offsets are UTF-16 units into the note exactly as submitted. */
export interface Token {
  /** Folded form (lower case, no diacritics). */
  readonly norm: string;
  /** Porter stem of `norm` (the matching key). */
  readonly stem: string;
  /** The stem's process-wide number (`core/stem-ids.ts`), −1 when no dictionary or model knows it. */
  readonly stemId: number;
  readonly start: number;
  readonly end: number;
  /** Index of the sentence the token is in. */
  readonly sentence: number;
  readonly stop: boolean;
}

/** A note broken into sentences and tokens. */
export interface TokenizedText {
  readonly tokens: readonly Token[];
  readonly sentences: readonly SentenceSpan[];
  /** First token index of each sentence (sentences.length + 1 entries). */
  readonly sentenceTokenStart: readonly number[];
}

/**
 * Sentence-splits and tokenizes a note. Tokens are runs of letters and digits, folded and stemmed with
 * `natural`'s Porter stemmer (surface forms stay reachable through the offsets).
 */
export function tokenize(text: string): TokenizedText {
  const sentences = splitSentences(text);
  const tokens: Token[] = [];
  let s = 0;
  forEachStemmedToken(text, (token, stem, stemId, stop, start, end) => {
    while (s < sentences.length && start >= (sentences[s]?.end ?? 0)) {
      s++;
    }
    tokens.push({
      norm: token,
      stem,
      stemId,
      start,
      end,
      sentence: Math.min(s, sentences.length - 1),
      stop,
    });
  });
  // Sentence → first token index, for every sentence including those without tokens.
  const starts: number[] = [];
  let t = 0;
  for (let i = 0; i <= sentences.length; i++) {
    while (t < tokens.length && (tokens[t]?.sentence ?? 0) < i) {
      t++;
    }
    starts.push(t);
  }
  return { tokens, sentences, sentenceTokenStart: starts };
}
