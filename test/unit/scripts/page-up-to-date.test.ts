import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers/fixtures.js';

const SCRIPT = join(ROOT, 'scripts', 'page-up-to-date.js');

/** Exit status of `node scripts/page-up-to-date.js root`: 0 up to date, 1 stale. */
function check(root: string): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, root], (error) => {
      resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : -1);
    });
  });
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('scripts/page-up-to-date.js (npm run build skips the page while its inputs are unchanged)', () => {
  let t: { dir: string; cleanup: () => void };
  const write = (file: string, text: string): void => {
    mkdirSync(join(t.dir, file, '..'), { recursive: true });
    writeFileSync(join(t.dir, file), text);
  };
  beforeEach(() => {
    t = tempDir();
    write('src/web/main.ts', 'export const a = 1;\n');
    write('src/web/styles.css', 'body { margin: 0; }\n');
    write('dist/web/index.html', '<!doctype html>');
    write(
      'dist/web-inputs.json',
      JSON.stringify({
        inputs: {
          'src/web/main.ts': sha('export const a = 1;\n'),
          'src/web/styles.css': sha('body { margin: 0; }\n'),
        },
      }),
    );
  });
  afterEach(() => {
    t.cleanup();
  });

  it('up to date when every recorded input has its recorded hash, even with a newer mtime', async () => {
    write('src/web/main.ts', 'export const a = 1;\n');
    expect(await check(t.dir)).toBe(0);
  });

  it('stale when an input changed', async () => {
    write('src/web/styles.css', 'body { margin: 1px; }\n');
    expect(await check(t.dir)).toBe(1);
  });

  it('stale when an input is gone, the page is missing, or the record is missing or broken', async () => {
    rmSync(join(t.dir, 'src/web/main.ts'));
    expect(await check(t.dir)).toBe(1);
    write('src/web/main.ts', 'export const a = 1;\n');
    rmSync(join(t.dir, 'dist/web/index.html'));
    expect(await check(t.dir)).toBe(1);
    write('dist/web/index.html', '<!doctype html>');
    write('dist/web-inputs.json', '{"inputs": {}}');
    expect(await check(t.dir)).toBe(1);
    write('dist/web-inputs.json', '{"inputs": ');
    expect(await check(t.dir)).toBe(1);
    rmSync(join(t.dir, 'dist/web-inputs.json'));
    expect(await check(t.dir)).toBe(1);
  });
});
