import { isInflammationWord, matchStem, stemToken, wordTokens } from '../core/term-key.js';
import type { TokenizedText } from '../text/tokenize.js';
import type { Abbreviation } from './knowledge.js';

/**
 * Note words that stand for a neoplasm-table column (see `NEOPLASM_COLUMNS`). A Map, so a note word
 * such as "constructor" is not mistaken for one of an object's inherited properties.
 */
const CLASS_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    malign: '§malignant',
    cancer: '§malignant',
    carcinoma: '§malignant',
    adenocarcinoma: '§malignant',
    sarcoma: '§malignant',
    malignanc: '§malignant',
    metastat: '§secondary',
    metastasi: '§secondary',
    metastas: '§secondary',
    secondari: '§secondary',
    benign: '§benign',
    situ: '§insitu',
    neoplasm: '§neoplasm',
    tumor: '§neoplasm',
    tumour: '§neoplasm',
    // Not "mass": the Neoplasm Table's note — a mass, unless otherwise stated, is not to be regarded as a
    // neoplastic growth (the Index sends it to the organ's disease or to Lump: "Mass, lung R91.8").
  }),
);

/**
 * Prefixes a note may write apart from their word where the classification writes one word ("post
 * laminectomy", "post-laminectomy" for the Index's "postlaminectomy"; "pre-diabetes"; "peri-anal").
 */
const JOINED_PREFIXES = new Set([
  'non',
  'post',
  'pre',
  'peri',
  'intra',
  'extra',
  'sub',
  'anti',
  'hypo',
  'hyper',
]);

/**
 * Prefixes that make their word another condition: pre-diabetes is not diabetes, post-polio syndrome not
 * polio. ("non-" negates its word rather than naming another: the assertion's business, not left out.)
 */
const MEANING_PREFIXES = new Set(['pre', 'post', 'anti']);

/**
 * Whether the token at `i` carries a prefix written apart that makes it another condition
 * ("pre-diabetes", "post polio"), and `required` (a term's words) does not read the two as the one word
 * (the Index's "Prediabetes"): a term read from the bare word names something the note does not say.
 */
export function prefixedAway(text: TokenizedText, i: number, required: readonly string[]): boolean {
  const prefix = text.tokens[i - 1]?.norm ?? '';
  if (!MEANING_PREFIXES.has(prefix)) {
    return false;
  }
  const joined = joinedWord(text, i);
  return (
    joined !== undefined &&
    // The term reads the two words as one ("Prediabetes") or reads the prefix itself ("Pregnancy,
    // post-term"): it says what the note says.
    !required.includes(joined) &&
    !required.includes(matchStem(prefix))
  );
}

/**
 * Words that, right before a bare condition word, make it another finding than the one its bare index
 * entry codes: a hepatojugular or venous "reflux" is no gastro-esophageal reflux ("Reflux K21.9"), nor is
 * contrast that refluxes on an angiogram, nor the reflux of a ureter, which has its own entries; portal,
 * intracranial or right ventricular "hypertension" is no essential hypertension (I10). Keyed by the
 * condition word's stem.
 */
const QUALIFIED_AWAY: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'reflux',
    new Set(
      'hepatojugular abdominojugular venous vein veins saphenous femoral popliteal valvular mitral aortic tricuspid pulmonic vesicoureteral vesicoureteric ureteral ureteric urinary contrast dye'.split(
        ' ',
      ),
    ),
  ],
  // Pressure in another circulation or space than the systemic arteries: each has its own code (portal
  // K76.6, intracranial G93.2, ocular H40.05-, pulmonary I27.2-) or none (a ventricle's).
  [
    'hypertens',
    new Set(
      'pulmonary pulmonic portal intracranial ocular intraocular ventricular venous abdominal intraabdominal renovascular gestational'.split(
        ' ',
      ),
    ),
  ],
]);
/**
 * Words right after it that do the same: "reflux of contrast", "reflux of 2 seconds" (a vein's), "reflux
 * nephropathy"; a dialysis catheter or access is a device placed or removed, not the dialysis status, and
 * dialysis "until 1996" has ended.
 */
const QUALIFIED_AFTER: ReadonlyMap<string, RegExp> = new Map([
  [
    'reflux',
    /^(of (contrast|dye|urine|blood|bile)|of (?:[\d.*]+|greater than|more than|less than|approximately)\s*\d*\s*(?:seconds?|secs?|ms)?\b|nephropath\w*|time|into the (vein|ureter|kidney|inferior vena cava|ivc))/,
  ],
  ['dialysi', /^(catheters?|access|port|until (19|20)\d\d)\b/],
  ['hemodialysi', /^(catheters?|access|port|until (19|20)\d\d)\b/],
]);

