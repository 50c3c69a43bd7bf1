import { isCabgCode } from '../cpt/cabg-grafts.js';
import { cptCandidates } from '../cpt/cpt-candidates.js';
import type { Knowledge } from '../knowledge.js';
import type { Stage } from './stage.js';

/**
 * CPT/HCPCS detectors: the codes a note documents as a whole — the imaging exam of its title
 * (modality × region × contrast × views, with modifiers), 3D rendering, and the E/M level of an
 * encounter note by total time or medical decision making (`cpt/em/`). Their candidates come at a fixed confidence.
 * @param knowledge - the CPT lexicon and its imaging entries
 */
export function createCptDetectorsStage(knowledge: Knowledge): Stage {
  const { cpt } = knowledge.codeSet;
  const radiologyEntries = cpt.entries.filter((e) => e.attributes.modality !== undefined);
  return (doc) => {
    if (!doc.readable) {
      return;
    }
    const found = cptCandidates(doc.text, cpt, radiologyEntries, {
      setting: doc.setting,
      em: knowledge.guidelines.em,
      sections: doc.sections,
      reports: knowledge.guidelines.reports,
    });
    // Grafts counted by the operation decide its bypass codes over a conduit's words ("LIMA to LAD").
    if (found.some((f) => isCabgCode(f.code))) {
      for (const c of doc.candidates.filter((k) => k.system === 'CPT' && isCabgCode(k.code))) {
        doc.candidates.splice(doc.candidates.indexOf(c), 1);
      }
    }
    // A code a procedure trigger already found keeps that candidate (and its evidence).
    doc.candidates.push(
      ...found.filter((f) => !doc.candidates.some((c) => c.system === 'CPT' && c.code === f.code)),
    );
  };
}
