import type { CodeSystem } from './code-format.js';
import type { CodeIndex } from './code-index.js';

/** A code that a code-shaped query names: the query itself, or a code under it. */
export interface CodeNumberHit {
  readonly key: number;
  readonly exact: boolean;
}

// A code number or the start of one: a letter and a digit (ICD-10-CM, HCPCS), or digits (CPT).
const CODE_LIKE = /^(?:[A-Z][0-9][0-9A-Z]{0,5}|[A-Z]{2}[0-9][0-9A-Z]{0,4}|[0-9]{2,4}[0-9FTU]?)$/;

/** The query without dots, outer spaces and case when it has the shape of a code or a code prefix. */
export function codeQuery(query: string): string | undefined {
  const compact = query.trim().toUpperCase().replace(/\./g, '');
  return CODE_LIKE.test(compact) ? compact : undefined;
}

/** Every key with its code's compact form (no dot), sorted by that form: prefixes become ranges. */
function sortedCodes(index: CodeIndex): { compact: string[]; keys: Int32Array } {
  const { artifact } = index;
  const pairs: [string, number][] = [];
  artifact.icd.codes.forEach((code, i) => pairs.push([code.replace('.', ''), i]));
  artifact.hcpcs?.codes.forEach((code, i) => {
    if (artifact.hcpcs?.kinds[i] !== 'M') {
      pairs.push([code, index.hcpcsBase + i]);
    }
  });
  artifact.cpt.entries.forEach((entry, i) => pairs.push([entry.code, index.cptBase + i]));
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { compact: pairs.map((p) => p[0]), keys: Int32Array.from(pairs.map((p) => p[1])) };
}

/**
 * Search by code number: "E11.22", "e1122", "71250" find that code; "E11", "7125" find the codes
 * under the prefix, in code order (the exact code first). The sorted list is made on first use.
 * @param index - the code index
 */
export function createCodeNumberSearch(
  index: CodeIndex,
): (query: string, limit: number, system?: CodeSystem) => CodeNumberHit[] {
  let sorted: ReturnType<typeof sortedCodes> | undefined;
  return (query, limit, system) => {
    const prefix = codeQuery(query);
    if (prefix === undefined) {
      return [];
    }
    sorted ??= sortedCodes(index);
    const { compact, keys } = sorted;
    let lo = 0;
    let hi = compact.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((compact[mid] ?? '') < prefix) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const exact: CodeNumberHit[] = [];
    const under: CodeNumberHit[] = [];
    for (let i = lo; i < compact.length && (compact[i] ?? '').startsWith(prefix); i++) {
      const key = keys[i] ?? 0;
      if (system !== undefined && index.systemOf(key) !== system) {
        continue;
      }
      if (compact[i] === prefix) {
        exact.push({ key, exact: true });
      } else if (under.length < limit) {
        under.push({ key, exact: false });
      }
    }
    return [...exact, ...under].slice(0, limit);
  };
}
