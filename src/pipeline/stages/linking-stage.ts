import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import type { Knowledge } from '../knowledge.js';
import type { NoteLinker } from '../linker/note-linker.js';
import { makeMention } from '../make-mention.js';
import { candidateOf } from '../note-doc.js';
import { MAX_MENTIONS } from './max-mentions.js';
import type { Stage } from './stage.js';

/** Options of {@link createLinkingStage}. */
export interface LinkingStageOptions {
  /** The linker the pipeline's stages share (it remembers fixed links across notes). */
  readonly link: NoteLinker;
}

/**
 * Linking: each dictionary match becomes a candidate code. A diagnosis term's code is linked to the most
 * specific billable code its sentence supports (laterality, type, 7th character; an unspecified child,
 * flagged as a guess, when the words say no more); a procedure trigger is its CPT code, at a fixed
 * confidence from its match quality. Candidates keep the order their first match was found in.
 * @param knowledge - the code set (CPT descriptions)
 */
export function createLinkingStage(knowledge: Knowledge, options: LinkingStageOptions): Stage {
  const { link } = options;
  // The lexicon's first entry of each code (its description), looked up instead of searched per match.
  const cptByCode = new Map<string, CptEntry>();
  for (const e of knowledge.codeSet.cpt.entries) {
    if (!cptByCode.has(e.code)) {
      cptByCode.set(e.code, e);
    }
  }
  return (doc) => {
    for (const m of doc.matches) {
      if (m.entry.system === 'ICD-10-CM') {
        const linked = link(doc, m.entry.code, m.first);
        if (linked === undefined) {
          continue;
        }
        const c = candidateOf(doc, 'ICD-10-CM', linked.code, linked.title);
        c.guessed = c.mentions.length === 0 ? linked.guessed : c.guessed && linked.guessed;
        for (const r of linked.reasons) {
          if (!c.reasons.includes(r)) {
            c.reasons.push(r);
          }
        }
        if (c.mentions.length < MAX_MENTIONS) {
          const { source, text, required } = m.entry;
          c.mentions.push(
            makeMention(doc, m.first, m.last, source, m.quality, text, required.length, false),
          );
        }
      } else if (m.entry.system === 'CPT') {
        const entry = cptByCode.get(m.entry.code);
        const c = candidateOf(doc, 'CPT', m.entry.code, entry?.description ?? '');
        c.fixedConfidence = Math.max(c.fixedConfidence ?? 0, 0.6 + 0.3 * m.quality);
        if (c.mentions.length < MAX_MENTIONS) {
          c.mentions.push(
            makeMention(
              doc,
              m.first,
              m.last,
              'cpt-trigger',
              m.quality,
              m.entry.text,
              m.entry.required.length,
            ),
          );
        }
      }
    }
  };
}
