import type { CodeSystem } from './code-format.js';
import type { CodeIndex } from './code-index.js';

/** A code that a code-shaped query names: the query itself, or a code under it. */
export interface CodeNumberHit {
  readonly key: number;
  readonly exact: boolean;
}

// A code number or the start of one: a letter and a digit (ICD-10-CM, HCPCS), or digits (CPT).
const CODE_LIKE = /^(?:[A-Z][0-9][0-9A-Z]{0,5}|[A-Z]{2}[0-9][0-9A-Z]{0,4}|[0-9]{2,4}[0-9FTU]?)$/;

/** Codes under a prefix looked at, at most (a one-letter-one-digit prefix spans thousands). */
const MAX_SCANNED = 5000;

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
    // A dotted query is ICD-10-CM; otherwise the exact code's system (E11: ICD-10-CM) goes before
    // codes of another system that share the prefix (HCPCS E1100).
    const only = system ?? (query.includes('.') ? 'ICD-10-CM' : undefined);
    const exact: CodeNumberHit[] = [];
    const under: CodeNumberHit[] = [];
    const end = Math.min(compact.length, lo + MAX_SCANNED);
    for (let i = lo; i < end && (compact[i] ?? '').startsWith(prefix); i++) {
      const key = keys[i] ?? 0;
      if (only !== undefined && index.systemOf(key) !== only) {
        continue;
      }
      (compact[i] === prefix ? exact : under).push({ key, exact: compact[i] === prefix });
    }
    if (!query.includes('.')) {
      // Written without a dot, J1100 is the HCPCS code before ICD-10-CM J11.00.
      exact.sort((a, b) => Number(a.key < index.hcpcsBase) - Number(b.key < index.hcpcsBase));
    }
    const first = exact[0] === undefined ? undefined : index.systemOf(exact[0].key);
    const same = under.filter((h) => index.systemOf(h.key) === first);
    const other = under.filter((h) => index.systemOf(h.key) !== first);
    return [...exact, ...same, ...other].slice(0, limit);
  };
}
