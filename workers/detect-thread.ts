import { workerData } from 'piscina';
import { loadCodeSet } from '../src/codes/code-set.js';
import {
  serializeOutcome,
  type DetectChunk,
  type SerializedOutcome,
} from '../src/jobs/job-types.js';
import { loadKnowledge } from '../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../src/pipeline/pipeline.js';
import { execDetectJob } from './detect-processor.js';
import type { DetectThreadData } from './detect-pool.js';

const data = workerData as DetectThreadData;
let pipeline: Pipeline | undefined;

/** Loaded once per thread, at its first task (the code set and lexicons take ~2 s). */
function ensurePipeline(): Pipeline {
  pipeline ??= createPipeline(
    loadKnowledge(loadCodeSet(data.codeSetPath), data.lexiconDir, data.modelPath),
    { maxChars: data.maxNoteChars },
  );
  return pipeline;
}

if (data.eager) {
  ensurePipeline();
}

/** Piscina task: a chunk in, outcomes out. */
export default function detectTask(chunk: DetectChunk): SerializedOutcome[] {
  return execDetectJob(ensurePipeline(), chunk).map(serializeOutcome);
}
