import { readFileSync } from 'node:fs';
import { loadCodeSet } from '../../src/codes/code-set.js';
import { avoidPretenuring } from '../../src/core/worker-heap.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { createTaggedDetector } from '../../src/pipeline/tagged-detector.js';
import { loadTagger } from '../../src/pipeline/tagger/tagger.js';

// A worker's life in a fresh process: code set, lexicons, learned model, then the tagger (timed), then
// notes coded; prints the tagger's load time and the resident memory of the whole worker. With the
// tagger folder "none", the same worker without a tagger (the baseline for its memory).
const [codeSetPath, lexiconDir, modelPath, taggerDir, notesFile, heap] = process.argv.slice(2);
// As a notecoder worker starts ("default-heap": as V8 would run it on its own, for comparison).
if (heap !== 'default-heap') {
  avoidPretenuring();
}
if (notesFile === undefined || taggerDir === undefined) {
  process.stderr.write(
    'usage: tagger-probe <codeset> <lexicon dir> <model.json> <tagger dir> <notes.json>\n',
  );
  process.exit(2);
}
const pipeline = createPipeline(
  loadKnowledge(loadCodeSet(codeSetPath ?? ''), lexiconDir ?? '', modelPath),
);
const started = performance.now();
const tagger = taggerDir === 'none' ? undefined : await loadTagger(taggerDir);
const loadMs = performance.now() - started;
const detector = createTaggedDetector(pipeline, tagger);
const notes = JSON.parse(readFileSync(notesFile, 'utf8')) as string[];
for (const [i, text] of notes.entries()) {
  await detector.detect({ id: String(i), text, setting: 'inpatient' });
}
global.gc?.();
process.stdout.write(JSON.stringify({ loadMs, rssMb: process.memoryUsage().rss / 1_048_576 }));
await detector.release();
