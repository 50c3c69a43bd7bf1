import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CodeSetArtifact } from './artifact-types.js';

/**
 * Writes the artifact atomically: to a temporary file beside the target, then renamed over it, so a
 * crash or a full disk never leaves a half-written code set that a later start would load.
 * @returns the number of bytes written
 */
export function writeArtifact(path: string, artifact: CodeSetArtifact): number {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  // Escape non-ASCII so the file is pure ASCII: loading then decodes it as latin1, 3x faster than UTF-8.
  const json = JSON.stringify(artifact).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  try {
    writeFileSync(tmp, json);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return Buffer.byteLength(json);
}
