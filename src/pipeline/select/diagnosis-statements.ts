import type { CodeSet } from '../../codes/code-set.js';
import { arabicStages } from '../../text/number-words.js';
import { isNotecoderError } from '../../core/errors.js';
import { termKeys } from '../../core/term-key.js';
import type { Assertion, Evidence } from '../../core/types.js';
import type { SectionSpan } from '../../text/sections.js';
import { tokenize } from '../../text/tokenize.js';
import type { NoteContext } from '../context/context-analyzer.js';
import { encounterWords, linkCode } from '../linker/link-code.js';
import { sectionClass, type SectionClass } from './selection-features.js';
import { withTitleWords } from '../note-doc.js';

/** A diagnosis a note states in one of its diagnosis lists, read as a code by the code set's search. */
export interface StatedDiagnosis {
  readonly code: string;
  readonly title: string;
  /** How completely the statement and the code's text cover each other (the search score). */
  readonly score: number;
  readonly evidence: Evidence;
  readonly assertion: Assertion;
  readonly sectionClass: SectionClass;
  readonly matched: string;
}

/** Sections whose lines are diagnosis statements. */
const STATEMENT_CLASSES: ReadonlySet<SectionClass> = new Set([
  'dx',
  'preop',
  'admission',
  'complaint',
  'indication',
]);

/**
 * What stands in a diagnosis line instead of a diagnosis ("Same.", "Same as above", "Deferred", "None"):
 * the search would read "same" as "fall on same level".
 */
const NO_DIAGNOSIS =
  /^(?:same|unchanged|as above|see above|none|deferred|pending|noncontributory|not applicable|n\/a)(?:\s+as\s+(?:above|(?:the\s+)?pre-?op\w*(?:\s+diagnos[ie]s)?))?$/i;

/**
 * A statement of a mass, lesion or nodule that names no neoplasm: it is not read as one (the Neoplasm
 * Table's note: a mass, unless otherwise stated, is not to be regarded as a neoplastic growth).
 */
const UNNAMED_GROWTH = /\b(?:mass(?:es)?|lesions?|nodules?|lumps?|growths?|opacit(?:y|ies))\b/i;
const NEOPLASM_WORDS =
  /\w(?:oma|omas)\b|\b(?:cancer|carcinoma|malignan\w*|neoplas\w*|tumou?rs?|metasta\w*|leuk(?:a)?emia|ca)\b/i;
/** A neoplasm code: C00–D49. */
const isNeoplasm = (code: string): boolean => code.startsWith('C') || /^D[0-4]/.test(code);

/** Search score a statement's best code needs. */
const MIN_SCORE = 0.6;
/** Statements read per note at most (bounds the work on long lists). */
const MAX_STATEMENTS = 24;
/** Statement length in words: shorter names nothing, longer is narrative, not a diagnosis list. */
const MIN_WORDS = 1;
const MAX_WORDS = 14;

/** The items of a section's body: numbered entries, lines, sentences and semicolon-separated parts. */
function items(text: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const body = text.slice(from, to);
  // A list number belongs to the list, not the statement ("3. Breech presentation" is no fetus 3).
  const split =
    /(?:\n[ \t]*\d{1,2}[.)]\s+|\n|;|(?<=[a-z)\]])\.[ \t]+|(?:^|\s)\d{1,2}[.)]\s+|\s[a-z][.)]\s+)/gi;
  let last = 0;
  const push = (start: number, end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /[\s,.:;\-–•*#]/.test(body[s] ?? '')) {
      s++;
    }
    while (e > s && /[\s,.:;]/.test(body[e - 1] ?? '')) {
      e--;
    }
    if (e > s) {
      out.push({ start: from + s, end: from + e });
    }
  };
  for (const m of body.matchAll(split)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, body.length);
  return out;
}

/** Body parts a code's words may name. */
const BODY_PART =
  /\b(orbits?|eyes?|eyelids?|ears?|nose|lips?|face|scalp|neck|trunk|back|chest|breasts?|abdom\w*|buttocks?|groin|axilla|shoulders?|arms?|upper arms?|elbows?|forearms?|wrists?|hands?|fingers?|thumbs?|hips?|thighs?|knees?|legs?|lower legs?|ankles?|feet|foot|heels?|toes?|penis|scrotum|vulva|perineum)\b/gi;

/**
 * Whether the code's words name a body part the statement does not ("cellulitis of left orbit" for
 * "cellulitis of the left forearm"): the search found the condition, not the site.
 */
