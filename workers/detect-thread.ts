import { workerData } from 'piscina';
import { loadCodeSet } from '../src/codes/code-set.js';
import { avoidPretenuring } from '../src/core/worker-heap.js';
import {
  serializeOutcome,
  type DetectChunk,
  type SerializedOutcome,
} from '../src/jobs/job-types.js';
import { loadKnowledge } from '../src/pipeline/load-knowledge.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import {
  createTaggedDetector,
  openTaggedDetector,
  type NoteDetector,
} from '../src/pipeline/tagged-detector.js';
import { execDetectJob } from './detect-processor.js';
import type { DetectThreadData } from './detect-pool.js';

const data = workerData as DetectThreadData;
// Process-wide; repeated here for a pool started by a program other than the notecoder CLI.
avoidPretenuring();
let detector: Promise<NoteDetector> | undefined;

/** Loaded once per thread, at its first task (the code set and lexicons take ~2 s, the tagger ~0.2 s). */
function ensureDetector(): Promise<NoteDetector> {
  detector ??= (async () => {
    const pipeline = createPipeline(
      loadKnowledge(loadCodeSet(data.codeSetPath), data.lexiconDir, data.modelPath),
      { maxChars: data.maxNoteChars },
    );
    // The main thread probed the tagger (and reported a fallback) before starting the pool.
    return data.tagger.state === 'on'
      ? openTaggedDetector(pipeline, { dir: data.tagger.dir, enabled: true })
      : createTaggedDetector(pipeline, undefined, data.tagger.state);
  })();
  return detector;
}

if (data.eager) {
  void ensureDetector().catch(() => undefined);
}

/** Piscina task: a chunk in, outcomes out. */
export default async function detectTask(chunk: DetectChunk): Promise<SerializedOutcome[]> {
  return (await execDetectJob(await ensureDetector(), chunk)).map(serializeOutcome);
}
