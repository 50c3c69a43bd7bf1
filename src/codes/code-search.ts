import { createError } from '../core/errors.js';
import type { CodeIndex } from './code-index.js';
import type { CodeInfo } from './code-info.js';
import type { CodeSet } from './code-set-types.js';
import type { IndexPhrases } from './icd10cm/index-phrases.js';
import { createSearcher } from './search-code-set.js';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  L: 'title',
  S: 'short title',
  I: 'inclusion term',
  X: 'index',
  Y: 'synonym',
  T: 'trigger',
  D: 'description',
};

/**
 * Search over every code's titles, inclusion terms, index phrases, synonyms and CPT descriptions, each
 * hit with the text that matched. The inverted index is the artifact's: nothing is built here.
 * @param index - the code index
 * @param phrases - the artifact's index phrases
 */
export function createCodeSearch(index: CodeIndex, phrases: IndexPhrases): Pick<CodeSet, 'search'> {
  const { artifact, hcpcsBase, cptBase } = index;
  const searcher = createSearcher(artifact.search, {
    keyCount: cptBase + artifact.cpt.entries.length,
    systemOf: index.systemOf,
    preference: (key) => (key < hcpcsBase ? (artifact.icd.billable[key] === '1' ? 1 : 0) : 1),
  });
  const docText = (doc: number, info: CodeInfo): string => {
    const field = searcher.field(doc);
    const ref = searcher.ref(doc);
    if (field === 'X') {
      const column = phrases.column(ref);
      const phrase = phrases.phrase(ref);
      return column === undefined ? phrase : `${phrase} — ${column}`;
    }
    if (ref >= 0) {
      return artifact.search.texts[ref] ?? '';
    }
    return field === 'S' && info.system !== 'CPT' ? info.shortTitle : info.title;
  };
  return {
    search(text, options = {}) {
      if (text.trim() === '') {
        throw createError('EMPTY_QUERY', 'the search query is empty');
      }
      return searcher.search(text, options).flatMap((hit) => {
        const info = index.infoOfKey(hit.key);
        if (info === undefined) {
          return [];
        }
        const field = searcher.field(hit.doc);
        return [
          {
            system: info.system,
            code: info.code,
            title: info.title,
            score: Math.round(hit.score * 1000) / 1000,
            matched: { field: FIELD_NAMES[field] ?? field, text: docText(hit.doc, info) },
            ...(info.system === 'ICD-10-CM' ? { billable: info.billable } : {}),
          },
        ];
      });
    },
  };
}
