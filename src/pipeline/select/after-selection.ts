import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult } from '../../core/types.js';
import type { SectionSpan } from '../../text/sections.js';
import { bilateralCodes } from './bilateral-codes.js';
import { companionCodes } from './companion-codes.js';
import { coughCodes } from './cough-codes.js';
import { discCodes } from './disc-codes.js';
import { lateralCodes } from './lateral-codes.js';
import { organismCodes } from './organism-codes.js';
import { preventiveCodes } from './preventive-codes.js';

/**
 * The guideline conventions applied to the selected codes, in order: the side the note names, the
 * infectious agent of a site infection, the bilateral code for both sides, the companion codes a billed
 * code requires, cough by duration, a displaced disc by level, the reason for a preventive visit. The
 * selection stage and `train-selection`'s out-of-fold scores run the same chain.
 * @param selected - the result the selection model re-scored
 * @param text - the note
 * @param sections - its sections
 * @param codeSet - the code set
 * @param operating - the note's operating threshold
 */
export function afterSelection(
  selected: DetectResult,
  text: string,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const sided = organismCodes(
    lateralCodes(selected, text, codeSet, operating),
    text,
    codeSet,
    operating,
  );
  const paired = companionCodes(bilateralCodes(sided, codeSet, operating), operating);
  const coughs = coughCodes(paired, text, codeSet, operating);
  const discs = discCodes(coughs, text, sections, codeSet, operating);
  return preventiveCodes(discs, text, codeSet, operating);
}
