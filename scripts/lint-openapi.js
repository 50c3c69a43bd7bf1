// Lints the OpenAPI document the server serves (built from dist/) with Redocly's recommended rules;
// `npm run lint` runs it, so CI fails on any error or warning.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { openApiDocument } = await import(join(root, 'dist', 'src', 'api', 'openapi.js'));
const dir = mkdtempSync(join(tmpdir(), 'notecoder-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(openApiDocument('0.0.0-lint'), null, 1));
const run = spawnSync(
  join(root, 'node_modules', '.bin', 'redocly'),
  ['lint', file, '--extends=recommended', '--format=json'],
  { encoding: 'utf8' },
);
rmSync(dir, { recursive: true, force: true });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(`redocly lint gave no report\n${run.stderr ?? ''}`);
  process.exit(1);
}
for (const p of report.problems) {
  const where = p.location?.[0]?.pointer ?? '';
  process.stderr.write(`${p.severity} ${p.ruleId} ${where}: ${p.message}\n`);
}
const { errors, warnings } = report.totals;
console.log(
  `OpenAPI document: ${String(errors)} errors, ${String(warnings)} warnings (redocly lint)`,
);
// "Clean" means nothing reported: warnings fail too.
process.exit(errors === 0 && warnings === 0 ? 0 : 1);