/**
 * Whether the condition words of a match, `first` to `last`, stand qualified as another finding by the
 * word before them or the words after them (see {@link QUALIFIED_AWAY}, {@link QUALIFIED_AFTER}).
 */
export function qualifiedAway(
  text: TokenizedText,
  first: number,
  last: number,
  raw: string,
): boolean {
  const token = text.tokens[first];
  const words = token === undefined ? undefined : QUALIFIED_AWAY.get(token.stem);
  const before = text.tokens[first - 1];
  if (
    token !== undefined &&
    words !== undefined &&
    before !== undefined &&
    before.sentence === token.sentence &&
    words.has(before.norm)
  ) {
    return true;
  }
  const end = text.tokens[last];
  const after = end === undefined ? undefined : QUALIFIED_AFTER.get(end.stem);
  return (
    end !== undefined &&
    after !== undefined &&
    after.test(
      raw
        .slice(end.end, end.end + 40)
        .trimStart()
        .toLowerCase(),
    )
  );
}

/** The one word a prefix and the next token make when nothing but a hyphen or a space parts them. */
function joinedWord(text: TokenizedText, i: number): string | undefined {
  const token = text.tokens[i];
  const prefix = text.tokens[i - 1];
  if (
    token === undefined ||
    prefix === undefined ||
    !JOINED_PREFIXES.has(prefix.norm) ||
    prefix.sentence !== token.sentence ||
    token.start - prefix.end > 1 ||
    !/^[a-z]{3,}$/.test(token.norm)
  ) {
    return undefined;
  }
  return matchStem(prefix.norm + token.norm);
}

/** Compiled abbreviation and word-variant table: note word → stems it stands for, and context stems. */
export type AbbreviationTable = ReadonlyMap<
  string,
  { readonly stems: readonly string[]; readonly requires: readonly string[] }
>;

/** Prepares the abbreviation lexicon and the word variants for lookups. */
export function compileAbbreviations(
  list: readonly Abbreviation[],
  variants: ReadonlyMap<string, readonly string[]> = new Map(),
): AbbreviationTable {
  const table = new Map<string, { stems: string[]; requires: string[] }>();
  for (const [word, alternatives] of variants) {
    table.set(word, { stems: alternatives.map((a) => matchStem(a)), requires: [] });
  }
  for (const a of list) {
    table.set(a.abbreviation, {
      stems: a.expansion.flatMap((e) => wordTokens(e).map(matchStem)),
      requires: a.requires.map((r) => stemToken(r)),
    });
  }
  return table;
}

/**
 * Extra stems at token positions: abbreviation expansions (an ambiguous one only when a word it needs
 * is in the sentence: "PE" is pulmonary embolism next to "CT" or "anticoagulation", else left alone),
 * the neoplasm word classes, and a prefix written apart joined to its word ("post laminectomy" is also
 * "postlaminectomy", at the word's position).
 */
export function tokenAliases(
  text: TokenizedText,
  abbreviations: AbbreviationTable,
): Map<number, string[]> {
  const aliases = new Map<number, string[]>();
  const { tokens } = text;
  const sentenceStems = (s: number): Set<string> => {
    const from = text.sentenceTokenStart[s] ?? 0;
    const to = text.sentenceTokenStart[s + 1] ?? tokens.length;
    return new Set(tokens.slice(from, to).map((t) => t.stem));
  };
  const cache = new Map<number, Set<string>>();
  tokens.forEach((token, i) => {
    const abbreviation = abbreviations.get(token.norm);
    const cls = CLASS_WORDS.get(token.stem);
    const inflammation = isInflammationWord(token.norm);
    const joined = i > 0 ? joinedWord(text, i) : undefined;
    // Most tokens have none of these: no list is made for them.
    if (abbreviation === undefined && cls === undefined && !inflammation && joined === undefined) {
      return;
    }
    const found: string[] = [];
    if (joined !== undefined) {
      found.push(joined);
    }
    if (inflammation) {
      found.push(matchStem(token.norm));
    }
    if (abbreviation !== undefined) {
      let ok = abbreviation.requires.length === 0;
      if (!ok) {
        let stems = cache.get(token.sentence);
        if (stems === undefined) {
          stems = sentenceStems(token.sentence);
          cache.set(token.sentence, stems);
        }
        ok = abbreviation.requires.some((r) => [...stems].some((s) => s.startsWith(r)));
      }
      if (ok) {
        found.push(...abbreviation.stems);
      }
    }
    if (cls !== undefined) {
      found.push(cls);
    }
    if (found.length > 0) {
      aliases.set(i, found);
    }
  });
  return aliases;
}