function otherSite(matched: string, statement: string): boolean {
  const part = (w: string): string => {
    const lower = w.toLowerCase();
    return lower === 'feet' ? 'foot' : lower.replace(/s$/, '');
  };
  const said = new Set((statement.match(BODY_PART) ?? []).map(part));
  return (matched.match(BODY_PART) ?? []).some((w) => !said.has(part(w)));
}

/** Word pairs of which a statement saying one is never read as a code saying the other. */
const OPPOSITES: readonly (readonly [RegExp, RegExp])[] = [
  [/\bwell\b/i, /\b(poorly|badly|inadequately|uncontrolled)\b/i],
  [/\b(?<!un)controlled\b/i, /\buncontrolled\b/i],
  [/\bwith\b/i, /\bwithout\b/i],
  [/\bacute\b/i, /\bchronic\b/i],
  [/\bbenign\b/i, /\bmalignant\b/i],
  [/\bupper\b/i, /\blower\b/i],
  [/\bprimary\b/i, /\bsecondary\b/i],
  [/\bopen\b/i, /\bclosed\b/i],
];

/**
 * Whether the code's words say the opposite of the statement's ("poorly controlled diabetes" for
 * "diabetes, well controlled"; "chronic" for "acute"): the search matched the shared words, and the
 * word that differs is the one that decides the code.
 */
function opposite(matched: string, statement: string): boolean {
  for (const [a, b] of OPPOSITES) {
    const sa = a.test(statement);
    const sb = b.test(statement);
    const ma = a.test(matched);
    const mb = b.test(matched);
    if ((sa && !sb && mb && !ma) || (sb && !sa && ma && !mb)) {
      return true;
    }
  }
  return false;
}

/**
 * Reads the diagnosis statements of a note — the items of its assessment, impression, postoperative,
 * discharge and admission diagnoses, chief complaint and indication — and looks each up in the code
 * set's search index (titles, inclusion terms, Alphabetic Index phrases): the code a coder would find
 * for the words as written, made as specific as the statement says. Each carries the assertion the
 * statement's own words give it ("possible", "history of", "no").
 * @param text - the note
 * @param sections - its sections
 * @param codeSet - the loaded code set
 * @param context - the note's context analyzer over the statement's tokens
 */
export function diagnosisStatements(
  text: string,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  analyze: (statement: ReturnType<typeof tokenize>, raw: string) => NoteContext,
): StatedDiagnosis[] {
  const out: StatedDiagnosis[] = [];
  const encounter = encounterWords(text);
  let read = 0;
  for (const section of sections) {
    const cls = sectionClass(section.name);
    if (!STATEMENT_CLASSES.has(cls)) {
      continue;
    }
    const bodyStart = Math.min(section.end, section.start + section.heading.length + 1);
    for (const item of items(text, bodyStart, section.end)) {
      const raw = text.slice(item.start, item.end);
      if (NO_DIAGNOSIS.test(raw)) {
        continue;
      }
      // Placeholders of de-identified text ("XXXX") name nothing.
      const words = termKeys(raw).filter((w) => !/^(.)\1*$/.test(w));
      if (words.length < MIN_WORDS || words.length > MAX_WORDS || read >= MAX_STATEMENTS) {
        continue;
      }
      read++;
      let hits: ReturnType<CodeSet['search']>;
      try {
        hits = codeSet.search(arabicStages(raw), { system: 'ICD-10-CM', limit: 1 });
      } catch (err) {
        if (isNotecoderError(err)) {
          continue;
        }
        throw err;
      }
      const hit = hits[0];
      if (
        hit === undefined ||
        hit.score < MIN_SCORE ||
        otherSite(hit.matched.text, raw) ||
        opposite(hit.matched.text, raw) ||
        (isNeoplasm(hit.code) && UNNAMED_GROWTH.test(raw) && !NEOPLASM_WORDS.test(raw))
      ) {
        continue;
      }
      const tokens = tokenize(raw);
      const linked = linkCode(
        codeSet,
        hit.code,
        withTitleWords(new Set(tokens.tokens.map((t) => t.stem))),
        encounter,
      );
      if (linked === undefined) {
        continue;
      }
      const assertion =
        tokens.tokens.length === 0
          ? 'present'
          : analyze(tokens, raw).assess(0, tokens.tokens.length - 1, true).assertion;
      out.push({
        code: linked.code,
        title: linked.title,
        score: hit.score,
        evidence: { start: item.start, end: item.end, text: raw, section: section.name },
        assertion,
        sectionClass: cls,
        matched: hit.matched.text,
      });
    }
  }
  return out;
}
