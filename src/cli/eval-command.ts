import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { loadCodeSet } from '../codes/code-set.js';
import { createBaselineDetector } from '../pipeline/baseline/baseline-detector.js';
import { loadKnowledge } from '../pipeline/load-knowledge.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { openTaggedDetector, type NoteDetector } from '../pipeline/tagged-detector.js';
import { readDataset, readScoreOnly } from '../../eval/datasets/read-dataset.js';
import type { EvalSummary } from '../../eval/metrics/evaluate.js';
import { renderReport } from '../../eval/report/render-report.js';
import { predictionRows } from '../../eval/metrics/prediction-rows.js';
import { readTexts } from '../../eval/datasets/read-texts.js';
import { inProcessCoder, runEval, type EvalDetector, type NoteCoder } from '../../eval/run-eval.js';
import { apiCoder } from '../../eval/api-coder.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { parseRules, parseSetting } from './parse-system.js';
import type { Rules } from '../core/types.js';
import { createProgressBar } from './progress-bar.js';
import { runPhiEval } from './eval-phi.js';

interface EvalOptions {
  task?: string;
  format?: string;
  setting?: string;
  rules?: string;
  detector: string;
  scoreOnly?: string;
  lenient?: boolean;
  json?: boolean;
  report?: string;
  codeset?: string;
  api?: string;
  tagger: boolean;
  ablateTagger?: boolean;
  matchDescendants?: boolean;
  predictions?: string;
  texts?: string;
}

const f = (v: number): string => v.toFixed(3);

/** Human-readable summary lines. */
export function formatSummary(s: EvalSummary): string {
  const lines = [
    `${s.dataset}: ${s.documents} notes, detector ${s.detector}, ${s.seconds} s`,
    `  MAP ${f(s.map)}   micro P ${f(s.micro.p)} R ${f(s.micro.r)} F1 ${f(s.micro.f1)}   macro F1 ${f(s.macro.f1)}   ECE ${f(s.ece)}`,
    ...Object.entries(s.bySystem).map(
      ([system, v]) =>
        `  ${system.padEnd(10)} gold ${String(v.gold).padStart(5)}  predicted ${String(v.predicted).padStart(6)}  micro P ${f(v.micro.p)} R ${f(v.micro.r)} F1 ${f(v.micro.f1)}  macro F1 ${f(v.macro.f1)}  MAP ${f(v.map)}`,
    ),
  ];
  if (s.category) {
    lines.push(
      `  ICD-10-CM categories: micro F1 ${f(s.category.micro.f1)}  MAP ${f(s.category.map)}`,
    );
  }
  lines.push(
    `  at the operating threshold ${s.operating.threshold}: micro P ${f(s.operating.micro.p)} R ${f(s.operating.micro.r)} F1 ${f(s.operating.micro.f1)}  (${Object.entries(
      s.operating.bySystem,
    )
      .map(([system, m]) => `${system} F1 ${f(m.f1)}`)
      .join(', ')})`,
    ...(s.optional.gold === 0
      ? []
      : [
          `  optional gold codes: ${s.optional.gold} (${s.optional.suggested} suggested at the operating threshold: neither right nor wrong; a missing one is no miss)`,
        ]),
    ...s.byNoteType.map(
      (g) =>
        `    ${g.noteType.slice(0, 36).padEnd(36)} ${String(g.documents).padStart(4)} notes  F1 ${f(g.micro.f1)}  (${Object.entries(
          g.bySystem,
        )
          .map(([system, m]) => `${system} P ${f(m.p)} R ${f(m.r)} F1 ${f(m.f1)}`)
          .join(', ')})`,
    ),
    `  best threshold ${s.bestThreshold.threshold} (F1 ${f(s.bestThreshold.f1)}); gold codes not in the code set: ${s.goldCodesUnknown.count} (${s.goldCodesUnknown.distinct} distinct, scored as given)`,
    ...(s.matchedDescendants === null
      ? []
      : [
          `  --match-descendants: ${s.matchedDescendants} gold code(s) the code set cannot bill met by a suggested code below them`,
        ]),
  );
  if (s.warnings.length > 0) {
    lines.push(
      `  ${s.warnings.length} input problem(s) skipped (--lenient); first: ${s.warnings[0] ?? ''}`,
    );
  }
  return lines.join('\n');
}

