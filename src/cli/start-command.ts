import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';

/**
 * `notecoder start`: the main job on the embedded default. Today it makes the knowledge base ready
 * (build, download, or the lexicon-only fallback) and reports it; the job API joins it when it lands.
 */
export function startCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('start')
    .description(
      'prepare the code set (build, download or lexicon-only fallback) and report what is loaded',
    )
    .action(async () => {
      const config = getConfig();
      const log = createLogger(config.logLevel);
      const started = performance.now();
      const codeSet = await ensureCodeSet(config, log, createProgressBar());
      const c = codeSet.summary.counts;
      log.info('code set ready', {
        codeSet: codeSet.versions.codeSet,
        lexiconOnly: codeSet.versions.lexiconOnly,
        ms: Math.round(performance.now() - started),
      });
      print(
        [
          `notecoder ready — ${codeSet.versions.codeSet}`,
          `  ${c.codes} ICD-10-CM codes (${c.billable} billable), ${c.indexPhrases} index phrases, ${c.hcpcs} HCPCS, ${c.cpt} CPT`,
          '  try: npx notecoder codes search "type 2 diabetes with kidney disease"',
          '       npx notecoder codes show S72.001A',
        ].join('\n'),
      );
    });
}
