import type { TsvRow } from '../../../codes/read-tsv.js';
import { createError } from '../../../core/errors.js';
import {
  EM_FAMILIES,
  MDM_LEVELS,
  type CueWhere,
  type EmCue,
  type EmFamily,
  type EmKnowledge,
  type EmLevelRow,
  type EmProlongedRow,
  type MdmCue,
  type MdmLevel,
  type MdmWhere,
} from './em-types.js';

/** Reads a lexicon TSV by name, checking its header; `file` names it in errors. */
export type ReadLexicon = (name: string, required: string[]) => TsvRow[];

const CUE_VALUES: Readonly<Record<EmCue['kind'], readonly string[]>> = {
  family: ['office', 'ed', 'admission', 'progress', 'consult', 'discharge'],
  patient: ['new', 'established'],
  'not-encounter': [
    'operative',
    'report',
    'letter',
    'other-service',
    'preventive',
    'postoperative',
    'facility',
  ],
  encounter: ['history', 'evaluation'],
  time: ['visit', 'critical', 'discharge', 'exclude', 'planned'],
};
const CUE_WHERE: readonly CueWhere[] = [
  'heading',
  'first-heading',
  'history',
  'opening',
  'text',
  'sentence',
];
const MDM_CATEGORIES: Readonly<Record<MdmCue['element'], readonly string[]>> = {
  problem: [
    'severe',
    'severe-flare',
    'flare',
    'uncertain',
    'systemic',
    'complicated',
    'chronic',
    'chronic-unnamed',
    'minor',
  ],
  data: ['test', 'result', 'order', 'notes', 'historian', 'interpretation', 'discussion'],
  risk: ['high', 'moderate', 'low', 'otc', 'minimal'],
};
const MDM_WHERE: readonly MdmWhere[] = ['problem', 'management', 'data', 'heading', 'any'];

/**
 * Parses the E/M lexicons: `em-levels.tsv` (codes by family, MDM level and time), `em-cues.tsv`
 * (encounter, family, patient-type and time cues) and `em-mdm.tsv` (MDM element cues).
 * @param read - reads a lexicon file's rows
 * @param fileOf - the path of a lexicon file, for error messages
 * @throws NotecoderError LEXICON_INVALID naming the file and line of a bad row
 */
export function parseEmKnowledge(read: ReadLexicon, fileOf: (name: string) => string): EmKnowledge {
  const fail = (name: string, row: TsvRow, message: string): never => {
    throw createError('LEXICON_INVALID', message, { file: fileOf(name), line: row.line });
  };
  const regex = (name: string, row: TsvRow): RegExp => {
    try {
      return new RegExp(row.cells.pattern ?? '', 'gi');
    } catch {
      return fail(name, row, `pattern is not a valid regular expression`);
    }
  };
  const { levels, prolonged } = parseLevels(read, fail);
  const cues: EmCue[] = read('em-cues.tsv', ['kind', 'value', 'where', 'weight', 'pattern']).map(
    (row) => {
      const { kind, value, where } = row.cells;
      const values = CUE_VALUES[kind as EmCue['kind']] as readonly string[] | undefined;
      const weight = Number(row.cells.weight);
      if (values === undefined || !values.includes(value ?? '')) {
        return fail('em-cues.tsv', row, `unknown kind or value "${kind ?? ''}/${value ?? ''}"`);
      }
      if (!CUE_WHERE.includes(where as CueWhere) || !(weight >= 1 && weight <= 3)) {
        return fail('em-cues.tsv', row, `where must be one of ${CUE_WHERE.join('|')}, weight 1-3`);
      }
      return {
        kind: kind as EmCue['kind'],
        value: value ?? '',
        where: where as CueWhere,
        weight,
        pattern: regex('em-cues.tsv', row),
      };
    },
  );
  const mdm: MdmCue[] = read('em-mdm.tsv', ['element', 'category', 'name', 'where', 'pattern']).map(
    (row) => {
      const { element, category, name, where } = row.cells;
      const categories = MDM_CATEGORIES[element as MdmCue['element']] as
        readonly string[] | undefined;
      if (categories === undefined || !categories.includes(category ?? '')) {
        return fail('em-mdm.tsv', row, `unknown element or category "${element}/${category}"`);
      }
      if (!MDM_WHERE.includes(where as MdmWhere)) {
        return fail('em-mdm.tsv', row, `where must be one of ${MDM_WHERE.join('|')}`);
      }
      return {
        element: element as MdmCue['element'],
        category: category ?? '',
        name: name ?? '',
        where: where as MdmWhere,
        pattern: regex('em-mdm.tsv', row),
      };
    },
  );
  return { levels, prolonged, cues, mdm };
}

function parseLevels(
  read: ReadLexicon,
  fail: (name: string, row: TsvRow, message: string) => never,
): { levels: EmLevelRow[]; prolonged: EmProlongedRow[] } {
  const levels: EmLevelRow[] = [];
  const prolonged: EmProlongedRow[] = [];
  const file = 'em-levels.tsv';
  for (const row of read(file, ['family', 'code', 'mdm', 'minutes'])) {
    const family = row.cells.family as EmFamily;
    const code = row.cells.code ?? '';
    const mdm = (row.cells.mdm ?? '').split('|').filter((m) => m !== '');
    const minutes = row.cells.minutes === '' ? null : Number(row.cells.minutes);
    if (!EM_FAMILIES.includes(family) || !/^\d{5}$/.test(code)) {
      fail(file, row, `unknown family "${row.cells.family ?? ''}" or bad code "${code}"`);
    }
    if (minutes !== null && !(minutes >= 0)) {
      fail(file, row, 'minutes must be a number or empty');
    }
    if (mdm[0] === 'prolonged') {
      const step = Number(row.cells.step);
      if (minutes === null || !(step > 0)) {
        fail(file, row, 'a prolonged row needs minutes (first unit) and step');
      }
      prolonged.push({ family, code, firstAt: minutes, step });
      continue;
    }
    if (mdm.some((m) => !MDM_LEVELS.includes(m as MdmLevel))) {
      fail(file, row, `mdm must be ${MDM_LEVELS.join('|')} (several with |) or prolonged`);
    }
    levels.push({ family, code, mdm: mdm as MdmLevel[], minutes });
  }
  return { levels, prolonged };
}
