// Whether the coder's page in dist/web was built from exactly the files there now: every input Vite
// recorded in dist/web-inputs.json (src/web/vite.config.ts writes it) still has the recorded SHA-256.
// Used by scripts/build.js; `node scripts/page-up-to-date.js [root]` exits 0 when up to date, 1 if not.
/* global process, URL */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} root - the project folder (holding dist/ and the recorded inputs)
 * @returns {boolean} false when dist/web/index.html or the record is missing, unreadable or empty, or
 *   any recorded input is gone or changed
 */
export function pageUpToDate(root) {
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) {
    return false;
  }
  let inputs;
  try {
    ({ inputs } = JSON.parse(readFileSync(join(root, 'dist', 'web-inputs.json'), 'utf8')));
  } catch {
    return false;
  }
  const files = Object.entries(inputs ?? {});
  return (
    files.length > 0 &&
    files.every(([file, hash]) => {
      const path = join(root, file);
      return (
        existsSync(path) && createHash('sha256').update(readFileSync(path)).digest('hex') === hash
      );
    })
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(
    pageUpToDate(resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)))) ? 0 : 1,
  );
}
