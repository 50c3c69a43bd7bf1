import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { loadCodeSet, type CodeSet } from '../codes/code-set.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { describeCode } from '../codes/describe-code.js';
import { formatCode, formatHits } from './format-code.js';
import { parseSystem } from './parse-system.js';
import { createProgressBar } from './progress-bar.js';

/** `notecoder codes show|search`: look codes up and search the code set. */
export function codesCommand(getConfig: () => Config, print: (text: string) => void): Command {
  const codes = new Command('codes').description(
    'look up and search ICD-10-CM, CPT and HCPCS codes',
  );
  const open = async (codeset: string | undefined): Promise<CodeSet> => {
    if (codeset !== undefined) {
      return loadCodeSet(codeset);
    }
    const config = getConfig();
    return ensureCodeSet(config, createLogger('warn'), createProgressBar());
  };

  codes
    .command('show')
    .description(
      'title, billable flag, hierarchy, notes, 7th characters and index phrases of a code',
    )
    .argument('<code>', 'e.g. E11.9, e119, 76376, J1100')
    .option('--system <system>', 'icd10cm, cpt or hcpcs (J1100 is both HCPCS and ICD-10-CM J11.00)')
    .option('--codeset <file>', 'compiled code set (default: NOTECODER_CODESET)')
    .option('--json', 'print JSON on stdout')
    .action(async (code: string, opts: { system?: string; codeset?: string; json?: boolean }) => {
      const system = parseSystem(opts.system);
      const codeSet = await open(opts.codeset);
      // Without --system, every system's entry is shown (J1100: HCPCS and ICD-10-CM J11.00).
      const found = system === undefined ? codeSet.lookup(code) : [codeSet.require(code, system)];
      const [first] = found;
      if (first === undefined) {
        codeSet.require(code); // throws the catalogued INVALID_CODE or CODE_NOT_FOUND
        return;
      }
      if (opts.json) {
        const described = found.map((info) => describeCode(codeSet, info));
        print(JSON.stringify(found.length === 1 ? described[0] : described, null, 2));
        return;
      }
      print(found.map((info) => formatCode(codeSet, info)).join('\n\n'));
    });

  codes
    .command('search')
    .description(
      'rank codes by how well titles, inclusion terms, index phrases and descriptions match',
    )
    .argument('<text>', 'words to search for, e.g. "type 2 diabetes with kidney disease"')
    .option('--system <system>', 'icd10cm, cpt or hcpcs')
    .option('--limit <n>', 'results (1-200)', '10')
    .option('--codeset <file>', 'compiled code set (default: NOTECODER_CODESET)')
    .option('--json', 'print JSON on stdout')
    .action(
      async (
        text: string,
        opts: { system?: string; limit: string; codeset?: string; json?: boolean },
      ) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
          throw createError(
            'INVALID_OPTIONS',
            `--limit must be a whole number from 1 to 200, not "${opts.limit}"`,
          );
        }
        const system = parseSystem(opts.system);
        const codeSet = await open(opts.codeset);
        const hits = codeSet.search(text, { limit, ...(system ? { system } : {}) });
        print(opts.json ? JSON.stringify(hits, null, 2) : formatHits(hits));
      },
    );
  return codes;
}
