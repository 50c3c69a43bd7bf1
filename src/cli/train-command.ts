import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { readCodiespEvidence, type EvidencedDoc } from '../learn/codiesp-evidence.js';
import { codedNotesEvidence } from '../learn/coded-notes-evidence.js';
import { readTexts } from '../../eval/datasets/read-texts.js';
import { openOnnxSession } from '../pipeline/tagger/onnx-session.js';
import type { TagResult } from '../pipeline/tagger/tag-result.js';
import { createTagger, loadTagger, readTaggerConfig } from '../pipeline/tagger/tagger.js';
import { loadTaggerTokenizer } from '../pipeline/tagger/tagger-tokenizer.js';
import { trainModel } from '../learn/train-model.js';
import { loadKnowledge } from '../pipeline/load-knowledge.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';

/**
 * Tags each training note with the fold tagger that never saw it (notes sorted by id; note i belongs
 * to fold i mod 2, as in models/train/train_tagger.py).
 */
async function outOfFoldTags(
  docs: readonly EvidencedDoc[],
  taggerDir: string,
  foldDir: string,
  onProgress: (step: string) => void,
): Promise<{ version: string; tags: Map<string, TagResult> }> {
  const shipped = await loadTagger(taggerDir);
  await shipped.release();
  const tokenizer = await loadTaggerTokenizer(taggerDir);
  const settings = readTaggerConfig(taggerDir);
  const folds = await Promise.all(
    [0, 1].map(async (k) =>
      createTagger(
        await openOnnxSession(join(foldDir, `fold-${k}.onnx`)),
        tokenizer,
        settings,
        `fold-${k}`,
      ),
    ),
  );
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : 1));
  const tags = new Map<string, TagResult>();
  for (const [i, doc] of sorted.entries()) {
    if (i % 100 === 0) {
      onProgress(`tagging training notes out of fold: ${i}/${sorted.length}`);
    }
    const tagger = folds[i % 2];
    if (tagger !== undefined) {
      tags.set(doc.id, await tagger.tag(doc.text));
    }
  }
  await Promise.all(folds.map((f) => f.release()));
  return { version: shipped.version, tags };
}

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
    .option(
      '--notes <files...>',
      'coded US notes to train on as well (JSONL with required and optional codes and evidence quotes: eval/datasets/mtsamples-team/train-codes.jsonl)',
    )
    .option('--texts <file>', 'JSONL (or .jsonl.gz) of {"id", "text"}: the texts of --notes')
    .option(
      '--keep-tagged',
      'without --tagger-folds: keep the current model’s tagger scorer (NOTECODER_MODEL; it is stacked on the dictionary scorer’s output, so it reads the new one)',
    )
    .option('--out <file>', 'where to write the model (default: NOTECODER_MODEL)')
    .option('--folds <n>', 'cross-fitting folds', '5')
    .option(
      '--tagger-folds <dir>',
      'fold-0.onnx and fold-1.onnx from models/train (each trained without the notes it tags): also fit the scorer with the tagger’s features',
    )
    .option(
      '--tagger-only',
      'with --tagger-folds: refit only the tagger’s stacked scorer, keeping the current model’s associations and scorer (NOTECODER_MODEL)',
    )
    .action(
      async (opts: {
        codiesp: string;
        out?: string;
        folds: string;
        taggerFolds?: string;
        taggerOnly?: boolean;
        notes?: string[];
        texts?: string;
        keepTagged?: boolean;
      }) => {
        if (opts.keepTagged === true && opts.taggerFolds !== undefined) {
          throw createError(
            'INVALID_OPTIONS',
            '--keep-tagged keeps the tagger scorer; --tagger-folds refits it: give one',
          );
        }
        if (opts.taggerOnly === true && opts.taggerFolds === undefined) {
          throw createError('INVALID_OPTIONS', '--tagger-only needs --tagger-folds <dir>');
        }
        const config = getConfig();
        const progress = createProgressBar();
        const codeSet = await ensureCodeSet(config, createLogger('warn'), progress);
        const current =
          opts.taggerOnly === true || opts.keepTagged === true
            ? loadKnowledge(codeSet, config.lexiconDir, config.modelPath).learned
            : undefined;
        const keep = opts.taggerOnly === true ? current : undefined;
        if ((opts.taggerOnly === true || opts.keepTagged === true) && current === undefined) {
          throw createError(
            'INVALID_OPTIONS',
            `--tagger-only and --keep-tagged need a model at ${config.modelPath}`,
            {
              file: config.modelPath,
            },
          );
        }
        const knowledge = loadKnowledge(codeSet, config.lexiconDir);
        const texts = opts.texts === undefined ? undefined : readTexts(resolve(opts.texts));
        const us = (opts.notes ?? []).flatMap((file) => codedNotesEvidence(resolve(file), texts));
        const docs = [...readCodiespEvidence(resolve(opts.codiesp)), ...us];
        const tagger =
          opts.taggerFolds === undefined
            ? undefined
            : await outOfFoldTags(docs, config.taggerDir, resolve(opts.taggerFolds), (s) => {
                progress.step(`train: ${s}`);
              });
        const model = trainModel(docs, knowledge, {
          ...(tagger === undefined ? {} : { tagger }),
          ...(keep === undefined ? {} : { keep }),
          folds: Number(opts.folds),
          ...(us.length === 0
            ? {}
            : {
                dataset: {
                  name: 'codiesp-us-train',
                  description: `CodiEsp train (English MT), CC BY 4.0, Miranda-Escalada et al., CLEF eHealth 2020; and ${String(us.length)} team-coded US notes (${(opts.notes ?? []).join(', ')}: required ICD-10-CM codes)`,
                },
              }),
          onProgress: (s) => {
            progress.step(`train: ${s}`);
          },
        });
        const fitted =
          opts.keepTagged === true && current?.tagged !== undefined
            ? { ...model, tagged: current.tagged }
            : model;
        const out = opts.out === undefined ? config.modelPath : resolve(opts.out);
        mkdirSync(dirname(out), { recursive: true });
        const tmp = `${out}.tmp-${process.pid}`;
        writeFileSync(tmp, `${JSON.stringify(fitted)}\n`);
        renameSync(tmp, out);
        print(
          keep === undefined
            ? `model ${model.version} written to ${out}: ${Object.keys(model.associations.ngrams).length} sentence-level and ${Object.keys(model.associations.docNgrams).length} document-level associations; scorer fitted on ${String(model.provenance.candidates)} candidates`
            : `model ${model.version} written to ${out}: the tagger's scorer refitted for ${model.tagged?.tagger ?? '?'} (threshold ${String(model.tagged?.threshold)}); associations and scorer kept`,
        );
      },
    );
}
