import { readFileSync } from 'node:fs';
import { createError } from '../core/errors.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  type BuildSummary,
  type CodeSetArtifact,
  type CodeSetVersions,
  type HcpcsTable,
  type IcdTable,
} from './artifact-types.js';
import { classifySource, yearFromName, type SourceKind } from './classify-source.js';
import { loadCptLexicon } from './cpt/load-cpt-lexicon.js';
import { applyLicensedCpt, parseLicensedCpt } from './cpt/load-licensed-cpt.js';
import { parseHcpcs, type HcpcsEntry } from './hcpcs/parse-hcpcs.js';
import { buildSearch } from './build-search.js';
import { buildIcdTable, type IcdMergeReport } from './icd10cm/build-icd-table.js';
import { loadCommonIcdLexicon, type CommonIcdEntry } from './icd10cm/load-common-lexicon.js';
import { parseIndex, type IndexFile, type IndexKind } from './icd10cm/parse-index.js';
import { parseOrderFile } from './icd10cm/parse-order-file.js';
import { parseTabular } from './icd10cm/parse-tabular.js';
import type { TabularList } from './icd10cm/tabular-types.js';
import { lexiconVersion } from './lexicon-version.js';
import { entryText, readSourceEntries, type SourceEntry } from './source-files.js';
import type { EditTables } from './edits/edit-tables.js';
import { readEditTables, type EditSources } from './edits/read-edit-tables.js';
import { writeArtifact } from './write-artifact.js';

/** Options of {@link buildCodeSet}. */
export interface BuildCodeSetOptions {
  /** Files or folders holding the ICD-10-CM release (plain, .gz or .zip). Empty only with `lexiconOnly`. */
  icd10cm: readonly string[];
  /** HCPCS Level II files (TSV or CMS fixed-width). */
  hcpcs?: readonly string[];
  /** A licensed CPT file (code<TAB>descriptor) the user owns. */
  cpt?: string;
  /** The user's CMS edit tables (MUE, NCCI PTP, add-on codes), compiled into the artifact. */
  edits?: EditSources;
  /** Where to write the artifact (a `.json` file path). */
  out: string;
  /** The team lexicon folder. */
  lexiconDir: string;
  /** Build from the team lexicon alone (no ICD-10-CM release available). */
  lexiconOnly?: boolean;
  /** Called as each step starts, for progress output. */
  onStep?: (step: string) => void;
}

const INDEX_KINDS: Partial<Record<SourceKind, IndexKind>> = {
  'icd10cm-index': 'index',
  'icd10cm-neoplasm': 'neoplasm',
  'icd10cm-drug': 'drug',
  'icd10cm-eindex': 'external',
};

interface Classified {
  entry: SourceEntry;
  kind: SourceKind;
  year: number | undefined;
}

/** What the build records as it goes: the source files and the warnings for the summary. */
interface BuildLog {
  readonly sources: BuildSummary['sources'];
  readonly warnings: string[];
  readonly step: (step: string) => void;
}

/** The ICD-10-CM release files found: the newest order file, Tabular List and index files, parsed. */
interface IcdSources {
  readonly classified: readonly Classified[];
  readonly orders: readonly Classified[];
  readonly order: Classified | undefined;
  readonly tabularEntry: Classified | undefined;
  readonly tabular: TabularList | undefined;
  readonly indexes: readonly IndexFile[];
  readonly usedIndex: ReadonlySet<Classified>;
}

/** Classifies the release files and parses the newest of each kind (the newest order file is the truth). */
function readIcdSources(options: BuildCodeSetOptions, log: BuildLog): IcdSources {
  log.step('reading release files');
  const classified: Classified[] = readSourceEntries(options.icd10cm).map((entry) => ({
    entry,
    kind: classifySource(entry),
    year: yearFromName(entry.name),
  }));
  const orders = classified.filter((c) => c.kind === 'icd10cm-order');
  if (orders.length === 0 && !options.lexiconOnly) {
    throw createError(
      'SOURCE_UNRECOGNISED',
      `no ICD-10-CM order file (icd10cm-order-YYYY.txt) found under ${options.icd10cm.join(', ')}`,
      { file: options.icd10cm.join(', ') },
    );
  }
  // The newest order file is the truth; older ones are reported and skipped.
  orders.sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
  const tabularEntry = newest(classified.filter((c) => c.kind === 'icd10cm-tabular'));
  let tabular: TabularList | undefined;
  if (tabularEntry) {
    log.step('parsing Tabular List');
    tabular = parseTabular(entryText(tabularEntry.entry), tabularEntry.entry.name);
  }
  const indexes: IndexFile[] = [];
  const usedIndex = new Set<Classified>();
  for (const kind of [
    'icd10cm-index',
    'icd10cm-neoplasm',
    'icd10cm-drug',
    'icd10cm-eindex',
  ] as const) {
    const chosen = newest(classified.filter((c) => c.kind === kind));
    if (chosen) {
      log.step(`parsing ${kind.replace('icd10cm-', '')}`);
      indexes.push(
        parseIndex(entryText(chosen.entry), chosen.entry.name, INDEX_KINDS[kind] ?? 'index'),
      );
      usedIndex.add(chosen);
    }
  }
  return { classified, orders, order: orders[0], tabularEntry, tabular, indexes, usedIndex };
}

