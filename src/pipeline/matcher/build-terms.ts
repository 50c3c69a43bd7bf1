import type { CodeSet } from '../../codes/code-set.js';
import { stemToken, wordTokens } from '../../core/term-key.js';
import type { TermEntry, TermSource } from './term-entry.js';

/**
 * Words that qualify rather than name a condition: a term still matches without them
 * ("Diabetes, type 2, with, hyperglycemia" matches "type 2 diabetes and hyperglycemia").
 */
const OPTIONAL_WORDS = new Set(
  'with due to in of and or by for nec nos the a an as at on from other unspecified specified site part not elsewhere classified without complication complications condition'.split(
    ' ',
  ),
);

/** Word classes the neoplasm table's columns stand for; note words map to them as aliases. */
export const NEOPLASM_COLUMNS: Readonly<Record<string, string>> = {
  'Malignant Primary': '§malignant',
  'Malignant Secondary': '§secondary',
  'Ca in situ': '§insitu',
  Benign: '§benign',
  'Uncertain Behavior': '§uncertain',
  'Unspecified Behavior': '§neoplasm',
};

const MAX_REQUIRED = 8;

/** The optional words of the many terms that have none. */
const NONE: readonly string[] = Object.freeze([]);

function split(text: string, allOptional = false): { required: string[]; optional: string[] } {
  const required: string[] = [];
  const optional: string[] = [];
  // Nonessential modifiers, in parentheses, are optional words.
  const essential = text.replace(/\([^()]*\)/g, (m) => {
    for (const t of wordTokens(m)) {
      optional.push(stemToken(t));
    }
    return ' ';
  });
  for (const t of wordTokens(essential)) {
    const stem = stemToken(t);
    if (allOptional || OPTIONAL_WORDS.has(t)) {
      optional.push(stem);
    } else if (!required.includes(stem)) {
      required.push(stem);
    }
  }
  return { required, optional: optional.filter((o) => !required.includes(o)) };
}

/**
 * Builds the dictionary terms from the code set: Alphabetic Index paths (a main term's variants after
 * its first comma are optional: "Hypertension, hypertensive"), neoplasm-table sites with the column's
 * word class, titles, inclusion terms, the team's synonyms, and CPT trigger phrases for services that
 * are not radiology or E/M (those have their own detectors). Drug-table and external-cause entries are
 * left out: a drug name alone says nothing about poisoning.
 */
export function buildTerms(codeSet: CodeSet): TermEntry[] {
  const out: TermEntry[] = [];
  const seen = new Set<string>();
  // One string per distinct stem across all terms: short words ("of", "the", "2") are not cached by
  // the stemmer, so each term would otherwise hold its own copies (about 20 MB per worker).
  const stems = new Map<string, string>();
  const intern = (stem: string): string => {
    const shared = stems.get(stem);
    if (shared !== undefined) {
      return shared;
    }
    stems.set(stem, stem);
    return stem;
  };
  const add = (
    code: string,
    system: TermEntry['system'],
    source: TermSource,
    text: string,
    parts: { required: string[]; optional: string[] },
  ): void => {
    if (parts.required.length === 0 || parts.required.length > MAX_REQUIRED) {
      return;
    }
    const key = `${system}|${code}|${[...parts.required].sort().join(' ')}`;
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    out.push({
      required: parts.required.map(intern),
      optional: parts.optional.length === 0 ? NONE : parts.optional.map(intern),
      system,
      code,
      source,
      text,
    });
  };
  for (const { code, synonyms } of codeSet.synonyms()) {
    for (const s of synonyms) {
      add(code, 'ICD-10-CM', 'synonym', s, split(s));
    }
  }
  for (const entry of codeSet.indexEntries()) {
    if (entry.kind === 'drug' || entry.kind === 'external') {
      continue;
    }
    const [main = '', ...rest] = entry.path;
    if (entry.kind === 'neoplasm') {
      const cls = NEOPLASM_COLUMNS[entry.column ?? ''];
      if (cls === undefined || rest.length === 0) {
        continue;
      }
      const parts = split(rest.join(' '));
      parts.required.push(cls);
      add(entry.code, 'ICD-10-CM', 'neoplasm', `${rest.join(', ')} (${entry.column ?? ''})`, parts);
      continue;
    }
    const comma = main.indexOf(',');
    const head = split(comma < 0 ? main : main.slice(0, comma));
    const variants =
      comma < 0 ? { required: [], optional: [] } : split(main.slice(comma + 1), true);
    const tail = split(rest.join(' '));
    add(entry.code, 'ICD-10-CM', 'index', entry.path.join(', '), {
      required: [...new Set([...head.required, ...tail.required])],
      optional: [...head.optional, ...variants.optional, ...tail.optional],
    });
  }
  for (const term of codeSet.terms()) {
    if (term.system === 'ICD-10-CM') {
      add(
        term.code,
        'ICD-10-CM',
        term.kind === 'title' ? 'title' : 'inclusion',
        term.text,
        split(term.text),
      );
    }
  }
  for (const entry of codeSet.cpt.entries) {
    if (
      entry.category === 'radiology' ||
      entry.category === 'evaluation-management' ||
      entry.category === 'vascular'
    ) {
      continue;
    }
    for (const trigger of entry.triggers) {
      add(entry.code, 'CPT', 'cpt-trigger', trigger, split(trigger));
    }
  }
  return out;
}
