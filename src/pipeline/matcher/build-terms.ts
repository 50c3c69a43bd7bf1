import type { CodeSet } from '../../codes/code-set.js';
import { matchStem, wordTokens } from '../../core/term-key.js';
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

/** A main term's qualifier that is its default sense ("Fracture, traumatic"). */
const DEFAULT_SENSE = /^\s*(traumatic)\b/i;

/** The end of a long bone, which notes name by its adjective alone ("distal radius"). */
const BONE_END = /\b(lower|upper|distal|proximal)\s+end\b/gi;

/** The optional words of the many terms that have none. */
const NONE: readonly string[] = Object.freeze([]);

/** Words that end what a "without" says is absent. */
const FUNCTION_WORDS = new Set('of the a an and or in to due by for at on from'.split(' '));

/**
 * An index sub-term that only says "a specified kind not listed here": "specified NEC", "specified type
 * NEC", "other specified", "other (specified)".
 */
const RESIDUAL =
  /^\s*(?:other\s+)?\(?specified\)?(?:\s+(?:type|form|site|kind|cause)s?)?(?:\s+NEC)?\s*$|^\s*other\s*(?:\(specified\))?\s*(?:NEC)?\s*$/i;

/** A residual title: "Other cerebral palsy", "Other specified disorders of …". */
const RESIDUAL_TITLE = /^other\s+(?!and\b)/i;

interface TermParts {
  required: string[];
  optional: string[];
  /** Words that must not be near: what the term says is absent ("without heart failure"). */
  excluded: string[];
}

function split(text: string, allOptional = false): TermParts {
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  // Nonessential modifiers, in parentheses, are optional words; so are square brackets, which enclose
  // an alternative wording or an abbreviation ("Abnormal electroencephalogram [EEG]": a note says one).
  const essential = text.replace(/\([^()]*\)|\[[^[\]]*\]/g, (m) => {
    for (const t of wordTokens(m)) {
      optional.push(matchStem(t));
    }
    return ' ';
  });
  // What a "without" says is absent ends at a comma or a function word.
  let without = false;
  const words = essential.split(/[,;]/).flatMap((part) => ['', ...wordTokens(part)]);
  for (const t of words) {
    if (t === '') {
      without = false;
      continue;
    }
    const stem = matchStem(t);
    if (t === 'without') {
      without = true;
      optional.push(stem);
    } else if (without && !allOptional && !FUNCTION_WORDS.has(t)) {
      // "Hypertensive heart disease without heart failure" must not match "… with heart failure"
      // ("laceration without foreign body, right knee": the knee is not what is absent).
      if (!required.includes(stem)) {
        excluded.push(stem);
      }
    } else if (allOptional || OPTIONAL_WORDS.has(t)) {
      without = false;
      optional.push(stem);
    } else if (!required.includes(stem)) {
      required.push(stem);
    }
  }
  return { required, optional: optional.filter((o) => !required.includes(o)), excluded };
}

/**
 * Whether what follows a main term's first comma lists other forms of it ("Hypertension, hypertensive",
 * "Brown-Séquard disease, paralysis or syndrome", "Clostridium perfringens, as cause of disease …"),
 * which a note need not repeat, rather than words that qualify it ("Inflation, lung, imperfect",
 * "Swearing, compulsive"), which it must say: a part that shares its first three letters with a word
 * of the head, an "or" list, or "as cause of".
 */
function variantsOnly(headStems: readonly string[], after: string): boolean {
  if (after.trim() === '') {
    return true;
  }
  const words = wordTokens(after);
  if (words.includes('or') || /^\s*as cause\b/i.test(after)) {
    return true;
  }
  return wordTokens(after.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' '))
    .filter((w) => !OPTIONAL_WORDS.has(w))
    .every((w) => headStems.some((h) => h.slice(0, 3) === w.slice(0, 3)));
}

/** Adds a term unless it is empty, too long, or its code already has one with the same required words. */
type AddTerm = (
  code: string,
  system: TermEntry['system'],
  source: TermSource,
  text: string,
  parts: TermParts,
) => void;

/**
 * The term collector: skips a term whose code already has one with the same required words (compared as
 * sets, without building a key string per term: the build leaves less garbage in a worker's heap), and
 * shares one string per distinct stem across all terms (short words — "of", "the", "2" — are not cached
 * by the stemmer, so each term would otherwise hold its own copies: about 20 MB per worker).
 */
