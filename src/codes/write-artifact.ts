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
  const json = JSON.stringify(artifact);
  try {
    writeFileSync(tmp, json);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return Buffer.byteLength(json);
}
