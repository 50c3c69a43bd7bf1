import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalIcd } from '../../src/codes/code-format.js';
import { createError } from '../../src/core/errors.js';
import type { Dataset, GoldCode, LabeledNote, ReadOptions } from './dataset-types.js';

/** True when `dir` looks like a CodiEsp split: `text_files_en/` and a `*D.tsv`. */
export function isCodiespSplit(dir: string): boolean {
  return existsSync(join(dir, 'text_files_en')) && readdirSync(dir).some((f) => /D\.tsv$/.test(f));
}

/**
 * Reads a CodiEsp split (`<split>/text_files_en/*.txt` + `<split>/<split>D.tsv`). Diagnosis codes are
 * normalised (`n44.8` → `N44.8`) and kept as given, even when the code set does not know them. The
 * P file holds ICD-10-PCS procedure codes, which notecoder does not propose: it is not scored.
 * @param dir - the split folder
 * @throws NotecoderError DATASET_INVALID naming file and line (unless lenient)
 */
export function readCodiesp(dir: string, options: ReadOptions = {}): Dataset {
  const warnings: string[] = [];
  const fail = (message: string, file: string, line?: number): void => {
    const err = createError('DATASET_INVALID', message, {
      file,
      ...(line === undefined ? {} : { line }),
    });
    if (!options.lenient) {
      throw err;
    }
    warnings.push(err.message);
  };
  const textDir = join(dir, 'text_files_en');
  const dFile = readdirSync(dir).find((f) => /D\.tsv$/.test(f));
  if (!existsSync(textDir) || dFile === undefined) {
    throw createError(
      'DATASET_INVALID',
      'not a CodiEsp split: expected text_files_en/ and <split>D.tsv',
      { file: dir },
    );
  }
  const texts = new Map<string, string>();
  for (const name of readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    texts.set(name.slice(0, -4), readFileSync(join(textDir, name), 'utf8'));
  }
  const gold = new Map<string, GoldCode[]>();
  const dPath = join(dir, dFile);
  readFileSync(dPath, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '') {
        return;
      }
      const [id = '', rawCode = '', extra] = line.split('\t');
      const code = canonicalIcd(rawCode);
      if (extra !== undefined || code === undefined) {
        fail(`expected "<articleID><TAB><code>", got "${line.slice(0, 60)}"`, dPath, i + 1);
        return;
      }
      if (!texts.has(id)) {
        fail(`unknown article id "${id}": no text_files_en/${id}.txt`, dPath, i + 1);
        return;
      }
      const list = gold.get(id) ?? [];
      if (!list.some((g) => g.code === code)) {
        list.push({ system: 'ICD-10-CM', code });
      }
      gold.set(id, list);
    });
  const notes: LabeledNote[] = [...texts].map(([id, text]) => ({
    id,
    text,
    gold: gold.get(id) ?? [],
  }));
  if (notes.length === 0) {
    throw createError('DATASET_INVALID', 'no text files in text_files_en/', { file: textDir });
  }
  return { name: `codiesp/${basename(dir)}`, format: 'codiesp', notes, warnings };
}