/** The ICD-10-CM table: the release merged, or the team lexicon's common codes alone. */
function icdTable(
  sources: IcdSources,
  common: readonly CommonIcdEntry[],
  log: BuildLog,
): { icd: IcdTable; report: IcdMergeReport } {
  const { order, tabular, indexes } = sources;
  if (order) {
    log.step('merging ICD-10-CM');
    const merged = buildIcdTable(
      parseOrderFile(entryText(order.entry), order.entry.name),
      tabular,
      indexes,
    );
    return { icd: merged.table, report: merged.report };
  }
  log.warnings.push("no ICD-10-CM release loaded: only the team lexicon's common codes are known");
  const lexiconOnly = buildIcdTable(
    common.map((c) => ({
      code: c.code,
      billable: true,
      shortTitle: c.title,
      longTitle: c.title,
    })),
    undefined,
    [],
  );
  return { icd: lexiconOnly.table, report: lexiconOnly.report };
}

/** The release's fiscal years, as the artifact's versions record them. */
type ReleaseYears = Pick<
  CodeSetVersions,
  'lexiconOnly' | 'fiscalYear' | 'tabularYear' | 'indexYear' | 'tablesYear'
>;

/** The release's years, with a warning for each file that is missing or of another year. */
function releaseYears(sources: IcdSources, log: BuildLog): ReleaseYears {
  const { classified, orders, order, tabularEntry, tabular, indexes, usedIndex } = sources;
  for (const c of classified) {
    const used = c === order || c === tabularEntry || usedIndex.has(c);
    log.sources.push({ name: c.entry.name, kind: c.kind, year: c.year ?? null, used });
  }
  for (const c of orders.slice(1)) {
    log.warnings.push(`older order file ignored: ${c.entry.name}`);
  }
  const fiscalYear = order?.year ?? null;
  const tabularYear = tabular?.year ?? tabularEntry?.year ?? null;
  const indexYear = indexes.find((i) => i.kind === 'index')?.year ?? null;
  const tablesYear = indexes.find((i) => i.kind !== 'index')?.year ?? null;
  for (const [what, year] of [
    ['Tabular List', tabularYear],
    ['Alphabetic Index', indexYear],
  ] as const) {
    if (fiscalYear !== null && year !== null && year !== fiscalYear) {
      log.warnings.push(
        `${what} is FY${year}, the order file FY${fiscalYear}: notes and phrases attach only to codes that still exist (see mismatch)`,
      );
    }
  }
  if (order && !tabular) {
    log.warnings.push(
      'no Tabular List XML found: no inclusion terms, excludes or 7th-character definitions',
    );
  }
  if (order && !indexes.some((i) => i.kind === 'index')) {
    log.warnings.push('no Alphabetic Index XML found: search uses titles only');
  }
  return { lexiconOnly: !order, fiscalYear, tabularYear, indexYear, tablesYear };
}

/** The HCPCS Level II files: a folder may hold the CMS readme beside the data. */
function readHcpcs(
  options: BuildCodeSetOptions,
  log: BuildLog,
): { entries: HcpcsEntry[]; year: number | null } {
  log.step('reading HCPCS');
  const entries: HcpcsEntry[] = [];
  let year: number | null = null;
  const files = readSourceEntries(options.hcpcs ?? []);
  const recognised = files.filter((entry) => classifySource(entry) === 'hcpcs');
  // A lone unrecognised file is parsed to name its fault.
  for (const entry of recognised.length > 0 ? recognised : files.slice(0, 1)) {
    entries.push(...parseHcpcs(entryText(entry), entry.name));
    year = yearFromName(entry.name) ?? year;
    log.sources.push({
      name: entry.name,
      kind: 'hcpcs',
      year: yearFromName(entry.name) ?? null,
      used: true,
    });
  }
  if (year !== null && year < new Date().getFullYear() - 1) {
    log.warnings.push(`HCPCS file is from ${year}: codes added since are unknown to lookup`);
  }
  return { entries, year };
}

/** The team's CPT lexicon, with the user's licensed descriptors over it when given. */
function readCpt(options: BuildCodeSetOptions, log: BuildLog): CodeSetArtifact['cpt'] {
  log.step('loading CPT lexicon');
  const cpt = loadCptLexicon(options.lexiconDir);
  if (options.cpt === undefined) {
    return cpt;
  }
  log.sources.push({ name: options.cpt, kind: 'cpt-licensed', year: null, used: true });
  return applyLicensedCpt(cpt, parseLicensedCpt(readFileSync(options.cpt, 'utf8'), options.cpt));
}

