import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { createError } from '../core/errors.js';
import { loadNameLists } from '../redact/name-lists.js';
import { createRedactor } from '../redact/redactor.js';

/** `notecoder redact <file|->`: the note with its PHI replaced. */
export function redactCommand(print: (text: string) => void): Command {
  return new Command('redact')
    .description(
      'de-identify one note: names, dates, ages over 89, numbers, contacts, addresses and facilities (HIPAA Safe Harbor)',
    )
    .argument('<file>', 'a text file, or - for standard input')
    .option('--surrogate', 'replace each identifier with a consistent fake value instead of [TYPE]')
    .option('--json', 'print { text, spans: [{ start, end, type, replacement }] }')
    .action((file: string, opts: { surrogate?: boolean; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (err) {
        throw createError('SOURCE_NOT_FOUND', 'cannot read the note', { file }, err);
      }
      const redactor = createRedactor({ names: loadNameLists() });
      const result = redactor.redact(text, { surrogate: opts.surrogate === true });
      if (opts.json === true) {
        print(JSON.stringify(result, null, 2));
        return;
      }
      // The redacted note as it is, without an extra newline at its end.
      process.stdout.write(result.text);
    });
}
