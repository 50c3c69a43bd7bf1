import { createError } from '../core/errors.js';
import type { CodeIndex } from './code-index.js';
import type { CodeInfo, SearchHit } from './code-info.js';
import type { CodeSet } from './code-set-types.js';
import type { IndexPhrases } from './icd10cm/index-phrases.js';
import { createCodeNumberSearch } from './search-by-code.js';
import { createSearcher, type SearchOptions } from './search-code-set.js';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  L: 'title',
  S: 'short title',
  I: 'inclusion term',
  X: 'index',
  Y: 'synonym',
  T: 'trigger',
  D: 'description',
};

/** True for a code that can be reported as it is: a billable ICD-10-CM code, a current HCPCS code, CPT. */
function reportable(info: CodeInfo): boolean {
  return info.system === 'ICD-10-CM'
    ? info.billable
    : info.system === 'HCPCS'
      ? info.terminated === undefined && info.kind === 'procedure'
      : true;
}

/** A hit for a code named by its number (exact) or under a number's prefix. */
function codeHit(info: CodeInfo | undefined, exact: boolean): SearchHit[] {
  return info === undefined
    ? []
    : [
        {
          system: info.system,
          code: info.code,
          title: info.title,
          score: exact ? 1 : 0.9,
          matched: { field: exact ? 'code' : 'code prefix', text: info.code },
          billable: reportable(info),
        },
      ];
}

/**
 * Search by code number first (the exact code, then the codes under a prefix: "E11.22", "E11",
 * "71250"), then over every code's titles, inclusion terms, index phrases, synonyms and CPT descriptions, each
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
  const byNumber = createCodeNumberSearch(index);
  const textHits = (text: string, options: SearchOptions, quiet: boolean): SearchHit[] => {
    let hits: ReturnType<typeof searcher.search>;
    try {
      hits = searcher.search(text, options);
    } catch (err) {
      if (quiet) {
        return []; // "71250" has no searchable words, but it named a code
      }
      throw err;
    }
    return hits.flatMap((hit) => {
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
          billable: reportable(info),
        },
      ];
    });
  };
  return {
    search(text, options = {}) {
      if (text.trim() === '') {
        throw createError('EMPTY_QUERY', 'the search query is empty');
      }
      const limit = Math.min(Math.max(1, options.limit ?? 10), 200);
      const codeHits = byNumber(text, limit, options.system).flatMap((hit) =>
        codeHit(index.infoOfKey(hit.key), hit.exact),
      );
      if (codeHits.length >= limit) {
        return codeHits;
      }
      const seen = new Set(codeHits.map((h) => `${h.system} ${h.code}`));
      const rest = textHits(text, options, codeHits.length > 0).filter(
        (h) => !seen.has(`${h.system} ${h.code}`),
      );
      return [...codeHits, ...rest].slice(0, limit);
    },
  };
}
