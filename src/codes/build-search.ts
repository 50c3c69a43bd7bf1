import type { CodeSetArtifact, HcpcsTable, IcdTable } from './artifact-types.js';
import { createIndexPhrases } from './icd10cm/index-phrases.js';
import type { CommonIcdEntry } from './icd10cm/load-common-lexicon.js';
import { createSearchIndexBuilder } from './search-index-builder.js';

/** Nonessential modifiers (in parentheses) are optional words: they are not search keys. */
function essential(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ');
}

/**
 * The search index of a build: every code's titles, the team's synonyms, inclusion terms, index phrases
 * (with their table column), HCPCS titles and CPT descriptions and triggers.
 */
export function buildSearch(
  icd: IcdTable,
  hcpcs: HcpcsTable | null,
  cptEntries: CodeSetArtifact['cpt']['entries'],
  common: readonly CommonIcdEntry[],
): CodeSetArtifact['search'] {
  const builder = createSearchIndexBuilder();
  const keyOf = new Map<string, number>();
  icd.codes.forEach((code, i) => keyOf.set(code, i));
  icd.codes.forEach((_, i) => {
    builder.add(i, 'L', icd.longTitles[i] ?? '');
    const short = icd.shortTitles[i] ?? '';
    if (short !== '') {
      builder.add(i, 'S', short);
    }
  });
  for (const c of common) {
    const key = keyOf.get(c.code);
    if (key !== undefined) {
      for (const synonym of c.synonyms) {
        builder.add(key, 'Y', synonym, builder.addText(synonym));
      }
    }
  }
  for (const [code, notes] of Object.entries(icd.notes)) {
    const key = keyOf.get(code);
    if (key === undefined) {
      continue;
    }
    for (const term of [...(notes.inclusionTerms ?? []), ...(notes.includes ?? [])]) {
      builder.add(key, 'I', essential(term), builder.addText(term));
    }
  }
  const phrases = createIndexPhrases(icd.index);
  for (let n = 0; n < phrases.size; n++) {
    const key = keyOf.get(icd.index.codes[n] ?? '');
    if (key !== undefined) {
      const column = phrases.column(n);
      const phrase = phrases.phrase(n);
      builder.add(key, 'X', essential(column === undefined ? phrase : `${phrase} ${column}`), n);
    }
  }
  const hcpcsBase = icd.codes.length;
  hcpcs?.codes.forEach((_, i) => {
    builder.add(hcpcsBase + i, 'D', hcpcs.longTitles[i] ?? '');
    const short = hcpcs.shortTitles[i] ?? '';
    if (short !== '') {
      builder.add(hcpcsBase + i, 'S', short);
    }
  });
  const cptBase = hcpcsBase + (hcpcs?.codes.length ?? 0);
  cptEntries.forEach((entry, i) => {
    builder.add(cptBase + i, 'D', entry.description);
    if (entry.ownDescription !== '' && entry.ownDescription !== entry.description) {
      builder.add(cptBase + i, 'D', entry.ownDescription);
    }
    for (const trigger of entry.triggers) {
      builder.add(cptBase + i, 'T', trigger, builder.addText(trigger));
    }
  });
  return builder.build();
}
