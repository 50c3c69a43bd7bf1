import type { Knowledge } from '../knowledge.js';
import type { ClaimKnowledge } from './claim-input.js';
import type { EditTables } from '../../codes/edits/edit-tables.js';

/**
 * The claim builder's knowledge out of the pipeline's: the CPT lexicon by code, the billing facts, the
 * bundling rows, the E/M time add-ons, and the CMS edit tables compiled into the code set.
 */
export function claimKnowledgeOf(knowledge: Knowledge, edits?: EditTables): ClaimKnowledge {
  return {
    cpt: new Map(knowledge.codeSet.cpt.entries.map((e) => [e.code, e])),
    billing: knowledge.billing ?? new Map(),
    cptRules: knowledge.guidelines.cptRules,
    em: knowledge.guidelines.em,
    ...(edits === undefined ? {} : { edits }),
  };
}