/**
 * Builds the compiled code set from official release files and the team lexicon, and writes it
 * atomically to `options.out`.
 * @returns the build summary (also stored inside the artifact)
 * @throws NotecoderError for unreadable or malformed sources (file and line named)
 */
export function buildCodeSet(options: BuildCodeSetOptions): BuildSummary {
  const started = performance.now();
  const log: BuildLog = {
    sources: [],
    warnings: [],
    step: options.onStep ?? ((): void => undefined),
  };
  const release = readIcdSources(options, log);
  const common = loadCommonIcdLexicon(options.lexiconDir);
  const { icd, report } = icdTable(release, common, log);
  const years = releaseYears(release, log);
  const hcpcsRead = readHcpcs(options, log);
  const hcpcs = hcpcsRead.entries.length > 0 ? hcpcsTable(hcpcsRead.entries, hcpcsRead.year) : null;
  const cpt = readCpt(options, log);
  const edits = readEdits(options, log);

  log.step('building search index');
  const synonyms: Record<string, string[]> = {};
  for (const c of common) {
    synonyms[c.code] = [...c.synonyms];
  }
  const search = buildSearch(icd, hcpcs, cpt.entries, common);

  const lexicon = lexiconVersion(options.lexiconDir);
  const cptVersion = options.cpt === undefined ? 'lexicon' : 'lexicon+licensed';
  const codeSetLine = release.order
    ? `ICD-10-CM FY${years.fiscalYear ?? '?'} (tabular FY${years.tabularYear ?? '-'}, index FY${years.indexYear ?? '-'}); HCPCS ${hcpcsRead.year ?? 'none'}; CPT ${cptVersion}; ${lexicon}`
    : `LEXICON ONLY — no ICD-10-CM release loaded (run \`notecoder dict fetch\` or set NOTECODER_ICD10CM_SOURCE); CPT ${cptVersion}; ${lexicon}`;
  const summary: BuildSummary = {
    fiscalYear: years.fiscalYear,
    sources: log.sources,
    counts: {
      ...report.counts,
      hcpcs: hcpcs ? hcpcsRead.entries.filter((e) => e.kind === 'procedure').length : 0,
      hcpcsModifiers: hcpcs ? hcpcsRead.entries.filter((e) => e.kind === 'modifier').length : 0,
      cpt: cpt.entries.length,
      cptLicensed: cpt.entries.filter((e) => e.source === 'licensed').length,
      searchDocuments: search.docCount,
      searchTerms: Object.keys(search.postings).length,
    },
    mismatch: report.mismatch,
    warnings: log.warnings,
    buildMs: 0,
    artifactBytes: 0,
    artifactPath: options.out,
  };
  const artifact: CodeSetArtifact = {
    format: ARTIFACT_FORMAT,
    formatVersion: ARTIFACT_VERSION,
    builtAt: new Date().toISOString(),
    versions: {
      codeSet: codeSetLine,
      lexiconOnly: years.lexiconOnly,
      fiscalYear: years.fiscalYear,
      tabularYear: years.tabularYear,
      indexYear: years.indexYear,
      tablesYear: years.tablesYear,
      hcpcsYear: hcpcsRead.year,
      cpt: cptVersion,
      lexicon,
    },
    summary,
    icd,
    hcpcs,
    cpt,
    ...(edits === undefined ? {} : { edits }),
    synonyms,
    search,
  };
  log.step('writing artifact');
  summary.buildMs = Math.round(performance.now() - started);
  summary.artifactBytes = writeArtifact(options.out, artifact);
  return summary;
}

/** The user's CMS edit tables, each listed as a source of the build. */
function readEdits(options: BuildCodeSetOptions, log: BuildLog): EditTables | undefined {
  if (options.edits === undefined) {
    return undefined;
  }
  log.step('reading CMS edit tables');
  const edits = readEditTables(options.edits);
  for (const [kind, source] of [
    ['mue', edits?.mue?.source],
    ['ptp', edits?.ptp?.source],
    ['addons', edits?.addons?.source],
  ] as const) {
    if (source !== undefined) {
      log.sources.push({ name: source, kind: `edits-${kind}`, year: null, used: true });
    }
  }
  return edits;
}

function newest(list: Classified[]): Classified | undefined {
  return [...list].sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
}

function hcpcsTable(entries: readonly HcpcsEntry[], year: number | null): HcpcsTable {
  const table: HcpcsTable = {
    year,
    codes: [],
    kinds: '',
    shortTitles: [],
    longTitles: [],
    terminated: {},
  };
  const kinds: string[] = [];
  for (const entry of entries) {
    table.codes.push(entry.code);
    kinds.push(entry.kind === 'modifier' ? 'M' : 'P');
    table.shortTitles.push(entry.shortTitle === entry.longTitle ? '' : entry.shortTitle);
    table.longTitles.push(entry.longTitle);
    if (entry.terminated !== '') {
      table.terminated[entry.code] = entry.terminated;
    }
  }
  table.kinds = kinds.join('');
  return table;
}
