import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { applyJobOptions } from '../../workers/detect-processor.js';
import { openTaggedDetector } from '../pipeline/tagged-detector.js';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import type { DetectResult } from '../core/types.js';
import { openPipeline } from './open-pipeline.js';
import { toFhirBundle } from '../fhir/to-fhir-bundle.js';
import { formatClaim } from './format-claim.js';
import { parseComponent, parseRules, parseSetting } from './parse-system.js';

/** How many suppressed candidates the table lists (`--json` has them all). */
const SUPPRESSED_SHOWN = 20;

/**
 * A readable table of a detection result, exactly as filtered (the same suggestions and suppressed
 * candidates the API returns for the same note and threshold).
 */
export function formatResult(result: DetectResult, threshold: number): string {
  const clip = (text: string): string =>
    (text.length > 60 ? `${text.slice(0, 57)}...` : text).replace(/\s+/g, ' ');
  const lines = [
    ...(result.warnings ?? []).map((w) => `warning ${w.code}: ${w.message}`),
    `suggestions at or above ${String(threshold)}:`,
    'code      system     conf   evidence / reason',
  ];
  for (const s of result.suggestions) {
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
    for (const s of result.suppressed.slice(0, SUPPRESSED_SHOWN)) {
      lines.push(
        `${s.code.padEnd(9)} ${s.system.padEnd(10)} ${s.reason.padEnd(22)} "${clip(s.evidence[0]?.text ?? '')}" ${clip(s.reasons[0] ?? '')}`,
      );
    }
    if (result.suppressed.length > SUPPRESSED_SHOWN) {
      lines.push(
        `… and ${String(result.suppressed.length - SUPPRESSED_SHOWN)} more (--json lists them all)`,
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
    .option(
      '--threshold <t>',
      "show suggestions with confidence at least t (0..1; default: the model's operating threshold, as the API)",
    )
    .option('--codeset <file>', 'compiled code set (default: NOTECODER_CODESET)')
    .option('--no-tagger', 'code without the ONNX tagger (dictionary, associations and rules only)')
    .option('--json', 'print the DetectResult as JSON')
    .option('--format <format>', 'table (default), json, or fhir (a FHIR R4 Bundle)')
    .option('--claim', 'print the claim lines (units, modifiers with reasons, diagnosis pointers)')
    .option(
      '--component <component>',
      'billing component for codes split into professional/technical parts: professional (default), technical or global',
    )
    .action(
      async (
        file: string,
        opts: {
          setting?: string;
          rules?: string;
          threshold?: string;
          codeset?: string;
          json?: boolean;
          claim?: boolean;
          format?: string;
          component?: string;
          tagger: boolean;
        },
      ) => {
        const asked = opts.threshold === undefined ? undefined : Number(opts.threshold);
        if (asked !== undefined && (!Number.isFinite(asked) || asked < 0 || asked > 1)) {
          throw createError(
            'INVALID_OPTIONS',
            `--threshold must be a number from 0 to 1, not "${String(opts.threshold)}"`,
          );
        }
        const component = parseComponent(opts.component);
        const format = opts.json === true ? 'json' : (opts.format ?? 'table');
        if (format !== 'table' && format !== 'json' && format !== 'fhir') {
          throw createError(
            'INVALID_OPTIONS',
            `--format must be table, json or fhir, not "${format}"`,
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
          {
            ...(rules === undefined ? {} : { rules }),
            ...(component === undefined ? {} : { billing: { component } }),
            ...(asked === undefined ? {} : { claimThreshold: asked }),
          },
        );
        await detector.release();
        // One default everywhere: the operating threshold of the scorer that coded the note (the
        // tagger's when it ran), applied by the same function the API's workers apply.
        const threshold = asked ?? detector.threshold();
        const filtered = applyJobOptions(result, { threshold }, threshold);
        print(
          format === 'json'
            ? JSON.stringify(filtered, null, 2)
            : format === 'fhir'
              ? JSON.stringify(toFhirBundle(filtered), null, 2)
              : opts.claim
                ? formatClaim(filtered.claim)
                : formatResult(filtered, threshold),
        );
      },
    );
}
