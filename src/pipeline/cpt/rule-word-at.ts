import type { NoteDoc } from '../note-doc.js';

/**
 * Whether the note's words at token `i` are a cpt-rules.tsv word, given as its parts: a stem prefix
 * ("ventriculogra"), or consecutive stem prefixes joined by "+" in the table ("right+heart+cath"); a
 * part ending in `$` is that stem exactly ("plate$" is not "platelet").
 */
export function ruleWordAt(
  tokens: NoteDoc['tokens'],
  i: number,
  parts: readonly string[],
): boolean {
  return parts.every((p, j) => {
    const stem = tokens[i + j]?.stem;
    return p.endsWith('$') ? stem === p.slice(0, -1) : stem?.startsWith(p) === true;
  });
}
