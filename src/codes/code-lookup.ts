import { createError } from '../core/errors.js';
import { candidateSystems } from './code-format.js';
import type { CodeIndex } from './code-index.js';
import type { CodeInfo } from './code-info.js';
import type { CodeSet } from './code-set-types.js';

/** A two-character HCPCS modifier, in any case and spacing. */
const MODIFIER = /^\s*[A-Z0-9]{2}\s*$/i;

/**
 * Looking codes up: `get` (any spelling, systems tried in order), `require` (a catalogued error when
 * missing), `lookup` (every system's entry) and `isBillable`.
 * @param index - the code index
 */
export function createCodeLookup(
  index: CodeIndex,
): Pick<CodeSet, 'get' | 'require' | 'lookup' | 'isBillable'> {
  const { icdIndex, icdInfo, getIn } = index;
  const { versions } = index.artifact;
  const get: CodeSet['get'] = (code, system) => {
    if (system !== undefined) {
      return getIn(code, system);
    }
    // Fast path: the canonical ICD-10-CM form, as the pipeline and stored results use it.
    const direct = icdIndex.get(code);
    if (direct !== undefined) {
      return icdInfo(direct);
    }
    for (const candidate of candidateSystems(code)) {
      const info = getIn(code, candidate);
      if (info !== undefined) {
        return info;
      }
    }
    return MODIFIER.test(code) ? getIn(code, 'HCPCS') : undefined;
  };
  return {
    get,
    require(code, system) {
      const info = get(code, system);
      if (info !== undefined) {
        return info;
      }
      const shapes = system === undefined ? candidateSystems(code) : [system];
      if (shapes.length === 0 && !MODIFIER.test(code)) {
        throw createError(
          'INVALID_CODE',
          `"${code.trim()}" is not shaped like an ICD-10-CM, CPT or HCPCS code`,
          { code: code.trim() },
        );
      }
      throw createError(
        'CODE_NOT_FOUND',
        `${code.trim()} is not in the loaded code set (${versions.codeSet})`,
        { code: code.trim() },
      );
    },
    lookup(code) {
      const found: CodeInfo[] = [];
      for (const system of ['ICD-10-CM', 'CPT', 'HCPCS'] as const) {
        const info = getIn(code, system);
        if (info !== undefined) {
          found.push(info);
        }
      }
      return found;
    },
    isBillable(code, system) {
      const info = get(code, system);
      if (info === undefined) {
        return false;
      }
      return info.system === 'ICD-10-CM'
        ? info.billable
        : info.system === 'HCPCS'
          ? info.terminated === undefined
          : true;
    },
  };
}
