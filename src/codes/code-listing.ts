import { canonicalIcd } from './code-format.js';
import type { CodeIndex } from './code-index.js';
import type { CodeSet } from './code-set-types.js';
import type { IndexPhrases } from './icd10cm/index-phrases.js';

const INDEX_KIND = { i: 'index', n: 'neoplasm', d: 'drug', e: 'external' } as const;

/**
 * The code set's texts as the dictionary builder and the API list them: every code's terms, every index
 * entry, the team's synonyms, and the index phrases that lead to one code (indexed on first use).
 * @param index - the code index
 * @param phrases - the artifact's index phrases
 */
export function createCodeListing(
  index: CodeIndex,
  phrases: IndexPhrases,
): Pick<CodeSet, 'indexPhrases' | 'indexEntries' | 'synonyms' | 'terms'> {
  const { icd, hcpcs, cpt, synonyms } = index.artifact;
  const kindOf = (n: number): (typeof INDEX_KIND)[keyof typeof INDEX_KIND] =>
    INDEX_KIND[(icd.index.kinds[n] ?? 'i') as keyof typeof INDEX_KIND];
  let phraseIndex: Map<string, number[]> | undefined;
  const entriesOf = (code: string): number[] => {
    if (phraseIndex === undefined) {
      const built = new Map<string, number[]>();
      icd.index.codes.forEach((target, n) => {
        const list = built.get(target) ?? [];
        list.push(n);
        built.set(target, list);
      });
      phraseIndex = built;
    }
    return phraseIndex.get(code) ?? [];
  };
  return {
    indexPhrases(code) {
      const canonical = canonicalIcd(code);
      if (canonical === undefined) {
        return [];
      }
      return entriesOf(canonical).map((n) => {
        const column = phrases.column(n);
        const manif = icd.index.manif[String(n)];
        return {
          phrase: phrases.phrase(n),
          kind: kindOf(n),
          ...(column === undefined ? {} : { column }),
          ...(manif === undefined ? {} : { manif }),
        };
      });
    },
    *indexEntries() {
      for (let n = 0; n < phrases.size; n++) {
        const column = phrases.column(n);
        yield {
          path: phrases.path(n),
          code: icd.index.codes[n] ?? '',
          kind: kindOf(n),
          ...(column === undefined ? {} : { column }),
        };
      }
    },
    *synonyms() {
      for (const [code, list] of Object.entries(synonyms)) {
        yield { code, synonyms: list };
      }
    },
    *terms() {
      for (let i = 0; i < icd.codes.length; i++) {
        const code = icd.codes[i] ?? '';
        yield { system: 'ICD-10-CM', code, text: icd.longTitles[i] ?? '', kind: 'title' };
        const notes = icd.notes[code];
        for (const text of [...(notes?.inclusionTerms ?? []), ...(notes?.includes ?? [])]) {
          yield { system: 'ICD-10-CM', code, text, kind: 'inclusion' };
        }
      }
      for (let i = 0; i < (hcpcs?.codes.length ?? 0); i++) {
        if (hcpcs?.kinds[i] === 'P') {
          yield {
            system: 'HCPCS',
            code: hcpcs.codes[i] ?? '',
            text: hcpcs.longTitles[i] ?? '',
            kind: 'title',
          };
        }
      }
      for (const entry of cpt.entries) {
        yield { system: 'CPT', code: entry.code, text: entry.description, kind: 'title' };
      }
    },
  };
}
