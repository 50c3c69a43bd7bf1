import { existsSync, readFileSync } from 'node:fs';
import { createError } from '../core/errors.js';
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type CodeSetArtifact } from './artifact-types.js';

/**
 * Reads a compiled artifact from disk.
 * @throws NotecoderError CODESET_NOT_BUILT when the file is missing, CODESET_ARTIFACT_INVALID when unreadable
 */
export function readArtifact(path: string): CodeSetArtifact {
  if (!existsSync(path)) {
    throw createError(
      'CODESET_NOT_BUILT',
      'no compiled code set here: run `notecoder dict build` first',
      {
        file: path,
      },
    );
  }
  let artifact: Partial<CodeSetArtifact>;
  try {
    // The writer escapes all non-ASCII, so latin1 decoding is exact (and much faster than UTF-8).
    artifact = JSON.parse(readFileSync(path).toString('latin1')) as Partial<CodeSetArtifact>;
  } catch (err) {
    throw createError(
      'CODESET_ARTIFACT_INVALID',
      'the compiled code set is not valid JSON: rebuild it',
      { file: path },
      err,
    );
  }
  if (artifact.format !== ARTIFACT_FORMAT || artifact.formatVersion !== ARTIFACT_VERSION) {
    throw createError(
      'CODESET_ARTIFACT_INVALID',
      `not a notecoder code set of format version ${ARTIFACT_VERSION}: rebuild it with \`notecoder dict build\``,
      { file: path },
    );
  }
  return artifact as CodeSetArtifact;
}
