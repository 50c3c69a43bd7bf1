import { canonicalIcd } from './code-format.js';
import { ancestorCodes } from './code-hierarchy.js';
import type { CodeIndex } from './code-index.js';
import type { AppliedNote } from './code-info.js';
import type { CodeSet } from './code-set-types.js';
import { parseCodeRefs, refCovers, type CodeRef } from './icd10cm/code-refs.js';
import type { TabularNotes } from './icd10cm/tabular-types.js';

/** The notes of one kind that apply to a code: its own, its ancestors', its section's and chapter's. */
function appliedNotes(
  index: CodeIndex,
  raw: string,
  kind: 'excludes1' | 'excludes2',
): AppliedNote[] {
  const { icd } = index.artifact;
  const i = index.icdIndexOf(raw);
  if (i === undefined) {
    return [];
  }
  const code = icd.codes[i] ?? '';
  const out: AppliedNote[] = [];
  const push = (declaredAt: string, notes: TabularNotes | undefined): void => {
    for (const note of notes?.[kind] ?? []) {
      out.push({ declaredAt, note, refs: parseCodeRefs(note) });
    }
  };
  for (const owner of [code, ...ancestorCodes(index, code)]) {
    push(owner, icd.notes[owner]);
  }
  const section = index.sectionOf(code);
  if (section) {
    push(section.id, section.notes);
    const chapter = index.chapterOf(section);
    if (chapter) {
      push(`chapter ${chapter.id}`, chapter.notes);
    }
  }
  return out;
}

/**
 * Instructional notes: the Excludes1 and Excludes2 notes that apply to a code, their code references
 * (parsed once per code: the pipeline asks for every candidate), and whether two codes are an Excludes1
 * pair.
 * @param index - the code index
 */
export function createCodeNotes(
  index: CodeIndex,
): Pick<CodeSet, 'excludes1' | 'excludes2' | 'excludes1Refs' | 'isExcludes1Pair'> {
  const { icdIndex } = index;
  const cache = new Map<string, readonly CodeRef[]>();
  const excludes1Refs = (code: string): readonly CodeRef[] => {
    let refs = cache.get(code);
    if (refs === undefined) {
      refs = appliedNotes(index, code, 'excludes1').flatMap((note) => note.refs);
      cache.set(code, refs);
    }
    return refs;
  };
  return {
    excludes1: (code) => appliedNotes(index, code, 'excludes1'),
    excludes2: (code) => appliedNotes(index, code, 'excludes2'),
    // A code asked before is its own cache key (keys are canonical, and canonical codes stay so):
    // the pipeline asks again and again for the same codes, and the index is large.
    excludes1Refs: (code) =>
      cache.get(code) ?? excludes1Refs(icdIndex.has(code) ? code : (canonicalIcd(code) ?? code)),
    isExcludes1Pair(a, b) {
      // Canonical codes (what the pipeline passes) skip re-parsing.
      const ca = icdIndex.has(a) ? a : canonicalIcd(a);
      const cb = icdIndex.has(b) ? b : canonicalIcd(b);
      if (ca === undefined || cb === undefined) {
        return false;
      }
      const names = (from: string, to: string): boolean => {
        const refs = excludes1Refs(from);
        if (refs.length === 0) {
          return false;
        }
        const compact = to.replace('.', '');
        return refs.some((ref) => refCovers(ref, compact));
      };
      return names(ca, cb) || names(cb, ca);
    },
  };
}
