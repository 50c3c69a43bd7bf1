import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A short content hash of the team lexicon folder, recorded in every result's versions. */
export function lexiconVersion(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    hash.update(name);
    hash.update(readFileSync(join(dir, name)));
  }
  return `lexicon-${hash.digest('hex').slice(0, 12)}`;
}
