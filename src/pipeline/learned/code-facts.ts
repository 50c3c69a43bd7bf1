import type { CodeSet } from '../../codes/code-set.js';
import { isInflammationWord, stemToken, termKeys, wordTokens } from '../../core/term-key.js';

/** Below this training precision, a learned phrase must share a word with its code's title. */
const WEAK_ASSOCIATION = 0.3;

/** What the association checks need to know of ICD-10-CM codes, worked out once per code. */
export interface CodeFacts {
  /**
   * Learned phrases that share no word with their code's title and seldom meant it in the training notes
   * are co-occurrence, not reading ("diabetes" → I10, "anxiety" → R11.10): on their own they never reach
   * the operating threshold, and as evidence they mislead.
   */
  unrelatedAndWeak(code: string, precision: number, ngram: string): boolean;
  /**
   * The stems of a code's title's inflammation words ("sinus" for "Chronic sinusitis"): a learned phrase
   * was mined on stems, so "sinus" learned from "sinusitis" must not read "sinuses".
   */
  inflamed(code: string): ReadonlySet<string>;
  /** The code's chapter (its first letter where the code set has none). */
  chapterOf(code: string): string;
}

interface Facts {
  readonly titleStems: ReadonlySet<string>;
  readonly inflamed: ReadonlySet<string>;
  readonly chapter: string;
  readonly unrelatedByGram: Map<string, boolean>;
}

/**
 * Code facts remembered across notes: title stems, the stems of the title's inflammation words, the
 * chapter, and the unrelated-phrase answer per n-gram (a note has a few hundred association hits).
 * @param codeSet - the loaded code set
 */
export function createCodeFacts(codeSet: CodeSet): CodeFacts {
  const byCode = new Map<string, Facts>();
  const factsOf = (code: string): Facts => {
    let facts = byCode.get(code);
    if (facts === undefined) {
      const info = codeSet.get(code, 'ICD-10-CM');
      const title = info?.title ?? '';
      facts = {
        titleStems: new Set(termKeys(title)),
        inflamed: new Set(wordTokens(title).filter(isInflammationWord).map(stemToken)),
        chapter: (info?.system === 'ICD-10-CM' ? info.chapter?.id : undefined) ?? code.charAt(0),
        unrelatedByGram: new Map(),
      };
      byCode.set(code, facts);
    }
    return facts;
  };
  return {
    unrelatedAndWeak(code, precision, ngram) {
      if (precision >= WEAK_ASSOCIATION) {
        return false;
      }
      const facts = factsOf(code);
      let answer = facts.unrelatedByGram.get(ngram);
      if (answer === undefined) {
        answer = !ngram.split(' ').some((w) => facts.titleStems.has(w));
        facts.unrelatedByGram.set(ngram, answer);
      }
      return answer;
    },
    inflamed: (code) => factsOf(code).inflamed,
    chapterOf: (code) => factsOf(code).chapter,
  };
}
