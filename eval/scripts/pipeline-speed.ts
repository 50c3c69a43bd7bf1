import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CodeSetModule from '../../src/codes/code-set.js';
import type * as KnowledgeModule from '../../src/pipeline/load-knowledge.js';
import type * as PipelineModule from '../../src/pipeline/pipeline.js';
import type * as DatasetModule from '../datasets/read-dataset.js';

/**
 * Pipeline throughput of one built checkout on CodiEsp dev, by wall time and by CPU time (user + system
 * seconds of this process: on a shared machine other processes take wall time, not CPU time). The
 * checkout may be another version of notecoder (the code before a change): its own dist/ is loaded.
 *
 * usage: node dist/eval/scripts/pipeline-speed.js ROOT [passes]   (env NOTECODER_TEST_DATA)
 */

const root = resolve(process.argv[2] ?? '.');
const passes = Number(process.argv[3] ?? 6);
const data = process.env.NOTECODER_TEST_DATA ?? join(root, '..', 'shared', 'data');
const load = async <T>(path: string): Promise<T> =>
  (await import(pathToFileURL(join(root, 'dist', path)).href)) as T;

const { loadCodeSet } = await load<typeof CodeSetModule>('src/codes/code-set.js');
const { loadKnowledge } = await load<typeof KnowledgeModule>('src/pipeline/load-knowledge.js');
const { createPipeline } = await load<typeof PipelineModule>('src/pipeline/pipeline.js');
const { readDataset } = await load<typeof DatasetModule>('eval/datasets/read-dataset.js');

const codeSet = loadCodeSet(join(root, 'dictionaries', 'build', 'codeset.json'));
const knowledge = loadKnowledge(
  codeSet,
  join(root, 'dictionaries', 'lexicon'),
  join(root, 'dictionaries', 'learned', 'model.json'),
);
const pipeline = createPipeline(knowledge);
const notes = readDataset(join(data, 'codiesp', 'dev')).notes;
const pass = (): void => {
  for (const n of notes) {
    pipeline.detect({ id: n.id, text: n.text, setting: 'inpatient' });
  }
};
// Two warm-up passes, as the bench's one plus the optimising compiler's second look.
pass();
pass();
const cpu = process.cpuUsage();
const started = performance.now();
for (let p = 0; p < passes; p++) {
  pass();
}
const wall = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const count = passes * notes.length;
const cpuSeconds = (used.user + used.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({
    root,
    notes: count,
    wallSeconds: Number(wall.toFixed(3)),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    notesPerSecond: Math.round(count / wall),
    notesPerCpuSecond: Math.round(count / cpuSeconds),
  })}\n`,
);
