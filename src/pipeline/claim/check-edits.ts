import type { EditFinding } from '../../core/claim-types.js';
import type { DraftLine } from './claim-input.js';

/**
 * The edit checks' findings per line (same order as `lines`): none until CMS tables are loaded.
 */
export function checkEdits(lines: readonly DraftLine[]): EditFinding[][] {
  return lines.map(() => []);
}
