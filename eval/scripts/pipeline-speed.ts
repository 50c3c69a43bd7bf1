import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CodeSetModule from '../../src/codes/code-set.js';
import type * as KnowledgeModule from '../../src/pipeline/load-knowledge.js';
import type * as PipelineModule from '../../src/pipeline/pipeline.js';
import type * as DatasetModule from '../datasets/read-dataset.js';

/**
 * Pipeline throughput of one built checkout on CodiEsp dev, by wall time, by CPU time (user + system
 * seconds of this process: on a shared machine other processes take wall time, not CPU time) and by the
 * CPU time of the main thread alone (Linux: the pipeline's own work, without the collector's and the
 * compiler's helper threads, whose share varies from run to run). The
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
/** User + system seconds of this process's main thread (Linux `/proc`), undefined elsewhere. */
const mainThreadSeconds = (): number | undefined => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};
const pass = (): void => {
  for (const n of notes) {
    pipeline.detect({ id: n.id, text: n.text, setting: 'inpatient' });
  }
};
// Two warm-up passes, as the bench's one plus the optimising compiler's second look.
pass();
pass();
const cpu = process.cpuUsage();
const mainBefore = mainThreadSeconds();
const started = performance.now();
for (let p = 0; p < passes; p++) {
  pass();
}
const wall = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const mainAfter = mainThreadSeconds();
const mainSeconds =
  mainBefore === undefined || mainAfter === undefined ? undefined : mainAfter - mainBefore;
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
    ...(mainSeconds === undefined
      ? {}
      : { notesPerMainThreadSecond: Math.round(count / mainSeconds) }),
  })}\n`,
);
