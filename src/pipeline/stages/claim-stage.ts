import { buildClaim } from '../claim/build-claim.js';
import { claimKnowledgeOf } from '../claim/claim-knowledge.js';
import type { Knowledge } from '../knowledge.js';
import { noteThreshold } from '../scorer/note-threshold.js';
import type { Stage } from './stage.js';

/**
 * Claim lines (`claim/`): the suggestions at or above the claim threshold (the call's, else the
 * operating threshold) become lines with units, modifiers and diagnosis pointers, checked against the
 * CMS edit tables the code set carries. Billing rules only: the mentions rules suggest what a claim
 * must not carry (absent, uncertain diagnoses).
 * @param knowledge - the CPT lexicon, billing facts, rules and edit tables
 */
export function createClaimStage(knowledge: Knowledge): Stage {
  const claimKnowledge = claimKnowledgeOf(knowledge, knowledge.codeSet.edits);
  return (doc) => {
    if (doc.rules === 'mentions') {
      return;
    }
    const threshold =
      doc.claimThreshold ?? noteThreshold(knowledge.learned, doc.tags !== undefined);
    const billing = doc.billing ?? {};
    const dateOfService = billing.dateOfService ?? doc.note.encounterDate;
    const claim = buildClaim(
      {
        text: doc.text,
        sections: doc.sections,
        setting: doc.setting,
        suggestions: doc.result.suggestions.filter((s) => s.confidence >= threshold),
        suppressed: doc.result.suppressed,
        component: billing.component ?? 'professional',
        componentAsked: billing.component !== undefined,
        distinct: billing.distinct ?? 'x',
        ...(dateOfService === undefined ? {} : { dateOfService }),
      },
      claimKnowledge,
    );
    doc.result = { ...doc.result, claim };
  };
}
