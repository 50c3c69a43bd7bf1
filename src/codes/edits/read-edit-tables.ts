import { readSourceEntries, type SourceEntry } from '../source-files.js';
import type { EditTable, EditTables } from './edit-tables.js';
import { parseAddons } from './parse-addons.js';
import { parseMue } from './parse-mue.js';
import { parsePtp } from './parse-ptp.js';

/** Where the user's CMS edit files are: files or folders (plain, .gz or .zip), each optional. */
export interface EditSources {
  readonly mue?: readonly string[];
  readonly ncci?: readonly string[];
  readonly addons?: readonly string[];
}

const TABLE_FILE = /\.(csv|txt|tsv|xlsx?)$/;

function table<T>(
  paths: readonly string[] | undefined,
  parse: (entry: SourceEntry) => T[],
): EditTable<T> | undefined {
  if (paths === undefined || paths.length === 0) {
    return undefined;
  }
  const entries = readSourceEntries(paths).filter(
    (e) => TABLE_FILE.test(e.fileName) && !/readme/i.test(e.fileName),
  );
  if (entries.length === 0) {
    return undefined;
  }
  return {
    // The file names are the versions: CMS names each release in them (…_Eff_01-01-2026, v321r0, 2026Q1).
    source: entries.map((e) => e.name.split(/[\\/]/).pop() ?? e.name).join(', '),
    rows: entries.flatMap(parse),
  };
}

/**
 * Reads the CMS edit tables a user supplied, in their official layouts: the practitioner MUE table, the
 * NCCI procedure-to-procedure edits, the add-on code lists.
 * @throws NotecoderError SOURCE_NOT_FOUND, EDIT_FILE_INVALID naming the file and line
 */
export function readEditTables(sources: EditSources): EditTables | undefined {
  const mue = table(sources.mue, parseMue);
  const ptp = table(sources.ncci, parsePtp);
  const addons = table(sources.addons, parseAddons);
  if (mue === undefined && ptp === undefined && addons === undefined) {
    return undefined;
  }
  return {
    ...(mue === undefined ? {} : { mue }),
    ...(ptp === undefined ? {} : { ptp }),
    ...(addons === undefined ? {} : { addons }),
  };
}
