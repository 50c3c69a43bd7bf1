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
import { readDataset, readScoreOnly } from '../../eval/datasets/read-dataset.js';
import type { EvalSummary } from '../../eval/metrics/evaluate.js';
import { renderReport } from '../../eval/report/render-report.js';
import { inProcessCoder, runEval } from '../../eval/run-eval.js';
import { apiCoder } from '../../eval/api-coder.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { parseSetting } from './parse-system.js';
import { createProgressBar } from './progress-bar.js';

interface EvalOptions {
  format?: string;
  setting?: string;
  detector: string;
  scoreOnly?: string;
  lenient?: boolean;
  json?: boolean;
  report?: string;
  codeset?: string;
  api?: string;
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
    `  best threshold ${s.bestThreshold.threshold} (F1 ${f(s.bestThreshold.f1)}); gold codes not in the code set: ${s.goldCodesUnknown.count} (${s.goldCodesUnknown.distinct} distinct, scored as given)`,
  );
  if (s.warnings.length > 0) {
    lines.push(
      `  ${s.warnings.length} input problem(s) skipped (--lenient); first: ${s.warnings[0] ?? ''}`,
    );
  }
  return lines.join('\n');
}

/** `notecoder eval`: score a detector on labeled notes. */
export function evalCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('eval')
    .description(
      'score a detector on labeled notes (CodiEsp split or JSONL): MAP, P/R/F1, calibration, errors',
    )
    .argument('<path>', 'a CodiEsp split folder (e.g. codiesp/dev) or a .jsonl file')
    .option('--format <format>', 'codiesp or jsonl (default: detected)')
    .option('--setting <setting>', 'outpatient or inpatient, overriding each note’s own')
    .option('--detector <name>', 'pipeline (default) or baseline', 'pipeline')
    .option('--score-only <file>', 'score only the codes listed (one per line, # comments)')
    .option('--lenient', 'skip malformed notes and lines, counting them as warnings')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--codeset <file>', 'compiled code set (default: NOTECODER_CODESET)')
    .option('--api <url>', 'evaluate a running notecoder server through its job API instead')
    .option('--json', 'print the summary as one JSON object on stdout')
    .action(async (path: string, opts: EvalOptions) => {
      if (opts.format !== undefined && opts.format !== 'codiesp' && opts.format !== 'jsonl') {
        throw createError(
          'INVALID_OPTIONS',
          `--format must be codiesp or jsonl, not "${opts.format}"`,
        );
      }
      const setting = parseSetting(opts.setting);
      if (opts.detector !== 'baseline' && opts.detector !== 'pipeline') {
        throw createError(
          'INVALID_OPTIONS',
          `--detector must be pipeline or baseline, not "${opts.detector}"`,
        );
      }
      const dataset = readDataset(resolve(path), opts.format, {
        lenient: opts.lenient ?? false,
      });
      const scoreOnly =
        opts.scoreOnly === undefined ? undefined : readScoreOnly(resolve(opts.scoreOnly));
      const config = getConfig();
      const codeSet =
        opts.codeset === undefined
          ? await ensureCodeSet(config, createLogger('warn'), createProgressBar())
          : loadCodeSet(opts.codeset);
      const coder =
        opts.api !== undefined
          ? await apiCoder({ url: opts.api, apiKey: config.clientApiKey, setting })
          : inProcessCoder(
              opts.detector === 'baseline'
                ? createBaselineDetector(codeSet)
                : createPipeline(loadKnowledge(codeSet, config.lexiconDir, config.modelPath), {
                    maxChars: config.maxNoteChars,
                  }),
              setting,
            );
      const progress = createProgressBar(process.stderr, true, 'items');
      const started = performance.now();
      const summary = await runEval({
        dataset,
        coder,
        codeSet,
        ...(scoreOnly ? { scoreOnly } : {}),
        // Only runs longer than a second get a progress bar.
        onProgress: (done, total) => {
          if (performance.now() - started > 1000) {
            progress.update(done, total, 'eval notes');
          }
        },
      });
      progress.done();
      if (opts.report !== undefined) {
        writeFileSync(resolve(opts.report), renderReport(summary));
      }
      print(opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    });
}
