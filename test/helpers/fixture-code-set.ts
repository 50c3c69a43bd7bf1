import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import type { BuildSummary } from '../../src/codes/artifact-types.js';
import { loadCodeSet, type CodeSet } from '../../src/codes/code-set.js';
import { LEXICON, fixture, tempDir } from './fixtures.js';

/** Builds the hand-made fixture release (with HCPCS and a licensed CPT file) into `dir`. */
export function buildFixtureCodeSet(
  dir: string,
  withLicensedCpt = false,
): { codeSet: CodeSet; summary: BuildSummary; path: string } {
  const path = join(dir, 'codeset.json');
  const summary = buildCodeSet({
    icd10cm: [fixture('icd10cm'), fixture('icd10cm-old')],
    hcpcs: [fixture('hcpcs', 'hcpcs-2099.tsv')],
    ...(withLicensedCpt ? { cpt: fixture('cpt', 'licensed-cpt.tsv') } : {}),
    out: path,
    lexiconDir: LEXICON,
  });
  return { codeSet: loadCodeSet(path), summary, path };
}

/** Builds the official ICD-10-CM release at `icd10cm` (the real data) into `dir`, with the team lexicon. */
export function buildReleaseCodeSet(dir: string, icd10cm: string): CodeSet {
  const out = join(dir, 'codeset.json');
  buildCodeSet({ icd10cm: [icd10cm], out, lexiconDir: LEXICON });
  return loadCodeSet(out);
}

/**
 * The official ICD-10-CM release at `icd10cm` built once for the enclosing `describe` (in a temporary
 * folder removed after it): call inside the suite, read the code set in its tests.
 */
export function suiteReleaseCodeSet(icd10cm: string | undefined): () => CodeSet {
  const t = tempDir();
  let codeSet: CodeSet | undefined;
  beforeAll(() => {
    codeSet = buildReleaseCodeSet(t.dir, icd10cm ?? '');
  });
  afterAll(() => {
    t.cleanup();
  });
  return () => {
    if (codeSet === undefined) {
      throw new Error('the release code set is read before the suite built it');
    }
    return codeSet;
  };
}
