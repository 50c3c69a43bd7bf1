import { readFileSync } from 'node:fs';
import { createError } from '../core/errors.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  type BuildSummary,
  type CodeSetArtifact,
  type HcpcsTable,
  type IcdTable,
} from './artifact-types.js';
import { classifySource, yearFromName, type SourceKind } from './classify-source.js';
import { loadCptLexicon } from './cpt/load-cpt-lexicon.js';
import { applyLicensedCpt, parseLicensedCpt } from './cpt/load-licensed-cpt.js';
import { parseHcpcs, type HcpcsEntry } from './hcpcs/parse-hcpcs.js';
import { buildIcdTable, type IcdMergeReport } from './icd10cm/build-icd-table.js';
import { createIndexPhrases } from './icd10cm/index-phrases.js';
import { loadCommonIcdLexicon, type CommonIcdEntry } from './icd10cm/load-common-lexicon.js';
import { parseIndex, type IndexFile, type IndexKind } from './icd10cm/parse-index.js';
import { parseOrderFile } from './icd10cm/parse-order-file.js';
import { parseTabular } from './icd10cm/parse-tabular.js';
import type { TabularList } from './icd10cm/tabular-types.js';
import { lexiconVersion } from './lexicon-version.js';
import { createSearchIndexBuilder } from './search-index-builder.js';
import { entryText, readSourceEntries, type SourceEntry } from './source-files.js';
import { writeArtifact } from './write-artifact.js';

/** Options of {@link buildCodeSet}. */
export interface BuildCodeSetOptions {
  /** Files or folders holding the ICD-10-CM release (plain, .gz or .zip). Empty only with `lexiconOnly`. */
  icd10cm: readonly string[];
  /** HCPCS Level II files (TSV or CMS fixed-width). */
  hcpcs?: readonly string[];
  /** A licensed CPT file (code<TAB>descriptor) the user owns. */
  cpt?: string;
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

/**
 * Builds the compiled code set from official release files and the team lexicon, and writes it
 * atomically to `options.out`.
 * @returns the build summary (also stored inside the artifact)
 * @throws NotecoderError for unreadable or malformed sources (file and line named)
 */
export function buildCodeSet(options: BuildCodeSetOptions): BuildSummary {
  const started = performance.now();
  const step = options.onStep ?? ((): void => undefined);
  const warnings: string[] = [];
  const sources: BuildSummary['sources'] = [];

  step('reading release files');
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
  const order = orders[0];
  const tabulars = classified.filter((c) => c.kind === 'icd10cm-tabular');

  const tabularEntry = newest(tabulars);
  let tabular: TabularList | undefined;
  if (tabularEntry) {
    step('parsing Tabular List');
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
      step(`parsing ${kind.replace('icd10cm-', '')}`);
      indexes.push(
        parseIndex(entryText(chosen.entry), chosen.entry.name, INDEX_KINDS[kind] ?? 'index'),
      );
      usedIndex.add(chosen);
    }
  }

  let icd: IcdTable;
  let report: IcdMergeReport;
  const common = loadCommonIcdLexicon(options.lexiconDir);
  if (order) {
    step('merging ICD-10-CM');
    const merged = buildIcdTable(
      parseOrderFile(entryText(order.entry), order.entry.name),
      tabular,
      indexes,
    );
    icd = merged.table;
    report = merged.report;
  } else {
    warnings.push("no ICD-10-CM release loaded: only the team lexicon's common codes are known");
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
    icd = lexiconOnly.table;
    report = lexiconOnly.report;
  }

