/**
 * notecoder as a library: the code-set knowledge base and the detection pipeline.
 */
export { buildCodeSet, type BuildCodeSetOptions } from './codes/build-code-set.js';
export { createCodeSet, loadCodeSet, readArtifact, type CodeSet } from './codes/code-set.js';
export type {
  AppliedNote,
  CodeInfo,
  CptCodeInfo,
  HcpcsCodeInfo,
  IcdCodeInfo,
  IndexPhraseInfo,
  SearchHit,
  SeventhsInfo,
} from './codes/code-info.js';
export type { CodeSystem } from './codes/code-format.js';
export type { BuildSummary, CodeSetVersions } from './codes/artifact-types.js';
export { fetchRelease, type FetchReleaseOptions } from './codes/fetch-release.js';
export {
  ERROR_CATALOGUE,
  NotecoderError,
  isNotecoderError,
  type ErrorCode,
} from './core/errors.js';
export {
  createPipeline,
  type Pipeline,
  type PipelineOptions,
  type DetectOptions,
} from './pipeline/pipeline.js';
export { loadKnowledge } from './pipeline/load-knowledge.js';
export type { Knowledge } from './pipeline/knowledge.js';
export type {
  Assertion,
  DetectResult,
  Detector,
  Evidence,
  Note,
  Setting,
  Suggestion,
  Suppressed,
} from './core/types.js';
export {
  createRedactor,
  type Redactor,
  type RedactorOptions,
  type RedactOptions,
} from './redact/redactor.js';
export { loadNameLists, type NameLists } from './redact/name-lists.js';
export type { PhiSpan, PhiType, RedactedSpan, Redaction } from './core/redaction-types.js';
