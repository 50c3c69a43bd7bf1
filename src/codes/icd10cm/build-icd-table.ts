import type { BuildSummary, IcdTable } from '../artifact-types.js';
import { canonicalIcd } from '../code-format.js';
import { packInt32 } from '../packed-ints.js';
import { parseCodeRefs } from './code-refs.js';
import type { IndexFile, IndexKind } from './parse-index.js';
import type { OrderRow } from './parse-order-file.js';
import type { TabularList, TabularNotes } from './tabular-types.js';

const KIND_CHAR: Readonly<Record<IndexKind, string>> = {
  index: 'i',
  neoplasm: 'n',
  drug: 'd',
  external: 'e',
};

/** An index path compared without nonessential modifiers, case or extra spaces. */
function pathKey(phrase: string): string {
  return phrase
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+,/g, ',')
    .trim()
    .toLowerCase();
}

/**
 * The keys a see-reference may use for a term's path: the full path, and the path with the main term
 * cut to its first variant ("Hypertension, hypertensive" is referred to as "Hypertension").
 */
function pathKeys(file: IndexFile, node: number): string[] {
  const titles: string[] = [];
  for (let n = node; n >= 0; n = file.nodes[n]?.parent ?? -1) {
    titles.unshift(file.nodes[n]?.title ?? '');
  }
  const full = pathKey(titles.join(', '));
  const main = titles[0] ?? '';
  const comma = main.indexOf(',');
  if (comma < 0) {
    return [full];
  }
  return [full, pathKey([main.slice(0, comma), ...titles.slice(1)].join(', '))];
}

/** What merging the release files found, for the build summary. */
export interface IcdMergeReport {
  counts: Pick<
    BuildSummary['counts'],
    | 'codes'
    | 'billable'
    | 'chapters'
    | 'sections'
    | 'inclusionTerms'
    | 'excludes1Notes'
    | 'excludes2Notes'
    | 'excludesPairs'
    | 'sevenChrDefinitions'
    | 'indexPhrases'
    | 'indexByKind'
    | 'seeReferences'
    | 'seeReferencesResolved'
  >;
  mismatch: BuildSummary['mismatch'];
}

function countNotes(notes: TabularNotes, into: IcdMergeReport['counts']): void {
  into.inclusionTerms += (notes.inclusionTerms?.length ?? 0) + (notes.includes?.length ?? 0);
  into.excludes1Notes += notes.excludes1?.length ?? 0;
  into.excludes2Notes += notes.excludes2?.length ?? 0;
  for (const note of [...(notes.excludes1 ?? []), ...(notes.excludes2 ?? [])]) {
    into.excludesPairs += parseCodeRefs(note).length;
  }
}

/**
 * Merges the order file (the truth for which codes exist and their titles) with the Tabular List and
 * the indexes, which may come from an older release: notes and index phrases attach only to codes
 * the order file has, and everything dropped is counted.
 * @param order - rows of the newest order file
 * @param tabular - the Tabular List, if one was given
 * @param indexes - index and table files
 */
