import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { readCodiespEvidence } from '../learn/codiesp-evidence.js';
import { silverDoc, type MentionLabels } from '../learn/tagger-silver.js';
import { loadKnowledge } from '../pipeline/load-knowledge.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';

/** `notecoder tagger-data`: training labels for the ONNX tagger (see models/train/README.md). */
export function taggerDataCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('tagger-data')
    .description('write mention and assertion labels for the tagger from a CodiEsp training split')
    .requiredOption('--codiesp <dir>', 'a CodiEsp training split (train only: never dev or test)')
    .requiredOption('--out <file>', 'JSONL file to write (one note per line)')
    .option(
      '--labels <kind>',
      'mentions from the pipeline’s own mentions of coded categories (silver, the shipped recipe) or from the coders’ evidence carried to English words (evidence)',
      'silver',
    )
    .action(async (opts: { codiesp: string; out: string; labels: string }) => {
      if (opts.labels !== 'silver' && opts.labels !== 'evidence') {
        throw createError(
          'INVALID_OPTIONS',
          `--labels must be silver or evidence, not ${opts.labels}`,
        );
      }
      const labels: MentionLabels = opts.labels;
      const config = getConfig();
      const progress = createProgressBar();
      const codeSet = await ensureCodeSet(config, createLogger('warn'), progress);
      const notes = createProgressBar(process.stderr, true, 'items');
      const pipeline = createPipeline(loadKnowledge(codeSet, config.lexiconDir, config.modelPath));
      // Evidence words whatever the mention labels: they are also the code head's labels.
      const docs = readCodiespEvidence(resolve(opts.codiesp), { evidenceWords: true }).sort(
        (a, b) => (a.id < b.id ? -1 : 1),
      );
      const lines: string[] = [];
      let mentions = 0;
      docs.forEach((doc, i) => {
        notes.update(i + 1, docs.length, 'silver labels');
        const silver = silverDoc(pipeline, doc, labels);
        mentions += silver.mentions.length;
        lines.push(JSON.stringify(silver));
      });
      notes.done();
      const out = resolve(opts.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(`${out}.tmp`, `${lines.join('\n')}\n`);
      renameSync(`${out}.tmp`, out);
      print(`${docs.length} notes, ${mentions} mention spans written to ${out}`);
    });
}
