import type { Knowledge } from './knowledge.js';

/** The detector's name in results: `pipeline`, with the learned model's version when there is one. */
export function detectorName(knowledge: Knowledge): string {
  return knowledge.learned === undefined ? 'pipeline' : `pipeline+${knowledge.learned.version}`;
}
