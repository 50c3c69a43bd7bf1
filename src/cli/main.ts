#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../core/config.js';
import { isNotecoderError } from '../core/errors.js';
import { codesCommand } from './codes-command.js';
import { dictCommand } from './dict-command.js';
import { detectCommand } from './detect-command.js';
import { evalCommand } from './eval-command.js';
import { redactCommand } from './redact-command.js';
import { reviewCommand } from './review-command.js';
import { trainCommand } from './train-command.js';
import { trainSelectionCommand } from './train-selection-command.js';
import { taggerDataCommand } from './tagger-data-command.js';
import { startCommand } from './start-command.js';
import { serveCommand } from './serve-command.js';
import { workerCommand } from './worker-command.js';
import { VERSION } from '../core/version.js';
import { avoidPretenuring } from '../core/worker-heap.js';

// Before any command loads a code set (see worker-heap.ts).
avoidPretenuring();

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

let config: Config | undefined;
const getConfig = (): Config => (config ??= loadConfig());

const program = new Command('notecoder')
  .description(
    'proposes ICD-10-CM, CPT and HCPCS codes for clinical notes, with evidence and confidence',
  )
  .version(VERSION)
  .exitOverride()
  .addCommand(startCommand(getConfig, print))
  .addCommand(serveCommand(getConfig))
  .addCommand(workerCommand(getConfig))
  .addCommand(dictCommand(getConfig, print))
  .addCommand(codesCommand(getConfig, print))
  .addCommand(detectCommand(getConfig, print))
  .addCommand(evalCommand(getConfig, print))
  .addCommand(redactCommand(print))
  .addCommand(reviewCommand(getConfig, print))
  .addCommand(trainCommand(getConfig, print))
  .addCommand(trainSelectionCommand(getConfig, print))
  .addCommand(taggerDataCommand(getConfig, print));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander already printed usage or help; keep its exit code (0 for --help/--version).
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (isNotecoderError(err)) {
    process.stderr.write(`notecoder: ${err.code}: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `notecoder: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 1;
  }
}
