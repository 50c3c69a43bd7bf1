import type { TokenizedText } from '../../text/tokenize.js';
import type { Associations } from './learned-model.js';

/** One learned association found in a note. */
export interface AssociationHit {
  readonly code: string;
  readonly precision: number;
  readonly support: number;
  readonly first: number;
  readonly last: number;
  readonly ngram: string;
}

/** Longest n-gram mined (in content words). */
export const MAX_NGRAM = 3;

/**
 * The n-grams of a note: runs of 1–3 consecutive content words (stopwords skipped, never across a
 * sentence), as stem strings with their token range. Used by mining and detection alike.
 */
export function noteNgrams(
  text: TokenizedText,
  visit: (ngram: string, first: number, last: number) => void,
  /** When given, longer n-grams are built only from first words that start some known n-gram. */
  starts?: ReadonlySet<string>,
): void {
  const { tokens } = text;
  const content: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i]?.stop ?? true) && (tokens[i]?.norm.length ?? 0) > 1) {
      content.push(i);
    }
  }
  for (let a = 0; a < content.length; a++) {
    const start = content[a] ?? 0;
    const sentence = tokens[start]?.sentence;
    let gram = '';
    const longest = starts === undefined || starts.has(tokens[start]?.stem ?? '') ? MAX_NGRAM : 1;
    for (let n = 0; n < longest && a + n < content.length; n++) {
      const at = content[a + n] ?? 0;
      if (tokens[at]?.sentence !== sentence) {
        break;
      }
      gram = n === 0 ? (tokens[at]?.stem ?? '') : `${gram} ${tokens[at]?.stem ?? ''}`;
      visit(gram, start, at);
    }
  }
}

const startsCache = new WeakMap<Associations, Set<string>>();
type Table = Map<string, readonly (readonly [string, number, number])[]>;
const tableCache = new WeakMap<Associations, { sentence: Table; document: Table }>();

/** The association records as Maps (a plain object with thousands of keys looks up slowly). */
function tables(associations: Associations): { sentence: Table; document: Table } {
  let t = tableCache.get(associations);
  if (t === undefined) {
    t = {
      sentence: new Map(Object.entries(associations.ngrams)),
      document: new Map(Object.entries(associations.docNgrams)),
    };
    tableCache.set(associations, t);
  }
  return t;
}

/** First words of the associations' multi-word n-grams (computed once per model). */
function ngramStarts(associations: Associations): Set<string> {
  let starts = startsCache.get(associations);
  if (starts === undefined) {
    starts = new Set();
    for (const key of [
      ...Object.keys(associations.ngrams),
      ...Object.keys(associations.docNgrams),
    ]) {
      const space = key.indexOf(' ');
      if (space > 0) {
        starts.add(key.slice(0, space));
      }
    }
    startsCache.set(associations, starts);
  }
  return starts;
}

/** Looks the note's n-grams up in the learned associations (sentence level, then document level). */
export function findAssociations(
  text: TokenizedText,
  associations: Associations,
): { sentence: AssociationHit[]; document: AssociationHit[] } {
  const sentence: AssociationHit[] = [];
  const document: AssociationHit[] = [];
  const seen = new Set<string>();
  const { sentence: sentenceTable, document: documentTable } = tables(associations);
  noteNgrams(
    text,
    (ngram, first, last) => {
      const codes = sentenceTable.get(ngram);
      if (codes !== undefined) {
        for (const [code, precision, support] of codes) {
          sentence.push({ code, precision, support, first, last, ngram });
        }
      }
      // Document-level n-grams are uni- and bigrams: a trigram needs no lookup there.
      if (ngram.indexOf(' ', ngram.indexOf(' ') + 1) < 0 && !seen.has(ngram)) {
        seen.add(ngram);
        const docCodes = documentTable.get(ngram);
        if (docCodes !== undefined) {
          for (const [code, precision, support] of docCodes) {
            document.push({ code, precision, support, first, last, ngram });
          }
        }
      }
    },
    ngramStarts(associations),
  );
  return { sentence, document };
}
