import type { CodeSet } from './code-set.js';
import type { CodeInfo, IcdCodeInfo } from './code-info.js';
import { parseCodeRefs } from './icd10cm/code-refs.js';

const COMPANION_KINDS = ['codeFirst', 'useAdditionalCode', 'codeAlso'] as const;

/**
 * The "code first", "use additional code" and "code also" notes of a code and its ancestors, each
 * with the code references it names (the page warns when none of them is among the codes).
 */
function companionNotes(owners: readonly IcdCodeInfo[]): Record<string, unknown>[] {
  return owners.flatMap((owner) =>
    COMPANION_KINDS.flatMap((kind) =>
      (owner.notes[kind] ?? []).map((note) => ({
        kind,
        note,
        declaredAt: owner.code,
        refs: parseCodeRefs(note),
      })),
    ),
  );
}

/** Everything `codes show` reports about one code, as one JSON-ready object. */
export function describeCode(codeSet: CodeSet, info: CodeInfo): Record<string, unknown> {
  if (info.system !== 'ICD-10-CM') {
    return { ...info };
  }
  return {
    ...info,
    fiscalYear: codeSet.versions.fiscalYear,
    ancestors: codeSet.ancestors(info.code).map((a) => ({ code: a.code, title: a.title })),
    children: codeSet
      .children(info.code)
      .map((c) => ({ code: c.code, title: c.title, billable: c.billable })),
    excludes1: codeSet.excludes1(info.code).map(({ declaredAt, note }) => ({ declaredAt, note })),
    excludes2: codeSet.excludes2(info.code).map(({ declaredAt, note }) => ({ declaredAt, note })),
    sevenths: codeSet.sevenths(info.code) ?? null,
    indexPhrases: codeSet.indexPhrases(info.code),
    instructions: companionNotes([info, ...codeSet.ancestors(info.code)]),
  };
}
