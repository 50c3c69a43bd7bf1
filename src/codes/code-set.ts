import type { CodeSetArtifact } from './artifact-types.js';
import { createCodeHierarchy } from './code-hierarchy.js';
import { createCodeIndex } from './code-index.js';
import { createCodeListing } from './code-listing.js';
import { createCodeLookup } from './code-lookup.js';
import { createCodeNotes } from './code-notes.js';
import { createCodeSearch } from './code-search.js';
import type { CodeSet } from './code-set-types.js';
import { createIndexPhrases } from './icd10cm/index-phrases.js';
import { readArtifact } from './read-artifact.js';

export type { CodeSet, CodeTerm, IndexEntryInfo } from './code-set-types.js';
export { readArtifact } from './read-artifact.js';

/** Loads a compiled artifact from disk and returns its {@link CodeSet}. */
export function loadCodeSet(path: string): CodeSet {
  return { ...createCodeSet(readArtifact(path)), file: path };
}

/**
 * Wraps a parsed artifact in the {@link CodeSet} API, one part per seam: lookup (`code-lookup.ts`),
 * hierarchy (`code-hierarchy.ts`), instructional notes (`code-notes.ts`), search (`code-search.ts`) and
 * the listings of terms and index entries (`code-listing.ts`), all over one code index
 * (`code-index.ts`). Maps are built here once; search needs no work.
 */
export function createCodeSet(artifact: CodeSetArtifact): CodeSet {
  const index = createCodeIndex(artifact);
  const phrases = createIndexPhrases(artifact.icd.index);
  return {
    versions: artifact.versions,
    summary: artifact.summary,
    ...createCodeLookup(index),
    ...createCodeHierarchy(index),
    ...createCodeNotes(index),
    ...createCodeSearch(index, phrases),
    ...createCodeListing(index, phrases),
    cpt: artifact.cpt,
    ...(artifact.edits === undefined ? {} : { edits: artifact.edits }),
  };
}
