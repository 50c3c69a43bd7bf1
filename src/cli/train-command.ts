import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { readCodiespEvidence } from '../learn/codiesp-evidence.js';
import { trainModel } from '../learn/train-model.js';
import { loadKnowledge } from '../pipeline/load-knowledge.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';

/** `notecoder train`: fit the learned associations and the calibrated scorer on labeled notes. */
export function trainCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('train')
    .description(
      'fit term→code associations and the calibrated scorer on a CodiEsp-layout training split',
    )
    .requiredOption(
      '--codiesp <dir>',
      'a CodiEsp split with text_files_en/, text_files_es/, <split>D.tsv and <split>X.tsv (train only)',
    )
    .option('--out <file>', 'where to write the model (default: NOTECODER_MODEL)')
    .option('--folds <n>', 'cross-fitting folds', '5')
    .action(async (opts: { codiesp: string; out?: string; folds: string }) => {
      const config = getConfig();
      const progress = createProgressBar();
      const codeSet = await ensureCodeSet(config, createLogger('warn'), progress);
      const knowledge = loadKnowledge(codeSet, config.lexiconDir);
      const docs = readCodiespEvidence(resolve(opts.codiesp));
      const model = trainModel(docs, knowledge, {
        folds: Number(opts.folds),
        onProgress: (s) => {
          progress.step(`train: ${s}`);
        },
      });
      const out = opts.out === undefined ? config.modelPath : resolve(opts.out);
      mkdirSync(dirname(out), { recursive: true });
      const tmp = `${out}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(model)}\n`);
      renameSync(tmp, out);
      print(
        `model ${model.version} written to ${out}: ${Object.keys(model.associations.ngrams).length} sentence-level and ${Object.keys(model.associations.docNgrams).length} document-level associations; scorer fitted on ${String(model.provenance.candidates)} candidates`,
      );
    });
}
