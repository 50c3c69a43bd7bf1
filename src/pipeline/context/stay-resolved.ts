import type { Setting } from '../../core/types.js';
import { sectionAt, type SectionName, type SectionSpan } from '../../text/sections.js';
import type { TokenizedText } from '../../text/tokenize.js';
import type { NoteContext } from './context-analyzer.js';

/** The negation triggers that say a condition went away, not that it never was. */
const RESOLVED = new Set(['resolved', 'has resolved', 'have resolved', 'resolution of']);
/** Where an inpatient record sums up the stay. */
const STAY_SECTIONS: ReadonlySet<SectionName> = new Set<SectionName>([
  'discharge diagnosis',
  'hospital course',
]);

/**
 * The note's context with "resolved" read as the course of the stay where an inpatient record sums it
 * up: "Hypotension resolved" among the discharge diagnoses, or "her pneumonia resolved with
 * antibiotics" in the hospital course, was present and treated during the stay, and is coded
 * (guideline III: conditions that affect the care of the stay), not read as absent. Elsewhere
 * ("pneumonia two years ago, resolved"; an outpatient note) "resolved" negates as before.
 * @param context - the analyzer's reading of the note
 * @param setting - the note's setting
 */
export function stayResolved(
  context: NoteContext,
  setting: Setting,
  text: TokenizedText,
  raw: string,
  sections: readonly SectionSpan[],
): NoteContext {
  if (setting !== 'inpatient' || !sections.some((s) => STAY_SECTIONS.has(s.name))) {
    return context;
  }
  return {
    assertionBetween: (first, last, words) => context.assertionBetween(first, last, words),
    assess(first, last, inside) {
      const read = context.assess(first, last, inside);
      const trigger = read.trigger;
      if (read.assertion !== 'absent' || trigger === undefined) {
        return read;
      }
      const words = raw.slice(trigger.start, trigger.end).toLowerCase().replace(/\s+/g, ' ');
      const at = text.tokens[first]?.start ?? trigger.start;
      const section = sectionAt(sections, at)?.name;
      return RESOLVED.has(words) && section !== undefined && STAY_SECTIONS.has(section)
        ? { assertion: 'present' }
        : read;
    },
  };
}
