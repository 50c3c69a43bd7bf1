import type { CodeSet } from '../../codes/code-set.js';
import type { IcdCodeInfo } from '../../codes/code-info.js';
import { termKeys } from '../../core/term-key.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';
import { billedDiagnosis } from './billed-diagnosis.js';

/** One item of a "use additional code" note that names its code: "urinary retention (R33.8)". */
interface NamedCode {
  readonly words: readonly string[];
  readonly code: string;
}

const ITEM = /^(.*?)\s*\(([A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4})\)\s*$/;
const named = new WeakMap<CodeSet, Map<string, readonly NamedCode[]>>();

/** The codes a code's own "use additional code" note names, each with the words it names it by. */
function namedCodes(codeSet: CodeSet, code: string): readonly NamedCode[] {
  let byCode = named.get(codeSet);
  if (byCode === undefined) {
    byCode = new Map();
    named.set(codeSet, byCode);
  }
  let list = byCode.get(code);
  if (list === undefined) {
    const info = codeSet.get(code, 'ICD-10-CM') as IcdCodeInfo | undefined;
    list = (info?.notes.useAdditionalCode ?? []).flatMap((item) => {
      const m = ITEM.exec(item);
      const words = m?.[1] === undefined ? [] : termKeys(m[1]);
      return m?.[2] === undefined || words.length === 0 ? [] : [{ words, code: m[2] }];
    });
    byCode.set(code, list);
  }
  return list;
}

/**
 * The code a billed code's "use additional code" note names for a symptom, over another code of that
 * symptom's category: benign prostatic hyperplasia with lower urinary tract symptoms (N40.1) names
 * "urinary retention (R33.8)", so the retention it causes is R33.8, not "Retention of urine,
 * unspecified" (R33.9). The other code must have been read from the words the note item names, and the
 * named code must be billable. The replaced code is listed as suppressed (`less-specific`).
 * @param result - the selected result
 * @param codeSet - the code set (Tabular notes)
 * @param operating - the note's operating threshold
 */
export function namedCompanions(
  result: DetectResult,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const billed = result.suggestions.filter((s) => billedDiagnosis(s, operating));
  const items = billed.flatMap((b) => namedCodes(codeSet, b.code).map((n) => ({ by: b, ...n })));
  if (items.length === 0) {
    return result;
  }
  const replaced: Suppressed[] = [];
  const codes = new Set(result.suggestions.map((s) => s.code));
  const suggestions = result.suggestions.map((s): Suggestion => {
    if (s.system !== 'ICD-10-CM') {
      return s;
    }
    // The evidence's words are read only for a suggestion of a category a note item names.
    const rivals = items.filter(
      (n) => n.code !== s.code && n.code.slice(0, 3) === s.code.slice(0, 3) && !codes.has(n.code),
    );
    if (rivals.length === 0) {
      return s;
    }
    const words = new Set(s.evidence.flatMap((e) => termKeys(e.text)));
    const item = rivals.find((n) => n.words.every((w) => words.has(w)));
    const info =
      item === undefined ? undefined : (codeSet.get(item.code, 'ICD-10-CM') as IcdCodeInfo);
    if (item === undefined || info === undefined || !info.billable) {
      return s;
    }
    codes.add(item.code);
    replaced.push({
      ...s,
      reason: 'less-specific',
      reasons: [...s.reasons, `${item.code} is the code ${item.by.code}'s note names for it`],
    });
    return {
      ...s,
      code: item.code,
      title: info.title,
      reasons: [
        ...s.reasons,
        `${item.by.code} ${item.by.title}: its "use additional code" note names ${item.code} for ${item.words.join(' ')} (Tabular List)`,
      ],
    };
  });
  if (replaced.length === 0) {
    return result;
  }
  return {
    ...result,
    suggestions,
    suppressed: [...result.suppressed, ...replaced].sort((a, b) => b.confidence - a.confidence),
  };
}
