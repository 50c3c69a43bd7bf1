import type { CodeSetVersions } from '../codes/artifact-types.js';
import { resultWarning } from '../core/result-warnings.js';
import type { DetectResult } from '../core/types.js';

/**
 * The `versions` of a result and, for a lexicon-only code set, its `LEXICON_ONLY` warning: every
 * detector builds them here, so no result can leave the lexicon-only flag out.
 * @param codeSet - the loaded code set's versions
 * @param detector - the detector's name
 * @param tagger - the tagger's version, `off` or `unfitted`; absent for detectors without one
 */
export function resultVersions(
  codeSet: CodeSetVersions,
  detector: string,
  tagger?: string,
): Pick<DetectResult, 'versions' | 'warnings'> {
  return {
    versions: {
      codeSet: codeSet.codeSet,
      lexiconOnly: codeSet.lexiconOnly,
      detector,
      ...(tagger === undefined ? {} : { tagger }),
    },
    ...(codeSet.lexiconOnly ? { warnings: [resultWarning('LEXICON_ONLY')] } : {}),
  };
}
