import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import type { BillingComponent, DistinctModifierStyle } from '../../core/claim-types.js';
import type { Evidence, Setting, Suggestion, Suppressed } from '../../core/types.js';
import type { SectionSpan } from '../../text/sections.js';
import type { EmKnowledge } from '../cpt/em/em-types.js';
import type { GuidelineData } from '../knowledge.js';
import type { BillingFacts } from './billing-facts.js';
import type { EditTables } from '../../codes/edits/edit-tables.js';

/** What the claim builder knows beside the note: loaded once, like the pipeline's knowledge. */
export interface ClaimKnowledge {
  /** The CPT lexicon's entries by code (category, modifiers, attributes). */
  readonly cpt: ReadonlyMap<string, CptEntry>;
  readonly billing: BillingFacts;
  /** The team's bundling rows (`cpt-rules.tsv`): pairs a distinct-service modifier may unbundle. */
  readonly cptRules: GuidelineData['cptRules'];
  /** E/M tables: the time add-ons' first unit and step. */
  readonly em: Pick<EmKnowledge, 'levels' | 'prolonged'>;
  /** CMS edit tables compiled into the code set (MUE, NCCI PTP, add-on lists), when the user gave them. */
  readonly edits?: EditTables;
}

/** One note's part of the claim: its text, sections, and the suggestions a coder sees. */
export interface ClaimInput {
  readonly text: string;
  readonly sections: readonly SectionSpan[];
  readonly setting: Setting;
  /** Suggestions at or above the operating threshold (both systems), best first. */
  readonly suggestions: readonly Suggestion[];
  /** Suppressed candidates: a bundled code may come back as a distinct service. */
  readonly suppressed: readonly Suppressed[];
  readonly component: BillingComponent;
  /** True when the component came from the caller, not the default. */
  readonly componentAsked: boolean;
  readonly distinct: DistinctModifierStyle;
  /** ISO date the edits are checked against, when known. */
  readonly dateOfService?: string;
}

/** A service on its way to a claim line. */
export interface DraftLine {
  code: string;
  readonly system: 'CPT' | 'HCPCS';
  title: string;
  units: number;
  unitsBasis: { reason: string; evidence: Evidence[] };
  readonly modifiers: { code: string; reason: string; evidence: Evidence[] }[];
  readonly evidence: readonly Evidence[];
  readonly notes: string[];
}
