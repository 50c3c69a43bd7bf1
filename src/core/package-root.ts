import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of notecoder's own `package.json` (the repository, or the installed package), found by
 * walking up from this module: the same answer from `src/` under a test runner and from `dist/`.
 */
export function packageRoot(): string {
  if (cached !== undefined) {
    return cached;
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'dictionaries'))) {
    const up = dirname(dir);
    if (up === dir) {
      throw new Error('cannot find the notecoder package root');
    }
    dir = up;
  }
  cached = dir;
  return dir;
}

/** The folder of the team-written lexicons shipped with notecoder. */
export function lexiconDir(): string {
  return join(packageRoot(), 'dictionaries', 'lexicon');
}
