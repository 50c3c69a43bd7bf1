import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import type { Suggestion } from '../core/types.js';
import { fitSelection, type SelectionNote } from '../learn/train-selection.js';
import { loadKnowledge } from '../pipeline/load-knowledge.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { afterSelection } from '../pipeline/select/after-selection.js';
import { createSelection } from '../pipeline/select/select-codes.js';
import { detectSections } from '../text/sections.js';
import { openTaggedDetector } from '../pipeline/tagged-detector.js';
import { readDataset } from '../../eval/datasets/read-dataset.js';
import { readTexts } from '../../eval/datasets/read-texts.js';
import type { Dataset } from '../../eval/datasets/dataset-types.js';
import { evaluate } from '../../eval/metrics/evaluate.js';
import { predictionRows } from '../../eval/metrics/prediction-rows.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { formatSummary } from './eval-command.js';
import { createProgressBar } from './progress-bar.js';

interface Options {
  crossFit?: string;
  folds: string;
  out?: string;
  tagger: boolean;
  json?: boolean;
  predictions?: string;
  texts?: string;
}

/**
 * `notecoder train-selection`: fit the US coder's selection stage on team-coded US notes (JSONL with
 * required and optional codes), and — with `--cross-fit` — report a labeled set out of fold: each of its
 * folds is scored by a model fitted on the training notes and the set's other folds, then the shipped
 * model is fitted on everything.
 */
export function trainSelectionCommand(
  getConfig: () => Config,
  print: (text: string) => void,
): Command {
  return new Command('train-selection')
    .description(
      'fit the US coder selection stage on coded US notes (JSONL with required and optional codes)',
    )
    .argument('<notes...>', 'JSONL files of coded notes (team-coded training notes)')
    .option(
      '--cross-fit <file>',
      'a labeled JSONL set to add out of fold: its scores are reported from models that never saw the note',
    )
    .option('--folds <n>', 'folds for thresholds and --cross-fit', '5')
    .option(
      '--out <file>',
      'where to write the model (default: selection.json beside NOTECODER_MODEL)',
    )
    .option(
      '--texts <file>',
      'JSONL (or .jsonl.gz) of {"id", "text"} for label files that carry codes only (the MTSamples collection)',
    )
    .option('--no-tagger', 'code the notes without the ONNX tagger')
    .option('--json', 'print the out-of-fold summary as JSON')
    .option('--predictions <file>', 'write the out-of-fold predictions of --cross-fit (JSONL)')
    .action(async (files: string[], opts: Options) => {
      const folds = Number(opts.folds);
      if (!Number.isInteger(folds) || folds < 2) {
        throw createError('INVALID_OPTIONS', `--folds must be an integer ≥ 2, not "${opts.folds}"`);
      }
      const config = getConfig();
      const progress = createProgressBar(process.stderr, true, 'items');
      const codeSet = await ensureCodeSet(config, createLogger('warn'), progress);
      // The suggestions before selection: the stage is fitted on what it will see.
      const knowledge = loadKnowledge(codeSet, config.lexiconDir, config.modelPath, {
        selection: false,
      });
      const detector = await openTaggedDetector(createPipeline(knowledge), {
        dir: config.taggerDir,
        enabled: opts.tagger && config.tagger,
        allowFallback: config.allowTaggerFallback,
      });
      const operating = detector.threshold(opts.tagger);
      const code = async (dataset: Dataset): Promise<SelectionNote[]> => {
        const out: SelectionNote[] = [];
        for (const [i, note] of dataset.notes.entries()) {
          progress.update(i + 1, dataset.notes.length, `coding ${dataset.name}`);
          const setting = note.setting ?? 'outpatient';
          const result = await detector.detect(
            { id: note.id, text: note.text, setting },
            { select: false, tagger: opts.tagger },
          );
          out.push({ id: note.id, text: note.text, setting, gold: note.gold, result, operating });
        }
        progress.done();
        return out;
      };
      const texts = opts.texts === undefined ? undefined : readTexts(resolve(opts.texts));
      const read = (file: string): Dataset =>
        readDataset(resolve(file), 'jsonl', texts === undefined ? {} : { texts });
      const train: SelectionNote[] = [];
      for (const file of files) {
        train.push(...(await code(read(file))));
      }
      const crossDataset = opts.crossFit === undefined ? undefined : read(opts.crossFit);
      const cross = crossDataset === undefined ? [] : await code(crossDataset);
      await detector.release();
      const version = `selection-${train.length + cross.length}`;
      const provenance = {
        dataset: `team-coded US notes: ${[...files, ...(opts.crossFit ? [opts.crossFit] : [])].map((f) => f.split('/').at(-1) ?? f).join(', ')}`,
        tagger: opts.tagger ? detector.tagger : 'off',
      };
      if (crossDataset !== undefined) {
        const predictions = new Map<string, readonly Suggestion[]>();
        for (let k = 0; k < folds; k++) {
          progress.step(`cross-fitting fold ${k + 1}/${folds}`);
          const model = fitSelection(
            [...train, ...cross.filter((_, i) => i % folds !== k)],
            codeSet,
            knowledge.triggers,
            { folds, version: `${version}-fold-${k}`, provenance },
          );
          const select = createSelection(model, codeSet, knowledge.triggers);
          for (const note of cross.filter((_, i) => i % folds === k)) {
            const sections = detectSections(note.text);
            const selected = afterSelection(
              select(note.result, note, note.setting, operating, sections),
              note.text,
              sections,
              codeSet,
              operating,
              knowledge.guidelines.combinations,
            );
            predictions.set(note.id, selected.suggestions);
          }
        }
        const summary = evaluate(crossDataset, predictions, codeSet, {
          detector: `${detector.name}+${version} (out of fold)`,
          threshold: operating,
        });
        if (opts.predictions !== undefined) {
          const rows = predictionRows(crossDataset, predictions, operating);
          writeFileSync(
            resolve(opts.predictions),
            `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
          );
        }
        print(opts.json === true ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      }
      progress.step('fitting the selection model');
      const fitted = fitSelection([...train, ...cross], codeSet, knowledge.triggers, {
        folds,
        version,
        provenance,
      });
      // Notes counted and the trees' digest: two refits on the same notes are told apart.
      const digest = createHash('sha256').update(JSON.stringify(fitted.trees)).digest('hex');
      const model = { ...fitted, version: `${version}-${digest.slice(0, 8)}` };
      const out = resolve(opts.out ?? join(dirname(config.modelPath), 'selection.json'));
      mkdirSync(dirname(out), { recursive: true });
      const tmp = `${out}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(model)}\n`);
      renameSync(tmp, out);
      progress.done();
      process.stderr.write(
        `selection model ${model.version} written to ${out}: ${String(model.provenance.rows)} rows, thresholds outpatient ${model.thresholds.outpatient}, inpatient ${model.thresholds.inpatient}, out-of-fold F1 ${String(model.provenance.oofF1)}\n`,
      );
    });
}
