import { createError } from '../../core/errors.js';
import { canonicalCpt } from '../code-format.js';
import type { CptEntry, CptLexicon } from './cpt-types.js';

/**
 * Parses a licensed CPT file the user owns: one `code<TAB>descriptor` per line (further columns are
 * ignored; a first line whose code column is not a code is taken as a header; `#` lines are comments).
 * @param text - the file content
 * @param file - display name used in errors
 * @throws NotecoderError CPT_FILE_LINE_INVALID naming file and line
 */
export function parseLicensedCpt(text: string, file: string): Map<string, string> {
  const descriptors = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '' || raw.startsWith('#')) {
      continue;
    }
    const [rawCode = '', descriptor = ''] = raw.split('\t');
    const code = canonicalCpt(rawCode);
    if (code === undefined) {
      if (descriptors.size === 0 && /code/i.test(rawCode)) {
        continue; // header row
      }
      throw createError('CPT_FILE_LINE_INVALID', `"${rawCode.trim()}" is not a CPT code`, {
        file,
        line: i + 1,
      });
    }
    if (descriptor.trim() === '') {
      throw createError('CPT_FILE_LINE_INVALID', 'no tab-separated descriptor after the code', {
        file,
        line: i + 1,
      });
    }
    descriptors.set(code, descriptor.trim());
  }
  return descriptors;
}

/**
 * Overlays licensed descriptors on the team lexicon: known codes show the licensed descriptor and keep
 * our own triggers and modifiers; codes only in the licensed file are added with `source: licensed`.
 */
export function applyLicensedCpt(
  lexicon: CptLexicon,
  descriptors: ReadonlyMap<string, string>,
): CptLexicon {
  const entries: CptEntry[] = lexicon.entries.map((entry) => {
    const licensed = descriptors.get(entry.code);
    return licensed === undefined ? entry : { ...entry, description: licensed, source: 'licensed' };
  });
  const known = new Set(lexicon.entries.map((entry) => entry.code));
  for (const [code, descriptor] of descriptors) {
    if (!known.has(code)) {
      entries.push({
        code,
        category: '',
        description: descriptor,
        ownDescription: '',
        modifiers: [],
        triggers: [],
        attributes: {},
        source: 'licensed',
      });
    }
  }
  return { ...lexicon, entries };
}
