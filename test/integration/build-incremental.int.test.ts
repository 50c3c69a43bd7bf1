import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

// `npm test` builds first (pretest), so everything is up to date here: `npm run build` (what
// `npm start` runs) must then rewrite nothing — no TypeScript emitted, no page bundled.
const OUTPUTS = [
  'dist/src/cli/main.js',
  'dist/src/core/types.js',
  'dist/tsconfig.build.tsbuildinfo',
  'dist/web/index.html',
  'dist/web-inputs.json',
];

describe('npm run build builds only what changed', () => {
  it('right after a build, a second one rewrites no output', async () => {
    const before = OUTPUTS.map((f) => statSync(join(ROOT, f)).mtimeMs);
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npm',
        ['run', 'build', '--silent'],
        { cwd: ROOT, timeout: 300_000 },
        (error, stdout, stderr) => {
          resolve({ code: error === null ? 0 : 1, stdout, stderr });
        },
      );
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('page up to date');
    expect(OUTPUTS.map((f) => statSync(join(ROOT, f)).mtimeMs)).toEqual(before);
  });

  it('the page records every file it was bundled from', () => {
    const { inputs } = JSON.parse(readFileSync(join(ROOT, 'dist', 'web-inputs.json'), 'utf8')) as {
      inputs: Record<string, string>;
    };
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([
        'package-lock.json',
        'src/web/index.html',
        'src/web/main.ts',
        'src/web/render-results.ts',
        'src/web/styles.css',
        'src/web/vite.config.ts',
      ]),
    );
    for (const hash of Object.values(inputs)) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
