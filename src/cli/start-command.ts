import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';
import { serve } from './serve-command.js';

/**
 * `notecoder start`: the main job on the embedded default — make the knowledge base ready (build,
 * download, or the lexicon-only fallback), report it, then serve the job API with the in-process pool.
 */
export function startCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('start')
    .description(
      'prepare the code set (build, download or lexicon-only fallback), then serve the API on the embedded default',
    )
    .option('--prepare-only', 'prepare and report the code set, then exit (provisioning)')
    .action(async (opts: { prepareOnly?: boolean }) => {
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
          `  ${String(c.codes)} ICD-10-CM codes (${String(c.billable)} billable), ${String(c.indexPhrases)} index phrases, ${String(c.hcpcs)} HCPCS, ${String(c.cpt)} CPT`,
        ].join('\n'),
      );
      if (codeSet.edits === undefined) {
        // Loud: a claim checked against no edits looks the same as a clean one.
        log.error(
          'no CMS edit tables in the code set: claim lines are NOT checked for MUE, NCCI procedure-to-procedure or add-on edits; download the practitioner MUE table, the NCCI PTP files and the add-on code lists from cms.gov and set NOTECODER_MUE_SOURCE, NOTECODER_NCCI_SOURCE, NOTECODER_ADDONS_SOURCE (or dict build --mue --ncci --addons)',
          { codeSet: config.codeSetPath },
        );
        print('  CMS edits: NONE LOADED — claim lines are not checked (see the log line above)');
      } else {
        print(
          `  CMS edits: ${[codeSet.edits.mue?.source, codeSet.edits.ptp?.source, codeSet.edits.addons?.source].filter((s) => s !== undefined).join('; ')}`,
        );
      }
      if (opts.prepareOnly) {
        return;
      }
      const server = await serve(config, log, codeSet);
      print(
        [
          `listening on ${server.url} (${server.queue.backend} queue); API docs at ${server.url}/openapi.json`,
          `  try: curl -s ${server.url}/v1/detect -H 'content-type: application/json' \\`,
          `         -d '{"note":{"id":"n1","text":"68 yo F with T2DM and CKD stage 3a, HTN"}}'`,
        ].join('\n'),
      );
    });
}
