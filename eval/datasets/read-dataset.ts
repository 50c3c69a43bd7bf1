import { existsSync, readFileSync, statSync } from 'node:fs';
import { candidateSystems, canonicalCode } from '../../src/codes/code-format.js';
import { createError } from '../../src/core/errors.js';
import type { Dataset, ReadOptions } from './dataset-types.js';
import { isCodiespSplit, readCodiesp } from './read-codiesp.js';
import { readJsonl } from './read-jsonl.js';

/** The dataset formats `notecoder eval` reads. */
export type DatasetFormat = 'codiesp' | 'jsonl';

/**
 * Reads a labeled dataset, detecting its format when not given: a folder with `text_files_en/` is a
 * CodiEsp split, a file is JSONL.
 * @throws NotecoderError DATASET_INVALID
 */
export function readDataset(
  path: string,
  format?: DatasetFormat,
  options: ReadOptions = {},
): Dataset {
  if (!existsSync(path)) {
    throw createError('DATASET_INVALID', 'no such file or directory', { file: path });
  }
  const detected =
    format ??
    (statSync(path).isDirectory() ? (isCodiespSplit(path) ? 'codiesp' : undefined) : 'jsonl');
  if (detected === undefined) {
    throw createError(
      'DATASET_INVALID',
      'cannot tell the format: a CodiEsp split folder holds text_files_en/ and <split>D.tsv; pass --format',
      { file: path },
    );
  }
  return detected === 'codiesp' ? readCodiesp(path, options) : readJsonl(path, options);
}

/**
 * Reads a `--score-only` list: one code per line, `#` comments. Codes are canonicalised in every system
 * their shape fits (71046 as CPT, J90 as ICD-10-CM).
 * @returns keys `SYSTEM|CODE`
 */
export function readScoreOnly(file: string): Set<string> {
  if (!existsSync(file)) {
    throw createError('DATASET_INVALID', 'no such file', { file });
  }
  const keys = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') {
        return;
      }
      const systems = candidateSystems(line);
      if (systems.length === 0) {
        throw createError('DATASET_INVALID', `"${line}" is not an ICD-10-CM, CPT or HCPCS code`, {
          file,
          line: i + 1,
        });
      }
      for (const system of systems) {
        keys.add(`${system}|${canonicalCode(line, system)}`);
      }
    });
  return keys;
}
