import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { wordsIn, spanOf } from './note-words.js';

const INTERPRETATION = /^[ \t]*(impression|interpretation|conclusion|findings)\s*:/gim;

/**
 * 26 or TC for a code split into professional and technical components (CMS PC/TC indicator 1), from
 * the `billing.component` option: professional → 26, technical → TC, global → none. A code that is a
 * component itself (indicators 2 and 3) or global only (4) takes neither, and a component that does not
 * fit it is named in the line's notes.
 */
export function componentModifier(
  line: DraftLine,
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): void {
  const pctc = knowledge.billing.get(line.code)?.pctc;
  const asked = input.componentAsked
    ? `billing.component ${input.component}`
    : `billing.component not given: ${input.component} (the note is the physician's interpretation and report; set global when the practice also owns the equipment, technical for the facility's part)`;
  if (pctc === '1') {
    if (input.component === 'global') {
      line.notes.push(`${asked}: both components on one line, no 26 or TC`);
      return;
    }
    const professional = input.component === 'professional';
    // The interpretation's heading is what shows the physician's part in the note itself.
    const heading = wordsIn(
      input.text,
      [spanOf(input.text, 0, input.text.length)],
      INTERPRETATION,
    ).sort((x, y) => Number(/^\s*findings/i.test(x.text)) - Number(/^\s*findings/i.test(y.text)));
    line.modifiers.push({
      code: professional ? '26' : 'TC',
      reason: `${asked}; ${line.code} is split into professional and technical components (PC/TC indicator 1)`,
      evidence: professional ? heading.slice(0, 1) : [],
    });
    return;
  }
  if (input.component === 'global') {
    return;
  }
  if (pctc === '2' && input.component === 'technical') {
    line.notes.push(`${line.code} is a professional-only code: it does not fit ${asked}`);
  } else if (pctc === '3' && input.component === 'professional' && input.componentAsked) {
    line.notes.push(`${line.code} is a technical-only code: it does not fit ${asked}`);
  } else if (pctc === '4' && input.componentAsked) {
    line.notes.push(
      `${line.code} is a global-only code (its components have their own codes): ${asked} does not split it`,
    );
  }
}
