import type { Assertion } from '../core/types.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { EvidencedDoc } from './codiesp-evidence.js';

/** Mention classes of the tagger's BIO head. */
export type MentionType = 'PROBLEM' | 'SYMPTOM' | 'PROCEDURE';

/** A training note with silver spans for the tagger. */
export interface SilverDoc {
  readonly id: string;
  readonly text: string;
  /** Spans a coder coded: pipeline mentions of codes whose category is among the gold codes. */
  readonly mentions: readonly { start: number; end: number; type: MentionType }[];
  /** Every candidate mention with the context analyzer's assertion. */
  readonly assertions: readonly { start: number; end: number; assertion: Assertion }[];
}

/**
 * Silver labels for one CodiEsp training note: the pipeline's mentions (dictionary, learned
 * associations, CPT triggers) aligned to the note's gold codes at category level. A mention of a
 * code the coders did not code is not a mention here: the tagger learns what coders code, in context.
 * @param pipeline - the pipeline (dictionary, context and learned associations)
 * @param doc - a CodiEsp **train** note with its gold codes
 */
export function silverDoc(pipeline: Pipeline, doc: EvidencedDoc): SilverDoc {
  const goldCategories = new Set(doc.gold.map((g) => g.slice(0, 3)));
  const mentions = new Map<string, { start: number; end: number; type: MentionType }>();
  const assertions = new Map<string, { start: number; end: number; assertion: Assertion }>();
  for (const c of pipeline.mentions({ id: doc.id, text: doc.text, setting: 'inpatient' })) {
    for (const m of c.mentions) {
      if (m.end <= m.start || m.source === 'learned-doc') {
        continue;
      }
      const key = `${m.start}:${m.end}`;
      assertions.set(key, { start: m.start, end: m.end, assertion: m.assertion });
      const coded =
        c.system === 'ICD-10-CM'
          ? goldCategories.has(c.code.slice(0, 3))
          : m.source === 'cpt-trigger' && m.assertion === 'present';
      if (coded && !mentions.has(key)) {
        const type: MentionType =
          c.system !== 'ICD-10-CM' ? 'PROCEDURE' : c.code.startsWith('R') ? 'SYMPTOM' : 'PROBLEM';
        mentions.set(key, { start: m.start, end: m.end, type });
      }
    }
  }
  const byStart = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
    a.start - b.start || b.end - a.end;
  return {
    id: doc.id,
    text: doc.text,
    mentions: [...mentions.values()].sort(byStart),
    assertions: [...assertions.values()].sort(byStart),
  };
}
