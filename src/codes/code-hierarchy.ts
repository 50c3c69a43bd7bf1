import { canonicalIcd } from './code-format.js';
import type { CodeIndex } from './code-index.js';
import type { CodeSet } from './code-set-types.js';

/** The ICD-10-CM codes above a code that the code set holds, nearest first (E11.65 → E11.6, E11). */
export function ancestorCodes(index: CodeIndex, code: string): string[] {
  const out: string[] = [];
  const compact = code.replace('.', '');
  for (let len = compact.length - 1; len >= 3; len--) {
    const prefix = canonicalIcd(compact.slice(0, len));
    if (prefix !== undefined && index.icdIndex.has(prefix)) {
      out.push(prefix);
    }
  }
  return out;
}

/**
 * The ICD-10-CM hierarchy: ancestors, children (indexed on first use) and the 7th characters a code
 * takes from its nearest declaring ancestor.
 * @param index - the code index
 */
export function createCodeHierarchy(
  index: CodeIndex,
): Pick<CodeSet, 'ancestors' | 'children' | 'sevenths'> {
  const { icd } = index.artifact;
  const { icdIndex, icdIndexOf, icdInfo } = index;
  let childIndex: Map<string, number[]> | undefined;
  const childrenOf = (code: string): number[] => {
    if (childIndex === undefined) {
      const built = new Map<string, number[]>();
      icd.codes.forEach((child, j) => {
        const parent = ancestorCodes(index, child)[0];
        if (parent !== undefined) {
          const list = built.get(parent) ?? [];
          list.push(j);
          built.set(parent, list);
        }
      });
      childIndex = built;
    }
    return childIndex.get(code) ?? [];
  };
  return {
    ancestors(code) {
      const i = icdIndexOf(code);
      return i === undefined
        ? []
        : ancestorCodes(index, icd.codes[i] ?? '').map((ancestor) =>
            icdInfo(icdIndex.get(ancestor) ?? 0),
          );
    },
    children(code) {
      const i = icdIndexOf(code);
      return i === undefined ? [] : childrenOf(icd.codes[i] ?? '').map(icdInfo);
    },
    sevenths(code) {
      const i = icdIndexOf(code);
      if (i === undefined) {
        return undefined;
      }
      const own = icd.codes[i] ?? '';
      for (const owner of [own, ...ancestorCodes(index, own)]) {
        const def = icd.sevenths[owner];
        if (def !== undefined && Object.keys(def.chars).length > 0) {
          return {
            declaredAt: owner,
            ...(def.note === undefined ? {} : { note: def.note }),
            chars: def.chars,
          };
        }
      }
      return undefined;
    },
  };
}