export function buildIcdTable(
  order: readonly OrderRow[],
  tabular: TabularList | undefined,
  indexes: readonly IndexFile[],
): { table: IcdTable; report: IcdMergeReport } {
  const counts: IcdMergeReport['counts'] = {
    codes: order.length,
    billable: 0,
    chapters: tabular?.chapters.length ?? 0,
    sections: tabular?.sections.length ?? 0,
    inclusionTerms: 0,
    excludes1Notes: 0,
    excludes2Notes: 0,
    excludesPairs: 0,
    sevenChrDefinitions: 0,
    indexPhrases: 0,
    indexByKind: { index: 0, neoplasm: 0, drug: 0, external: 0 },
    seeReferences: 0,
    seeReferencesResolved: 0,
  };
  const mismatch: BuildSummary['mismatch'] = {
    tabularCodesNotInOrderFile: 0,
    orderCodesWithoutTabularEntry: 0,
    indexEntriesDropped: 0,
    droppedSamples: [],
  };
  const table: IcdTable = {
    codes: [],
    billable: '',
    shortTitles: [],
    longTitles: [],
    chapters: tabular?.chapters ?? [],
    sections: tabular?.sections ?? [],
    notes: {},
    sevenths: {},
    index: {
      terms: [],
      parents: '',
      entryTerms: '',
      codes: [],
      kinds: '',
      columns: '',
      columnNames: [],
      manif: {},
    },
    seeRefs: { terms: '', targets: [], also: '' },
  };
  const exists = new Set<string>();
  const billable: string[] = [];
  for (const row of order) {
    exists.add(row.code);
    table.codes.push(row.code);
    billable.push(row.billable ? '1' : '0');
    table.longTitles.push(row.longTitle);
    table.shortTitles.push(row.shortTitle === row.longTitle ? '' : row.shortTitle);
    if (row.billable) {
      counts.billable++;
    }
  }
  table.billable = billable.join('');

  const drop = (what: string): void => {
    if (mismatch.droppedSamples.length < 20) {
      mismatch.droppedSamples.push(what);
    }
  };

  if (tabular) {
    for (const chapter of tabular.chapters) {
      countNotes(chapter.notes, counts);
    }
    for (const section of tabular.sections) {
      countNotes(section.notes, counts);
    }
    const inTabular = new Set<string>();
    for (const diag of tabular.diags) {
      const code = canonicalIcd(diag.code);
      if (code === undefined || !exists.has(code)) {
        mismatch.tabularCodesNotInOrderFile++;
        drop(`tabular ${diag.code}`);
        continue;
      }
      inTabular.add(code);
      if (Object.keys(diag.notes).length > 0) {
        table.notes[code] = diag.notes;
        countNotes(diag.notes, counts);
      }
      if (diag.sevenths) {
        table.sevenths[code] = diag.sevenths;
        counts.sevenChrDefinitions++;
      }
    }
    // 7th-character codes (S72.001A) are never listed in the Tabular List: their base code is.
    const covered = (code: string): boolean => {
      if (inTabular.has(code)) {
        return true;
      }
      const compact = code.replace('.', '');
      if (compact.length !== 7) {
        return false;
      }
      const base = canonicalIcd(compact.slice(0, 6).replace(/X+$/, ''));
      return base !== undefined && inTabular.has(base);
    };
    mismatch.orderCodesWithoutTabularEntry = table.codes.filter((code) => !covered(code)).length;
  }

  const columnIds = new Map<string, number>();
  const kinds: string[] = [];
  const parents: number[] = [];
  const entryTerms: number[] = [];
  const columns: number[] = [];
  const seeTerms: number[] = [];
  const seeAlso: string[] = [];
  // "Abdominalgia — see Pain, abdominal": a see-reference whose target is itself an index path with a
  // code becomes an entry of its own, so the words of the referring term lead to the code too.
  const pathCodes = new Map<string, string>();
  const pendingSee: { term: number; target: string }[] = [];
  const pushEntry = (term: number, code: string, kind: string, column: number): number => {
    entryTerms.push(term);
    table.index.codes.push(code);
    kinds.push(kind);
    columns.push(column);
    return entryTerms.length - 1;
  };
  for (const file of indexes) {
    // Term trees of several files share one numbering: offset this file's node numbers.
    const base = table.index.terms.length;
    for (const node of file.nodes) {
      table.index.terms.push(node.title);
      parents.push(node.parent < 0 ? -1 : node.parent + base);
    }
    for (const entry of file.entries) {
      const code = canonicalIcd(entry.code.replace(/[.-]+$/, ''));
      if (code === undefined || !exists.has(code)) {
        mismatch.indexEntriesDropped++;
        drop(`${file.kind} "${entry.phrase}" → ${entry.code}`);
        continue;
      }
      if (file.kind === 'index' && entry.column === undefined) {
        for (const key of pathKeys(file, entry.node)) {
          if (!pathCodes.has(key)) {
            pathCodes.set(key, code);
          }
        }
      }
      let column = -1;
      if (entry.column !== undefined) {
        column = columnIds.get(entry.column) ?? -1;
        if (column < 0) {
          column = table.index.columnNames.length;
          table.index.columnNames.push(entry.column);
          columnIds.set(entry.column, column);
        }
      }
      const n = pushEntry(entry.node + base, code, KIND_CHAR[file.kind], column);
      if (entry.manif !== undefined) {
        table.index.manif[String(n)] = entry.manif;
      }
      counts.indexPhrases++;
      counts.indexByKind[file.kind]++;
    }
    for (const ref of file.seeRefs) {
      seeTerms.push(ref.node + base);
      table.seeRefs.targets.push(ref.target);
      seeAlso.push(ref.also ? '1' : '0');
      counts.seeReferences++;
      if (!ref.also && file.kind === 'index') {
        pendingSee.push({ term: ref.node + base, target: ref.target });
      }
    }
  }
  for (const see of pendingSee) {
    const code = pathCodes.get(pathKey(see.target));
    if (code !== undefined) {
      pushEntry(see.term, code, KIND_CHAR.index, -1);
      counts.seeReferencesResolved++;
    }
  }
  table.index.kinds = kinds.join('');
  table.index.parents = packInt32(parents);
  table.index.entryTerms = packInt32(entryTerms);
  table.index.columns = packInt32(columns);
  table.seeRefs = {
    terms: packInt32(seeTerms),
    targets: table.seeRefs.targets,
    also: seeAlso.join(''),
  };
  return { table, report: { counts, mismatch } };
}
