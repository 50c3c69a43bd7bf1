// `npm run build`: builds only what changed, so `npm start` right after `npm install` starts at once.
// - TypeScript: `tsc -b` on tsconfig.build.json (incremental; its state is dist/tsconfig.build.tsbuildinfo):
//   nothing changed → about a second, one file changed → only what depends on it is checked and emitted.
// - The page: Vite runs only when a file it was built from (as recorded by src/web/vite.config.ts in
//   dist/web-inputs.json, with content hashes) differs, or dist/web is missing.
// `--force` rebuilds both from scratch. Plain JavaScript: it runs before anything is compiled.
/* global process, console, URL */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageUpToDate } from './page-up-to-date.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');

const tsc = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-b',
    join(root, 'tsconfig.build.json'),
    ...(force ? ['--force'] : []),
  ],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) {
  process.exit(tsc.status ?? 1);
}
// The `notecoder` bin: npm links it at install, before `prepare` has compiled it, so the mode it gets
// there depends on the order of events; a fresh build makes it executable itself.
const bin = join(root, 'dist', 'src', 'cli', 'main.js');
if (existsSync(bin)) {
  chmodSync(bin, 0o755);
}

if (!force && pageUpToDate(root)) {
  if (!quiet) {
    console.log('page up to date (dist/web)');
  }
} else {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'src', 'web', 'vite.config.ts') });
}
