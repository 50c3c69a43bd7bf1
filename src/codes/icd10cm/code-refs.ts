/** A reference from an instructional note to a code, a category (`S78.-`) or a range (`O10-O11`). */
export interface CodeRef {
  /** First code of the range, compact (no dot). */
  readonly from: string;
  /** Last code of the range, compact; equal to `from` for a single code or category. */
  readonly to: string;
}

const REF =
  /^([A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)\.?-?(?:\s*-\s*([A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)\.?-?)?$/;

/**
 * Extracts the code references of an instructional note: the parenthesised groups at its end,
 * "hypertensive disease complicating pregnancy (O10-O11, O13-O16)" → O10–O11 and O13–O16.
 * A group counts only when every comma-separated piece in it is a code or range, so prose in
 * parentheses ("(acute)") is never mistaken for a reference.
 * @param note - the note text
 */
export function parseCodeRefs(note: string): CodeRef[] {
  const refs: CodeRef[] = [];
  for (const group of note.matchAll(/\(([^()]*)\)/g)) {
    const pieces = (group[1] ?? '').split(',').map((piece) => piece.trim());
    const parsed: CodeRef[] = [];
    for (const piece of pieces) {
      const m = REF.exec(piece);
      if (!m?.[1]) {
        parsed.length = 0;
        break;
      }
      const from = m[1].replace('.', '');
      parsed.push({ from, to: (m[2] ?? m[1]).replace('.', '') });
    }
    refs.push(...parsed);
  }
  return refs;
}

/**
 * True when `code` (dotted or compact) falls under `ref`: it starts with the reference, or its prefix
 * of the reference's length lies between `from` and `to`.
 */
export function refCovers(ref: CodeRef, code: string): boolean {
  const compact = code.replace('.', '');
  if (ref.from === ref.to) {
    return compact.startsWith(ref.from);
  }
  const lo = compact.slice(0, ref.from.length);
  const hi = compact.slice(0, ref.to.length);
  return lo >= ref.from && hi <= ref.to;
}
