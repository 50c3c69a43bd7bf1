import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Hand-made fixtures in the official formats. */
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** The shipped team lexicon. */
export const LEXICON = join(ROOT, 'dictionaries', 'lexicon');
/** The compiled CLI. */
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Path of a fixture file. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** A fresh temporary folder and a function that removes it. */
export function tempDir(prefix = 'notecoder-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
