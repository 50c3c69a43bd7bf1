import { detectSections } from '../../text/sections.js';
import type { Stage } from './stage.js';

/**
 * Section headings ("HPI:", "IMPRESSION", a radiology report's "EXAM:" title) and their spans: evidence
 * carries its section, and a procedure section says a procedure was done.
 */
export function createSectionsStage(): Stage {
  return (doc) => {
    doc.sections = detectSections(doc.text);
  };
}
