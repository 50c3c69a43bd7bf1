import { openTaggedDetector } from '../pipeline/tagged-detector.js';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import type { DetectResult } from '../core/types.js';
import { openPipeline } from './open-pipeline.js';
import { parseRules, parseSetting } from './parse-system.js';

/** A readable table of a detection result. */
export function formatResult(result: DetectResult, threshold: number): string {
  const clip = (text: string): string =>
    (text.length > 60 ? `${text.slice(0, 57)}...` : text).replace(/\s+/g, ' ');
  const lines = ['code      system     conf   evidence / reason'];
  for (const s of result.suggestions.filter((x) => x.confidence >= threshold)) {
    const mods = s.modifiers && s.modifiers.length > 0 ? ` [${s.modifiers.join(',')}]` : '';
    lines.push(
      `${(s.code + mods).padEnd(9)} ${s.system.padEnd(10)} ${s.confidence.toFixed(2)}   "${clip(s.evidence[0]?.text ?? '')}" — ${s.title}`,
    );
    for (const r of s.reasons.slice(0, 2)) {
      lines.push(`${' '.repeat(29)}${clip(r)}`);
    }
  }
  if (result.suppressed.length > 0) {
    lines.push('', 'suppressed:');
    for (const s of result.suppressed.filter((x) => x.confidence >= threshold).slice(0, 20)) {
      lines.push(
        `${s.code.padEnd(9)} ${s.system.padEnd(10)} ${s.reason.padEnd(22)} "${clip(s.evidence[0]?.text ?? '')}" ${clip(s.reasons[0] ?? '')}`,
      );
    }
  }
  lines.push(
    '',
    `versions: ${result.versions.codeSet}; detector ${result.versions.detector}; tagger ${result.versions.tagger ?? 'off'}`,
  );
  return lines.join('\n');
}

/** `notecoder detect <file|->`: codes for one note. */
export function detectCommand(getConfig: () => Config, print: (text: string) => void): Command {
  return new Command('detect')
    .description('propose ICD-10-CM, CPT and HCPCS codes for one note, with evidence and reasons')
    .argument('<file>', 'a text file, or - for standard input')
    .option('--setting <setting>', 'outpatient (default) or inpatient')
    .option(
      '--rules <rules>',
      'billing (default: the ICD-10-CM reporting rules) or mentions (every diagnosis mentioned, with its assertion)',
    )
    .option('--threshold <t>', 'show suggestions with confidence at least t (0..1)', '0.1')
    .option('--codeset <file>', 'compiled code set (default: NOTECODER_CODESET)')
    .option('--no-tagger', 'code without the ONNX tagger (dictionary, associations and rules only)')
    .option('--json', 'print the DetectResult as JSON')
    .action(
      async (
        file: string,
        opts: {
          setting?: string;
          rules?: string;
          threshold: string;
          codeset?: string;
          json?: boolean;
          tagger: boolean;
        },
      ) => {
        const threshold = Number(opts.threshold);
        if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
          throw createError(
            'INVALID_OPTIONS',
            `--threshold must be a number from 0 to 1, not "${opts.threshold}"`,
          );
        }
        const setting = parseSetting(opts.setting);
        const rules = parseRules(opts.rules);
        let text: string;
        try {
          text = readFileSync(file === '-' ? 0 : file, 'utf8');
        } catch (err) {
          throw createError('SOURCE_NOT_FOUND', 'cannot read the note', { file }, err);
        }
        const config = getConfig();
        const detector = await openTaggedDetector(await openPipeline(config, opts.codeset), {
          dir: config.taggerDir,
          enabled: opts.tagger && config.tagger,
          allowFallback: config.allowTaggerFallback,
          onWarning: (message) => process.stderr.write(`notecoder: warning: ${message}\n`),
        });
        const result = await detector.detect(
          { id: file, text, ...(setting ? { setting } : {}) },
          rules === undefined ? {} : { rules },
        );
        await detector.release();
        if (opts.json) {
          const filtered = {
            ...result,
            suggestions: result.suggestions.filter((s) => s.confidence >= threshold),
          };
          print(JSON.stringify(filtered, null, 2));
          return;
        }
        print(formatResult(result, threshold));
      },
    );
}