/** The pipeline with or without its tagger, as the harness sees it. */
function taggedEvalDetector(
  detector: NoteDetector,
  withTagger: boolean,
  rules: Rules | undefined,
): EvalDetector {
  const on = withTagger && detector.tagger.startsWith('tagger-');
  return {
    name: `${detector.name}+${on ? detector.tagger : 'no-tagger'}${rules === 'mentions' ? '+rules=mentions' : ''}`,
    threshold: detector.threshold(on),
    detect: (note) =>
      detector.detect(note, { tagger: on, ...(rules === undefined ? {} : { rules }) }),
  };
}

/** Tagger on against off, side by side (`--ablate-tagger`). */
export function formatAblation(on: EvalSummary, off: EvalSummary): string {
  const row = (name: string, a: number, b: number): string =>
    `  ${name.padEnd(38)} ${f(a)}   ${f(b)}   ${(a - b >= 0 ? '+' : '') + f(a - b)}`;
  const systems = [
    ...new Set([...Object.keys(on.operating.bySystem), ...Object.keys(off.operating.bySystem)]),
  ] as (keyof typeof on.operating.bySystem)[];
  return [
    `${on.dataset}: tagger ablation (${on.documents} notes)`,
    `  ${''.padEnd(38)} on      off     on − off`,
    row('MAP', on.map, off.map),
    row('micro F1 (all suggestions)', on.micro.f1, off.micro.f1),
    row('micro F1 at best threshold', on.bestThreshold.f1, off.bestThreshold.f1),
    row('micro F1 at operating threshold', on.operating.micro.f1, off.operating.micro.f1),
    ...systems.map((s) =>
      row(
        `${s} F1 at operating threshold`,
        on.operating.bySystem[s]?.f1 ?? 0,
        off.operating.bySystem[s]?.f1 ?? 0,
      ),
    ),
    row('ECE', on.ece, off.ece),
    `  seconds: on ${on.seconds}, off ${off.seconds}`,
  ].join('\n');
}

