import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

/**
 * Records every file the page was built from (each module of the bundle, this config and the
 * lockfile) with its SHA-256 in `dist/web-inputs.json`, outside the served folder: `npm run build`
 * (scripts/build.js) skips the page while none of them changed.
 */
function recordInputs(): Plugin {
  let inputs: string[] = [];
  return {
    name: 'notecoder-record-inputs',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = new Set([fileURLToPath(import.meta.url), join(root, 'package-lock.json')]);
      for (const out of Object.values(bundle)) {
        if (out.type === 'chunk') {
          for (const id of Object.keys(out.modules)) {
            const file = id.split('?')[0] ?? id;
            if (isAbsolute(file) && existsSync(file)) {
              files.add(file);
            }
          }
        }
      }
      inputs = [...files].sort();
    },
    closeBundle() {
      const record = join(root, 'dist', 'web-inputs.json');
      mkdirSync(dirname(record), { recursive: true });
      const hashes = Object.fromEntries(
        inputs.map((f) => [
          relative(root, f),
          createHash('sha256').update(readFileSync(f)).digest('hex'),
        ]),
      );
      writeFileSync(record, `${JSON.stringify({ inputs: hashes }, null, 2)}\n`);
    },
  };
}

// The coder's page: built into dist/web, served by `notecoder serve` at `/`. Everything is bundled:
// no CDN, nothing fetched at run time but the job API.
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: join(root, 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  plugins: [recordInputs()],
  logLevel: 'warn',
});
