import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../../core/errors.js';
import { canonicalCpt } from '../code-format.js';
import { readTsv } from '../read-tsv.js';
import type { CptEntry, CptLexicon } from './cpt-types.js';

function splitList(value: string | undefined, separator: string): string[] {
  return (value ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseAttributes(value: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of splitList(value, ';')) {
    const [key, val] = pair.split('=');
    if (key !== undefined && val !== undefined) {
      attributes[key.trim()] = val.trim();
    }
  }
  return attributes;
}

/**
 * Loads the team-written CPT lexicon (`cpt.tsv`, `cpt-modifiers.tsv`) from a folder. The E/M level
 * tables (`em-levels.tsv`) are pipeline knowledge, loaded by `loadKnowledge`.
 * @param dir - the lexicon folder (normally `dictionaries/lexicon`)
 * @throws NotecoderError LEXICON_INVALID naming file and line
 */
export function loadCptLexicon(dir: string): CptLexicon {
  const read = (name: string): [string, string] => {
    const file = join(dir, name);
    return [readFileSync(file, 'utf8'), file];
  };
  const [cptText, cptFile] = read('cpt.tsv');
  const entries: CptEntry[] = [];
  const seen = new Set<string>();
  for (const row of readTsv(cptText, cptFile, 'LEXICON_INVALID', [
    'code',
    'category',
    'description',
  ])) {
    const code = canonicalCpt(row.cells.code ?? '');
    if (code === undefined || seen.has(code)) {
      throw createError('LEXICON_INVALID', `bad or repeated CPT code "${row.cells.code ?? ''}"`, {
        file: cptFile,
        line: row.line,
      });
    }
    seen.add(code);
    const description = row.cells.description ?? '';
    entries.push({
      code,
      category: row.cells.category ?? '',
      description,
      ownDescription: description,
      modifiers: splitList(row.cells.modifiers, ','),
      triggers: splitList(row.cells.triggers, '|'),
      attributes: parseAttributes(row.cells.attributes),
      source: 'lexicon',
    });
  }

  const [modText, modFile] = read('cpt-modifiers.tsv');
  const modifiers: Record<string, string> = {};
  for (const row of readTsv(modText, modFile, 'LEXICON_INVALID', ['modifier', 'description'])) {
    modifiers[row.cells.modifier ?? ''] = row.cells.description ?? '';
  }
  return { entries, modifiers };
}
