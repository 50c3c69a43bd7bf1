/**
 * Process-wide numbers for stems. The dictionary matcher and the learned associations number the stems
 * they know when they are built; a note's tokens carry the number of their stem (−1 for a stem nothing
 * knows), so matching reads arrays instead of hashing every word of every note once per stage. Notes
 * never add numbers: the table holds only what dictionaries and models were built from.
 */
const ids = new Map<string, number>();
let version = 0;

/** The stem's number, given it if it has none (at build time only). */
export function internStem(stem: string): number {
  let id = ids.get(stem);
  if (id === undefined) {
    id = ids.size;
    ids.set(stem, id);
    version++;
  }
  return id;
}

/** The stem's number, −1 when nothing was built with it. */
export function stemIdOf(stem: string): number {
  return ids.get(stem) ?? -1;
}

/** How many stems are numbered: every number is below it. */
export function stemIdCount(): number {
  return ids.size;
}

/** Changes whenever a stem is numbered (cached look-ups made before are then redone). */
export function stemIdVersion(): number {
  return version;
}
