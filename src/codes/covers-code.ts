import type { CodeSet } from './code-set.js';

/** A code without its dot and trailing placeholder X's, upper case ("w19.xxx" → "W19"). */
function stem(code: string): string {
  return code.replace('.', '').toUpperCase().replace(/X+$/, '');
}

/**
 * Whether a labeled ICD-10-CM code that is not billable in the loaded code set stands for `code`, a
 * different code below it: a category coded as such ("C50.9" → C50.919), an older release's code that
 * has since been split ("R51" → R51.9, "M54.5" → M54.50) or one written without its 7th character
 * ("T14.8" → T14.8XXA, "W19.XXX" → W19.XXXA). CodiEsp is coded with the 2018 Spanish edition, which
 * is why its labels need this to be compared with FY2026 suggestions.
 * @param codeSet - the loaded code set
 * @param labeled - the code in the labels
 * @param code - a suggested (billable) code
 */
export function coversCode(codeSet: CodeSet, labeled: string, code: string): boolean {
  const own = stem(labeled);
  const other = stem(code);
  if (other === own || !other.startsWith(own)) {
    return false;
  }
  const info = codeSet.get(labeled, 'ICD-10-CM');
  return info?.system !== 'ICD-10-CM' || !info.billable;
}