/** `notecoder eval`: score a detector on labeled notes. */
export function evalCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('eval')
    .description(
      'score a detector on labeled notes (CodiEsp split or JSONL): MAP, P/R/F1, calibration, errors',
    )
    .argument('<path>', 'a CodiEsp split folder (e.g. codiesp/dev) or a .jsonl file')
    .option(
      '--task <task>',
      'codes (default) or phi: score the PHI redactor on a .jsonl of notes with gold PHI spans',
    )
    .option('--format <format>', 'codiesp or jsonl (default: detected)')
    .option('--setting <setting>', 'outpatient or inpatient, overriding each note’s own')
    .option(
      '--rules <rules>',
      'billing (default) or mentions: score every diagnosis mentioned, as annotated corpora such as CodiEsp code them',
    )
    .option('--detector <name>', 'pipeline (default) or baseline', 'pipeline')
    .option('--score-only <file>', 'score only the codes listed (one per line, # comments)')
    .option('--lenient', 'skip malformed notes and lines, counting them as warnings')
    .option(
      '--texts <file>',
      'JSONL (or .jsonl.gz) of {"id", "text"}: the note texts of a label file that carries codes only',
    )
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--codeset <file>', 'compiled code set (default: NOTECODER_CODESET)')
    .option('--api <url>', 'evaluate a running notecoder server through its job API instead')
    .option('--no-tagger', 'code without the ONNX tagger (dictionary, associations and rules only)')
    .option('--ablate-tagger', 'score the pipeline with and without the tagger in one run')
    .option(
      '--match-descendants',
      "a gold ICD-10-CM code that is not billable in the loaded code set (a category; an older release's code since split or written without its 7th character) matches one suggested code below it",
    )
    .option(
      '--predictions <file>',
      "write each note's suggestions, gold codes and per-code outcome at the operating threshold (JSONL)",
    )
    .option('--json', 'print the summary as one JSON object on stdout')
    .action(async (path: string, opts: EvalOptions) => {
      if (opts.task !== undefined && opts.task !== 'codes' && opts.task !== 'phi') {
        throw createError('INVALID_OPTIONS', `--task must be codes or phi, not "${opts.task}"`);
      }
      if (opts.task === 'phi') {
        runPhiEval(path, opts, print);
        return;
      }
      if (opts.format !== undefined && opts.format !== 'codiesp' && opts.format !== 'jsonl') {
        throw createError(
          'INVALID_OPTIONS',
          `--format must be codiesp or jsonl, not "${opts.format}"`,
        );
      }
      const setting = parseSetting(opts.setting);
      const rules = parseRules(opts.rules);
      if (rules !== undefined && opts.detector === 'baseline') {
        throw createError('INVALID_OPTIONS', '--rules applies to the pipeline, not the baseline');
      }
      if (opts.detector !== 'baseline' && opts.detector !== 'pipeline') {
        throw createError(
          'INVALID_OPTIONS',
          `--detector must be pipeline or baseline, not "${opts.detector}"`,
        );
      }
      const dataset = readDataset(resolve(path), opts.format, {
        lenient: opts.lenient ?? false,
        ...(opts.texts === undefined ? {} : { texts: readTexts(resolve(opts.texts)) }),
      });
      const scoreOnly =
        opts.scoreOnly === undefined ? undefined : readScoreOnly(resolve(opts.scoreOnly));
      const config = getConfig();
      const codeSet =
        opts.codeset === undefined
          ? await ensureCodeSet(config, createLogger('warn'), createProgressBar())
          : loadCodeSet(opts.codeset);
      if (opts.ablateTagger === true && (opts.detector !== 'pipeline' || opts.api !== undefined)) {
        throw createError(
          'INVALID_OPTIONS',
          '--ablate-tagger compares the in-process pipeline with and without its tagger (not with --api or the baseline)',
        );
      }
      let tagged: NoteDetector | undefined;
      const coders: NoteCoder[] = [];
      if (opts.api !== undefined) {
        coders.push(
          await apiCoder({
            url: opts.api,
            apiKey: config.clientApiKey,
            setting,
            tagger: opts.tagger,
            rules,
          }),
        );
      } else if (opts.detector === 'baseline') {
        coders.push(inProcessCoder(createBaselineDetector(codeSet), setting));
      } else {
        const pipeline = createPipeline(
          loadKnowledge(codeSet, config.lexiconDir, config.modelPath),
          { maxChars: config.maxNoteChars },
        );
        tagged = await openTaggedDetector(pipeline, {
          dir: config.taggerDir,
          enabled: opts.tagger && config.tagger,
          allowFallback: config.allowTaggerFallback,
          onWarning: (message) => process.stderr.write(`notecoder: warning: ${message}\n`),
        });
        coders.push(inProcessCoder(taggedEvalDetector(tagged, true, rules), setting));
        if (opts.ablateTagger === true) {
          coders.push(inProcessCoder(taggedEvalDetector(tagged, false, rules), setting));
        }
      }
      const summaries: EvalSummary[] = [];
      for (const coder of coders) {
        const progress = createProgressBar(process.stderr, true, 'items');
        const started = performance.now();
        summaries.push(
          await runEval({
            dataset,
            coder,
            codeSet,
            ...(scoreOnly ? { scoreOnly } : {}),
            matchDescendants: opts.matchDescendants === true,
            // The first coder's (the detector as configured) suggestions go to --predictions.
            ...(opts.predictions !== undefined && summaries.length === 0
              ? {
                  onPredictions: (predictions): void => {
                    const rows = predictionRows(dataset, predictions, coder.threshold ?? 0).map(
                      (row) => JSON.stringify(row),
                    );
                    writeFileSync(resolve(opts.predictions ?? ''), `${rows.join('\n')}\n`);
                  },
                }
              : {}),
            // Only runs longer than a second get a progress bar.
            onProgress: (done, total) => {
              if (performance.now() - started > 1000) {
                progress.update(done, total, `eval notes (${coder.name})`);
              }
            },
          }),
        );
        progress.done();
      }
      await tagged?.release();
      const [summary, without] = summaries;
      if (summary === undefined) {
        return;
      }
      if (opts.report !== undefined) {
        writeFileSync(resolve(opts.report), renderReport(summary));
      }
      if (without === undefined) {
        print(opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      } else if (opts.json) {
        print(JSON.stringify({ tagger: summary, noTagger: without }, null, 2));
      } else {
        print(
          [formatSummary(summary), formatSummary(without), formatAblation(summary, without)].join(
            '\n\n',
          ),
        );
      }
    });
}