  for (const c of classified) {
    const used = c === order || c === tabularEntry || usedIndex.has(c);
    sources.push({ name: c.entry.name, kind: c.kind, year: c.year ?? null, used });
  }
  for (const c of orders.slice(1)) {
    warnings.push(`older order file ignored: ${c.entry.name}`);
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
      warnings.push(
        `${what} is FY${year}, the order file FY${fiscalYear}: notes and phrases attach only to codes that still exist (see mismatch)`,
      );
    }
  }
  if (order && !tabular) {
    warnings.push(
      'no Tabular List XML found: no inclusion terms, excludes or 7th-character definitions',
    );
  }
  if (order && !indexes.some((i) => i.kind === 'index')) {
    warnings.push('no Alphabetic Index XML found: search uses titles only');
  }

  step('reading HCPCS');
  const hcpcsEntries: HcpcsEntry[] = [];
  let hcpcsYear: number | null = null;
  const hcpcsFiles = readSourceEntries(options.hcpcs ?? []);
  const recognised = hcpcsFiles.filter((entry) => classifySource(entry) === 'hcpcs');
  // A folder may hold the CMS readme beside the data; a lone unrecognised file is parsed to name its fault.
  for (const entry of recognised.length > 0 ? recognised : hcpcsFiles.slice(0, 1)) {
    hcpcsEntries.push(...parseHcpcs(entryText(entry), entry.name));
    hcpcsYear = yearFromName(entry.name) ?? hcpcsYear;
    sources.push({
      name: entry.name,
      kind: 'hcpcs',
      year: yearFromName(entry.name) ?? null,
      used: true,
    });
  }
  if (hcpcsYear !== null && hcpcsYear < new Date().getFullYear() - 1) {
    warnings.push(`HCPCS file is from ${hcpcsYear}: codes added since are unknown to lookup`);
  }
  const hcpcs = hcpcsEntries.length > 0 ? hcpcsTable(hcpcsEntries, hcpcsYear) : null;

  step('loading CPT lexicon');
  let cpt = loadCptLexicon(options.lexiconDir);
  if (options.cpt !== undefined) {
    cpt = applyLicensedCpt(cpt, parseLicensedCpt(readFileSync(options.cpt, 'utf8'), options.cpt));
    sources.push({ name: options.cpt, kind: 'cpt-licensed', year: null, used: true });
  }

  step('building search index');
  const synonyms: Record<string, string[]> = {};
  for (const c of common) {
    synonyms[c.code] = [...c.synonyms];
  }
  const search = buildSearch(icd, hcpcs, cpt.entries, common);

  const lexicon = lexiconVersion(options.lexiconDir);
  const cptVersion = options.cpt === undefined ? 'lexicon' : 'lexicon+licensed';
  const codeSetLine = order
    ? `ICD-10-CM FY${fiscalYear ?? '?'} (tabular FY${tabularYear ?? '-'}, index FY${indexYear ?? '-'}); HCPCS ${hcpcsYear ?? 'none'}; CPT ${cptVersion}; ${lexicon}`
    : `LEXICON ONLY — no ICD-10-CM release loaded (run \`notecoder dict fetch\` or set NOTECODER_ICD10CM_SOURCE); CPT ${cptVersion}; ${lexicon}`;
  const summary: BuildSummary = {
    fiscalYear,
    sources,
    counts: {
      ...report.counts,
      hcpcs: hcpcs ? hcpcsEntries.filter((e) => e.kind === 'procedure').length : 0,
      hcpcsModifiers: hcpcs ? hcpcsEntries.filter((e) => e.kind === 'modifier').length : 0,
      cpt: cpt.entries.length,
      cptLicensed: cpt.entries.filter((e) => e.source === 'licensed').length,
      searchDocuments: search.docCount,
      searchTerms: Object.keys(search.postings).length,
    },
    mismatch: report.mismatch,
    warnings,
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
      lexiconOnly: !order,
      fiscalYear,
      tabularYear,
      indexYear,
      tablesYear,
      hcpcsYear,
      cpt: cptVersion,
      lexicon,
    },
    summary,
    icd,
    hcpcs,
    cpt,
    synonyms,
    search,
  };
  step('writing artifact');
  summary.buildMs = Math.round(performance.now() - started);
  summary.artifactBytes = writeArtifact(options.out, artifact);
  return summary;
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

/** Nonessential modifiers (in parentheses) are optional words: they are not search keys. */
function essential(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ');
}

function buildSearch(
  icd: IcdTable,
  hcpcs: HcpcsTable | null,
  cptEntries: CodeSetArtifact['cpt']['entries'],
  common: readonly CommonIcdEntry[],
): CodeSetArtifact['search'] {
  const builder = createSearchIndexBuilder();
  const keyOf = new Map<string, number>();
  icd.codes.forEach((code, i) => keyOf.set(code, i));
  icd.codes.forEach((_, i) => {
    builder.add(i, 'L', icd.longTitles[i] ?? '');
    const short = icd.shortTitles[i] ?? '';
    if (short !== '') {
      builder.add(i, 'S', short);
    }
  });
  for (const c of common) {
    const key = keyOf.get(c.code);
    if (key !== undefined) {
      for (const synonym of c.synonyms) {
        builder.add(key, 'Y', synonym, builder.addText(synonym));
      }
    }
  }
  for (const [code, notes] of Object.entries(icd.notes)) {
    const key = keyOf.get(code);
    if (key === undefined) {
      continue;
    }
    for (const term of [...(notes.inclusionTerms ?? []), ...(notes.includes ?? [])]) {
      builder.add(key, 'I', essential(term), builder.addText(term));
    }
  }
  const phrases = createIndexPhrases(icd.index);
  for (let n = 0; n < phrases.size; n++) {
    const key = keyOf.get(icd.index.codes[n] ?? '');
    if (key !== undefined) {
      const column = phrases.column(n);
      const phrase = phrases.phrase(n);
      builder.add(key, 'X', essential(column === undefined ? phrase : `${phrase} ${column}`), n);
    }
  }
  const hcpcsBase = icd.codes.length;
  hcpcs?.codes.forEach((_, i) => {
    builder.add(hcpcsBase + i, 'D', hcpcs.longTitles[i] ?? '');
    const short = hcpcs.shortTitles[i] ?? '';
    if (short !== '') {
      builder.add(hcpcsBase + i, 'S', short);
    }
  });
  const cptBase = hcpcsBase + (hcpcs?.codes.length ?? 0);
  cptEntries.forEach((entry, i) => {
    builder.add(cptBase + i, 'D', entry.description);
    if (entry.ownDescription !== '' && entry.ownDescription !== entry.description) {
      builder.add(cptBase + i, 'D', entry.ownDescription);
    }
    for (const trigger of entry.triggers) {
      builder.add(cptBase + i, 'T', trigger, builder.addText(trigger));
    }
  });
  return builder.build();
}
