import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { buildCodeSet } from '../codes/build-code-set.js';
import { fetchRelease } from '../codes/fetch-release.js';
import { editSources, editsLine } from './edit-sources.js';
import { createProgressBar } from './progress-bar.js';

/** `notecoder dict build|fetch`: compile the code set, download the public release. */
export function dictCommand(getConfig: () => Config, print: (text: string) => void): Command {
  const dict = new Command('dict').description(
    'build the code-set knowledge base from official release files',
  );

  dict
    .command('build')
    .description(
      'compile ICD-10-CM (order file, Tabular, Index, tables), HCPCS and CPT into one artifact',
    )
    .requiredOption(
      '--icd10cm <paths...>',
      'files or folders with the ICD-10-CM release (plain, .gz or .zip)',
    )
    .option('--hcpcs <files...>', 'HCPCS Level II file(s): CMS fixed-width or tab-separated')
    .option(
      '--cpt <file>',
      'a licensed CPT file you own (code<TAB>descriptor); overrides our descriptions',
    )
    .option(
      '--mue <paths...>',
      'CMS practitioner MUE table(s), files or folders (CSV or text; default NOTECODER_MUE_SOURCE)',
    )
    .option(
      '--ncci <paths...>',
      'NCCI procedure-to-procedure edit files or folders (default NOTECODER_NCCI_SOURCE)',
    )
    .option(
      '--addons <paths...>',
      'CMS add-on code edit files or folders (default NOTECODER_ADDONS_SOURCE)',
    )
    .option('--out <dir>', 'folder for codeset.json (default: where NOTECODER_CODESET points)')
    .option('--json', 'print the build summary as JSON on stdout')
    .action(
      (opts: {
        icd10cm: string[];
        hcpcs?: string[];
        cpt?: string;
        mue?: string[];
        ncci?: string[];
        addons?: string[];
        out?: string;
        json?: boolean;
      }) => {
        const config = getConfig();
        const progress = createProgressBar(process.stderr, true);
        const summary = buildCodeSet({
          icd10cm: opts.icd10cm.map((p) => resolve(p)),
          ...(opts.hcpcs ? { hcpcs: opts.hcpcs.map((p) => resolve(p)) } : {}),
          ...(opts.cpt ? { cpt: resolve(opts.cpt) } : {}),
          edits: editSources(config, opts),
          out: opts.out ? join(resolve(opts.out), 'codeset.json') : config.codeSetPath,
          lexiconDir: config.lexiconDir,
          onStep: (step) => {
            progress.step(`dict build: ${step}`);
          },
        });
        if (opts.json) {
          print(JSON.stringify(summary, null, 2));
          return;
        }
        const c = summary.counts;
        print(
          [
            `code set FY${summary.fiscalYear ?? '?'} written to ${summary.artifactPath} (${(summary.artifactBytes / 1_048_576).toFixed(1)} MB) in ${(summary.buildMs / 1000).toFixed(1)} s`,
            `  ICD-10-CM: ${c.codes} codes, ${c.billable} billable, ${c.chapters} chapters, ${c.sections} sections`,
            `  notes: ${c.inclusionTerms} inclusion terms, ${c.excludes1Notes} excludes1 + ${c.excludes2Notes} excludes2 notes (${c.excludesPairs} code references), ${c.sevenChrDefinitions} 7th-character definitions`,
            `  index: ${c.indexPhrases} phrases (index ${c.indexByKind.index}, neoplasm ${c.indexByKind.neoplasm}, drug ${c.indexByKind.drug}, external cause ${c.indexByKind.external}), ${c.seeReferences} see-references (${c.seeReferencesResolved} resolved to a code)`,
            `  HCPCS: ${c.hcpcs} codes, ${c.hcpcsModifiers} modifiers; CPT: ${c.cpt} codes (${c.cptLicensed} with licensed descriptors)`,
            `  mismatch: ${summary.mismatch.tabularCodesNotInOrderFile} tabular codes not in the order file, ${summary.mismatch.orderCodesWithoutTabularEntry} codes without tabular entry, ${summary.mismatch.indexEntriesDropped} index entries dropped`,
            `  CMS edits: ${editsLine(summary.sources)}`,
            ...summary.warnings.map((w) => `  warning: ${w}`),
          ].join('\n'),
        );
      },
    );

  dict
    .command('fetch')
    .description('download the public ICD-10-CM release into the source cache (no build)')
    .option(
      '--url <urls...>',
      'release URLs (default: NOTECODER_ICD10CM_URLS or the CDC FY2026 files)',
    )
    .option('--out <dir>', 'cache folder (default: NOTECODER_SOURCES_DIR/icd10cm)')
    .option('--force', 'download again even when cached')
    .option('--json', 'print the fetched files as JSON on stdout')
    .action(async (opts: { url?: string[]; out?: string; force?: boolean; json?: boolean }) => {
      const config = getConfig();
      const progress = createProgressBar(process.stderr, true);
      const files = await fetchRelease({
        urls: opts.url ?? config.icd10cmUrls,
        dir: opts.out ? resolve(opts.out) : join(config.sourcesDir, 'icd10cm'),
        force: opts.force ?? false,
        timeoutMs: config.fetchTimeoutMs,
        onProgress: (p) => {
          progress.update(p.received, p.total, `fetch ${p.file.split('/').pop() ?? ''}`);
        },
      });
      progress.done();
      print(
        opts.json
          ? JSON.stringify(files, null, 2)
          : files
              .map((f) => `${f.cached ? 'cached ' : 'fetched'} ${f.file} (${f.bytes} bytes)`)
              .join('\n'),
      );
    });
  return dict;
}
