/**
 * notecoder as a library. The code-set knowledge base is available today; the detection pipeline
 * (`createPipeline`) joins it when it lands.
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
