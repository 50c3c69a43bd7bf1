import type { CodeSet } from './code-set.js';
import type { CodeInfo } from './code-info.js';

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
  };
}
