import { noteNgrams } from '../pipeline/learned/find-associations.js';
import type { Associations } from '../pipeline/learned/learned-model.js';
import { tokenize } from '../text/tokenize.js';
import type { EvidencedDoc } from './codiesp-evidence.js';

/** Thresholds of association mining. */
export interface MineOptions {
  /** Least number of documents in which the n-gram evidences the code. */
  readonly minSupport?: number;
  /** Least share of the n-gram's documents in which it evidences the code. */
  readonly minPrecision?: number;
  /** Most codes kept per n-gram. */
  readonly maxCodes?: number;
}

/**
 * Mines n-gram → code associations: for each n-gram, in how many documents it sits in a sentence that
 * evidences a gold code (support), out of the documents it occurs in at all (precision, with one
 * pseudo-document of smoothing). Deterministic: documents and codes are visited in sorted order.
 */
export function mineAssociations(
  docs: readonly EvidencedDoc[],
  options: MineOptions = {},
): Associations {
  const minSupport = options.minSupport ?? 2;
  const minPrecision = options.minPrecision ?? 0.15;
  const maxCodes = options.maxCodes ?? 6;
  const occurrences = new Map<string, number>();
  const support = new Map<string, Map<string, number>>();
  const docSupport = new Map<string, Map<string, number>>();
  const codeDocs: Record<string, number> = {};
  for (const doc of [...docs].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const code of doc.gold) {
      codeDocs[code] = (codeDocs[code] ?? 0) + 1;
    }
    const text = tokenize(doc.text);
    const seen = new Set<string>();
    const evidenced = new Set<string>();
    noteNgrams(text, (gram, first) => {
      seen.add(gram);
      const sentence = text.tokens[first]?.sentence ?? -1;
      for (const [code, sentences] of doc.evidence) {
        if (sentences.has(sentence)) {
          evidenced.add(`${gram}\u0000${code}`);
        }
      }
    });
    for (const gram of seen) {
      occurrences.set(gram, (occurrences.get(gram) ?? 0) + 1);
      // Document level: uni- and bigrams only, against every gold code of the note.
      if (gram.split(' ').length <= 2) {
        let codes = docSupport.get(gram);
        if (codes === undefined) {
          codes = new Map();
          docSupport.set(gram, codes);
        }
        for (const code of doc.gold) {
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      }
    }
    for (const key of evidenced) {
      const [gram = '', code = ''] = key.split('\u0000');
      let codes = support.get(gram);
      if (codes === undefined) {
        codes = new Map();
        support.set(gram, codes);
      }
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  }
  const ngrams: Record<string, [string, number, number][]> = {};
  for (const gram of [...support.keys()].sort()) {
    const occ = occurrences.get(gram) ?? 0;
    const kept = [...(support.get(gram) ?? [])]
      .map(([code, n]): [string, number, number] => [
        code,
        Math.round((n / (occ + 1)) * 1000) / 1000,
        n,
      ])
      .filter(([, p, n]) => n >= minSupport && p >= minPrecision)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxCodes);
    if (kept.length > 0) {
      ngrams[gram] = kept;
    }
  }
  const docNgrams: Record<string, [string, number, number][]> = {};
  for (const gram of [...docSupport.keys()].sort()) {
    const occ = occurrences.get(gram) ?? 0;
    const kept = [...(docSupport.get(gram) ?? [])]
      .map(([code, n]): [string, number, number] => [
        code,
        Math.round((n / (occ + 1)) * 1000) / 1000,
        n,
      ])
      .filter(([, p, n]) => n >= 3 && p >= 0.3)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 4);
    if (kept.length > 0) {
      docNgrams[gram] = kept;
    }
  }
  return { ngrams, docNgrams, codeDocs, documents: docs.length };
}