function termCollector(out: TermEntry[]): AddTerm {
  const byCode = new Map<string, TermEntry[]>();
  const stems = new Map<string, string>();
  const intern = (stem: string): string => {
    const shared = stems.get(stem);
    if (shared !== undefined) {
      return shared;
    }
    stems.set(stem, stem);
    return stem;
  };
  return (code, system, source, text, parts) => {
    if (parts.required.length === 0 || parts.required.length > MAX_REQUIRED) {
      return;
    }
    let made = byCode.get(code);
    if (
      made?.some(
        (e) =>
          e.system === system &&
          e.required.length === parts.required.length &&
          parts.required.every((w) => e.required.includes(w)),
      )
    ) {
      return;
    }
    const entry: TermEntry = {
      required: parts.required.map(intern),
      optional: parts.optional.length === 0 ? NONE : parts.optional.map(intern),
      ...(parts.excluded.length === 0 ? {} : { excluded: parts.excluded.map(intern) }),
      system,
      code,
      source,
      text,
    };
    if (made === undefined) {
      made = [];
      byCode.set(code, made);
    }
    made.push(entry);
    out.push(entry);
  };
}

/**
 * The term of an Alphabetic Index path: the main term's head words are required, what follows its first
 * comma is optional when it only lists variants ("Hypertension, hypertensive") and required when it
 * qualifies ("Inflation, lung"), and the sub-terms are required.
 */
function indexTerm(path: readonly string[]): TermParts {
  const [main = '', ...rest] = path;
  const last = rest.at(-1);
  if (last !== undefined && RESIDUAL.test(last)) {
    // "Palsy, cerebral, specified NEC": a kind the index does not list, which the parent's words alone
    // never name ("cerebral palsy" is G80.9, not the residual G80.8): no term.
    return { required: [], optional: [], excluded: [] };
  }
  const comma = main.indexOf(',');
  const headText = comma < 0 ? main : main.slice(0, comma);
  const head = split(headText);
  if (head.required.length === 0) {
    // A main term made only of qualifying words ("Complication(s)", "Condition") is still the
    // word the note must say: "Complication, renal" is not any "renal".
    head.required = wordTokens(headText.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' '))
      .filter((w) => !FUNCTION_WORDS.has(w))
      .map(matchStem);
    head.optional = head.optional.filter((o) => !head.required.includes(o));
  }
  // "Fracture, traumatic": the Index's default sense of a fracture (one not stated pathological is
  // traumatic), which notes do not say: optional, like a nonessential modifier.
  const after = (comma < 0 ? '' : main.slice(comma + 1)).replace(DEFAULT_SENSE, '($1)');
  const none: TermParts = { required: [], optional: [], excluded: [] };
  const isVariants = variantsOnly(head.required, after);
  const variants = isVariants ? split(after, true) : none;
  const modifiers = isVariants ? none : split(after);
  // "radius, lower end", "femur, upper end": notes say "distal radius", "proximal femur".
  const tail = split(rest.join(' ').replace(BONE_END, '$1 (end)'));
  const required = [...new Set([...head.required, ...modifiers.required, ...tail.required])];
  return {
    required,
    optional: [...head.optional, ...variants.optional, ...modifiers.optional, ...tail.optional],
    excluded: [...head.excluded, ...modifiers.excluded, ...tail.excluded].filter(
      (e) => !required.includes(e),
    ),
  };
}

/** Alphabetic Index and neoplasm-table terms; drug and external-cause entries are left out. */
function addIndexTerms(codeSet: CodeSet, add: AddTerm): void {
  for (const entry of codeSet.indexEntries()) {
    if (entry.kind === 'drug' || entry.kind === 'external') {
      continue;
    }
    if (entry.kind === 'neoplasm') {
      const [, ...rest] = entry.path;
      const cls = NEOPLASM_COLUMNS[entry.column ?? ''];
      if (cls === undefined || rest.length === 0) {
        continue;
      }
      const parts = split(rest.join(' '));
      parts.required.push(cls);
      add(entry.code, 'ICD-10-CM', 'neoplasm', `${rest.join(', ')} (${entry.column ?? ''})`, parts);
      continue;
    }
    add(entry.code, 'ICD-10-CM', 'index', entry.path.join(', '), indexTerm(entry.path));
  }
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
  const add = termCollector(out);
  for (const { code, synonyms } of codeSet.synonyms()) {
    for (const s of synonyms) {
      add(code, 'ICD-10-CM', 'synonym', s, split(s));
    }
  }
  addIndexTerms(codeSet, add);
  for (const term of codeSet.terms()) {
    // "Other cerebral palsy": a residual title, which the condition's words alone never name (the
    // index reads "cerebral palsy" as G80.9); "Other and unspecified …" titles stay.
    if (term.system === 'ICD-10-CM' && !(term.kind === 'title' && RESIDUAL_TITLE.test(term.text))) {
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
