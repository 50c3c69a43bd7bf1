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

/** The titles from the main term down to `node`. */
function pathTitles(file: IndexFile, node: number): string[] {
  const titles: string[] = [];
  for (let n = node; n >= 0; n = file.nodes[n]?.parent ?? -1) {
    titles.unshift(file.nodes[n]?.title ?? '');
  }
  return titles;
}

/**
 * The keys a see-reference may use for a term's path: the full path, and the path with the main term
 * cut to its first variant ("Hypertension, hypertensive" is referred to as "Hypertension").
 */
function pathKeys(file: IndexFile, node: number): string[] {
  const titles = pathTitles(file, node);
  const full = pathKey(titles.join(', '));
  const main = titles[0] ?? '';
  const comma = main.indexOf(',');
  if (comma < 0) {
    return [full];
  }
  return [full, pathKey([main.slice(0, comma), ...titles.slice(1)].join(', '))];
}

/** The path of a sub-term whose title has a comma, cut there; undefined for other terms. */
function cutPathKey(file: IndexFile, node: number): string | undefined {
  const title = file.nodes[node]?.title ?? '';
  const parent = file.nodes[node]?.parent ?? -1;
  const comma = title.indexOf(',');
  if (parent < 0 || comma < 0) {
    return undefined;
  }
  return pathKey([...pathTitles(file, parent), title.slice(0, comma)].join(', '));
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

/** The merge in progress: the table, what is counted, and the codes the order file has. */
interface Merge {
  readonly table: IcdTable;
  readonly counts: IcdMergeReport['counts'];
  readonly mismatch: BuildSummary['mismatch'];
  readonly exists: Set<string>;
}

/** Notes a sample of what was dropped (20 at most). */
function dropped(merge: Merge, what: string): void {
  if (merge.mismatch.droppedSamples.length < 20) {
    merge.mismatch.droppedSamples.push(what);
  }
}

function startMerge(order: readonly OrderRow[], tabular: TabularList | undefined): Merge {
  return {
    counts: {
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
    },
    mismatch: {
      tabularCodesNotInOrderFile: 0,
      orderCodesWithoutTabularEntry: 0,
      indexEntriesDropped: 0,
      droppedSamples: [],
    },
    table: {
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
    },
    exists: new Set<string>(),
  };
}

/** The order file's codes, billable flags and titles (a short title equal to the long one is left out). */
function addOrderRows(merge: Merge, order: readonly OrderRow[]): void {
  const { table, counts, exists } = merge;
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
}

/** The Tabular List's notes and 7th characters, on the codes the order file has. */
function attachTabular(merge: Merge, tabular: TabularList): void {
  const { table, counts, mismatch, exists } = merge;
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
      dropped(merge, `tabular ${diag.code}`);
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

/** The index entries being packed: parallel lists, one item per term node, entry or see-reference. */
interface IndexLists {
  readonly columnIds: Map<string, number>;
  readonly kinds: string[];
  readonly parents: number[];
  readonly entryTerms: number[];
  readonly columns: number[];
  readonly seeTerms: number[];
  readonly seeAlso: string[];
  /** Index paths that lead to a code, for see-references (see {@link resolveSeeReferences}). */
  readonly pathCodes: Map<string, string>;
  /**
   * The same paths with the last sub-term cut at its first comma ("Injury, intracranial, subdural
   * hemorrhage, traumatic" as "… subdural hemorrhage", which is how "Hematoma, subdural" refers to it);
   * null where two codes share the cut path.
   */
  readonly cutPathCodes: Map<string, string | null>;
  readonly pendingSee: { term: number; target: string }[];
}

function pushEntry(
  merge: Merge,
  lists: IndexLists,
  term: number,
  code: string,
  kind: string,
  column: number,
): number {
  lists.entryTerms.push(term);
  merge.table.index.codes.push(code);
  lists.kinds.push(kind);
  lists.columns.push(column);
  return lists.entryTerms.length - 1;
}

/** A table column's number, numbered on first sight. */
function columnId(merge: Merge, lists: IndexLists, column: string | undefined): number {
  if (column === undefined) {
    return -1;
  }
  let id = lists.columnIds.get(column) ?? -1;
  if (id < 0) {
    id = merge.table.index.columnNames.length;
    merge.table.index.columnNames.push(column);
    lists.columnIds.set(column, id);
  }
  return id;
}

/** One index or table file: its term tree, its entries on codes the order file has, its see-references. */
function addIndexFile(merge: Merge, lists: IndexLists, file: IndexFile): void {
  const { table, counts, mismatch, exists } = merge;
  // Term trees of several files share one numbering: offset this file's node numbers.
  const base = table.index.terms.length;
  for (const node of file.nodes) {
    table.index.terms.push(node.title);
    lists.parents.push(node.parent < 0 ? -1 : node.parent + base);
  }
  for (const entry of file.entries) {
    const code = canonicalIcd(entry.code.replace(/[.-]+$/, ''));
    if (code === undefined || !exists.has(code)) {
      mismatch.indexEntriesDropped++;
      dropped(merge, `${file.kind} "${entry.phrase}" → ${entry.code}`);
      continue;
    }
    if (file.kind === 'index' && entry.column === undefined) {
      for (const key of pathKeys(file, entry.node)) {
        if (!lists.pathCodes.has(key)) {
          lists.pathCodes.set(key, code);
        }
      }
      const cut = cutPathKey(file, entry.node);
      if (cut !== undefined) {
        const seen = lists.cutPathCodes.get(cut);
        lists.cutPathCodes.set(cut, seen === undefined || seen === code ? code : null);
      }
    }
    const column = columnId(merge, lists, entry.column);
    const n = pushEntry(merge, lists, entry.node + base, code, KIND_CHAR[file.kind], column);
    if (entry.manif !== undefined) {
      table.index.manif[String(n)] = entry.manif;
    }
    counts.indexPhrases++;
    counts.indexByKind[file.kind]++;
  }
  for (const ref of file.seeRefs) {
    lists.seeTerms.push(ref.node + base);
    table.seeRefs.targets.push(ref.target);
    lists.seeAlso.push(ref.also ? '1' : '0');
    counts.seeReferences++;
    if (!ref.also && file.kind === 'index') {
      lists.pendingSee.push({ term: ref.node + base, target: ref.target });
    }
  }
}

/**
 * "Abdominalgia — see Pain, abdominal": a see-reference whose target is itself an index path with a
 * code becomes an entry of its own, so the words of the referring term lead to the code too.
 */
function resolveSeeReferences(merge: Merge, lists: IndexLists): void {
  for (const see of lists.pendingSee) {
    const key = pathKey(see.target);
    const code = lists.pathCodes.get(key) ?? lists.cutPathCodes.get(key) ?? undefined;
    if (code !== undefined) {
      pushEntry(merge, lists, see.term, code, KIND_CHAR.index, -1);
      merge.counts.seeReferencesResolved++;
    }
  }
}

/** The index and table files merged into one term tree, their lists packed. */
function addIndexes(merge: Merge, indexes: readonly IndexFile[]): void {
  const lists: IndexLists = {
    columnIds: new Map(),
    kinds: [],
    parents: [],
    entryTerms: [],
    columns: [],
    seeTerms: [],
    seeAlso: [],
    pathCodes: new Map(),
    cutPathCodes: new Map(),
    pendingSee: [],
  };
  for (const file of indexes) {
    addIndexFile(merge, lists, file);
  }
  resolveSeeReferences(merge, lists);
  const { table } = merge;
  table.index.kinds = lists.kinds.join('');
  table.index.parents = packInt32(lists.parents);
  table.index.entryTerms = packInt32(lists.entryTerms);
  table.index.columns = packInt32(lists.columns);
  table.seeRefs = {
    terms: packInt32(lists.seeTerms),
    targets: table.seeRefs.targets,
    also: lists.seeAlso.join(''),
  };
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
  const merge = startMerge(order, tabular);
  addOrderRows(merge, order);
  if (tabular) {
    attachTabular(merge, tabular);
  }
  addIndexes(merge, indexes);
  return { table: merge.table, report: { counts: merge.counts, mismatch: merge.mismatch } };
}
