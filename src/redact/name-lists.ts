import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';

/** The name lists the redactor reads (see `dictionaries/phi/README.md` for their origin). */
export interface NameLists {
  /** First names, title case ("Maria"), most frequent first. */
  readonly first: readonly string[];
  /** Surnames, title case, most frequent first. */
  readonly last: readonly string[];
}

/** The shipped lists' folder. */
export function defaultNameListDir(): string {
  return join(packageRoot(), 'dictionaries', 'phi');
}

function readList(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw createError('LEXICON_INVALID', 'the PHI name list cannot be read', { file }, err);
  }
  const names: string[] = [];
  text.split('\n').forEach((line, i) => {
    const name = line.trim();
    if (name === '') {
      return;
    }
    if (!/^[A-Z][a-z'-]*$/.test(name)) {
      throw createError('LEXICON_INVALID', 'a name list line is not one title-case name', {
        file,
        line: i + 1,
      });
    }
    names.push(name);
  });
  if (names.length === 0) {
    throw createError('LEXICON_INVALID', 'the PHI name list is empty', { file });
  }
  return names;
}

/**
 * Reads `first-names.txt` and `surnames.txt`.
 * @param dir - the folder holding them (default: the shipped `dictionaries/phi`)
 * @throws LEXICON_INVALID naming the file and line
 */
export function loadNameLists(dir: string = defaultNameListDir()): NameLists {
  return {
    first: readList(join(dir, 'first-names.txt')),
    last: readList(join(dir, 'surnames.txt')),
  };
}
