import { loadCodeSet } from '../../src/codes/code-set.js';

// Runs in a fresh process so load time and resident memory are measured cold, one artifact at a time.
const path = process.argv[2];
if (path === undefined) {
  process.stderr.write('usage: load-probe <codeset.json>\n');
  process.exit(2);
}
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const codeSet = loadCodeSet(path);
const loadMs = performance.now() - started;
// One lookup and one search so lazily built structures are counted in memory too.
codeSet.get('E11.9');
codeSet.search('type 2 diabetes with kidney disease');
global.gc?.();
process.stdout.write(
  JSON.stringify({
    loadMs,
    rssMb: process.memoryUsage().rss / 1_048_576,
    baseRssMb: rssBefore / 1_048_576,
  }),
);
