import type { CodeSet } from '../../codes/code-set.js';
import { canonicalIcd } from '../../codes/code-format.js';
import type { IcdCodeInfo } from '../../codes/code-info.js';
import { isNumberStem, stemToken, wordTokens } from '../../core/term-key.js';
import { linkFacts, type LinkFacts } from './link-facts.js';

/** A code made as specific as the text supports, and how. */
export interface LinkedCode {
  readonly code: string;
  readonly title: string;
  /** True when a default was taken (unspecified child, assumed 7th character). */
  readonly guessed: boolean;
  readonly reasons: readonly string[];
}

/** Encounter words → 7th character (ICD-10-CM guideline I.C.19.a). */
const SEVENTH_WORDS: readonly [RegExp, string, string][] = [
  [/\b(sequela|sequelae|late effect)\b/i, 'S', 'sequela'],
  // A follow-up *of the injury* — not the "follow up with your doctor" of every discharge plan.
  [
    /\b(subsequent encounter|routine healing|healing (?:fracture|well)|cast (?:check|change|removal)|(?:follow[- ]?up|recheck) (?:visit |evaluation |exam )?(?:of|for) (?:the |his |her |a |this )?(?:\w+ )?(?:fracture|injury|laceration|burn|sprain|wound))\b/i,
    'D',
    'subsequent encounter',
  ],
];

/** Words that put what follows in a later visit: "she will return in 3 weeks for cast removal". */
const LATER =
  /\b(?:will|would|to return|return(?:s|ing)? in|in \d+ (?:days?|weeks?|months?)|plan(?:s|ned)?|schedul\w*|next)\b/i;

/** Whether the encounter words are said of this encounter, not of a later visit the plan names. */
function statedNow(pattern: RegExp, text: string): boolean {
  const all = new RegExp(pattern.source, 'gi');
  for (const m of text.matchAll(all)) {
    const from = Math.max(text.lastIndexOf('.', m.index - 1), text.lastIndexOf('\n', m.index - 1));
    if (!LATER.test(text.slice(from + 1, m.index))) {
      return true;
    }
  }
  return false;
}

/** The encounter a note documents, for 7th characters: read once per note. */
export interface EncounterWords {
  /** Candidate 7th characters in order of preference, with the words that justify them. */
  readonly chars: readonly (readonly [string, string])[];
}

/**
 * Reads the encounter words of a note (one pass per pattern), when first asked: only codes that take a
 * 7th character need them.
 */
export function encounterWords(noteText: string): EncounterWords {
  let chars: readonly (readonly [string, string])[] | undefined;
  return {
    get chars() {
      chars ??= SEVENTH_WORDS.filter(([pattern]) => statedNow(pattern, noteText)).map(
        ([, value, label]) => [value, label] as const,
      );
      return chars;
    },
  };
}

const GENERIC = new Set([
  'other',
  'unspecifi',
  'specifi',
  'of',
  'and',
  'with',
  'without',
  'the',
  'in',
  'part',
  'site',
  'encount',
  'initi',
]);

/** Whether the sentence holds every one of the words (a loop: this runs per descendant and sibling). */
function holdsAll(sentenceStems: ReadonlySet<string>, words: readonly string[]): boolean {
  for (const w of words) {
    if (!sentenceStems.has(w)) {
      return false;
    }
  }
  return true;
}

const UNSPECIFIED_KIND = /\bunspecified\b/i;
const DEATH = stemToken('death');
/** What a note says of a death: "died", "expired", "death", "deceased". */
const DEATH_WORDS = ['death', 'died', 'die', 'dies', 'dead', 'expired', 'deceased', 'fatal'].map(
  stemToken,
);

/**
 * The descendant whose extra title words the sentence holds most of (a word it lacks costs a little);
 * bestScore is −1 when every descendant adds a number the sentence does not say.
 */
function bestDescendant(
  descendants: ReturnType<typeof descendantPlan>['descendants'],
  sentenceStems: ReadonlySet<string>,
): { best: IcdCodeInfo | undefined; bestScore: number } {
  let best: IcdCodeInfo | undefined;
  let bestScore = -1;
  for (const { info: d, extra, numbers } of descendants) {
    // A number the code's title adds and the note does not say contradicts it ("CKD stage 3a"
    // is not I12.0 "… with stage 5 chronic kidney disease").
    if (!holdsAll(sentenceStems, numbers)) {
      continue;
    }
    // A death the title adds ("… with death due to brain injury prior to regaining consciousness")
    // is never chosen for the other words it shares with the note ("traumatic brain injury").
    if (extra.includes(DEATH) && !DEATH_WORDS.some((w) => sentenceStems.has(w))) {
      continue;
    }
    let hit = 0;
    for (const s of extra) {
      if (sentenceStems.has(s)) {
        hit++;
      }
    }
    const score = hit - 0.01 * (extra.length - hit);
    // A tie between kinds the note does not name ("lobular" or "intraductal" carcinoma in situ of the
    // right breast) goes to the unspecified kind, not to the first listed.
    const tie =
      best !== undefined &&
      Math.abs(score - bestScore) < 1e-9 &&
      UNSPECIFIED_KIND.test(d.title) &&
      !UNSPECIFIED_KIND.test(best.title);
    if (score > bestScore + 1e-9 || tie) {
      best = d;
      bestScore = score;
    }
  }
  return { best, bestScore };
}

/**
 * The 7th character a code gets from the note's words: the encounter they name (subsequent, sequela),
 * else the initial encounter where the category has it (injuries) — for an open (compound) fracture the
 * open one, "open reduction" of a closed fracture not being one — else the character for "not applicable
 * or unspecified" (0: a single gestation's fetus, a coma scale's unstated time). `why` is empty when
 * nothing in the note chose it.
 */
function seventhCharacter(
  chars: Readonly<Record<string, string>>,
  encounter: EncounterWords,
  sentenceStems: ReadonlySet<string>,
): { char: string; why: string } {
  for (const [value, label] of encounter.chars) {
    if (chars[value] !== undefined) {
      return { char: value, why: label };
    }
  }
  if (chars.A === undefined && chars['0'] !== undefined) {
    return { char: '0', why: '' };
  }
  if (
    /open fracture/i.test(chars.B ?? '') &&
    (sentenceStems.has('open') || sentenceStems.has('compound')) &&
    !sentenceStems.has('reduct')
  ) {
    return { char: 'B', why: 'an open fracture' };
  }
  return { char: 'A', why: '' };
}

/**
 * Links a code found for a mention to the most specific billable code the text supports:
 * a header goes to the descendant whose extra title words (laterality, type, acuity, site) occur in the
 * mention's sentence, else to its unspecified child (flagged as a guess); a code that needs a 7th
 * character gets the placeholder X and the 7th character from encounter words, initial encounter
 * assumed and said so when none are written.
 * @param codeSet - the loaded code set
 * @param code - the code the dictionary pointed to
 * @param sentenceStems - stems of the sentence(s) the mention is in
 * @param encounter - the note's encounter words (see {@link encounterWords})
 * @param nearStems - stems of the few words around the mention: the side an unspecified code leaves open
 *   must be said there ("right renal mass … left lung": each its own side); default the sentence's
 */
export function linkCode(
  codeSet: CodeSet,
  code: string,
  sentenceStems: ReadonlySet<string>,
  encounter: EncounterWords,
  nearStems: ReadonlySet<string> = sentenceStems,
): LinkedCode | undefined {
  const facts = linkFacts(codeSet);
  let info = facts.icd(code);
  if (info === undefined) {
    return undefined;
  }
  const reasons: string[] = [];
  let guessed = false;
  // A billable "unspecified" code the dictionary read by its title ("Carpal tunnel syndrome, unspecified
  // upper limb") gives way to the sibling the sentence specifies ("left carpal tunnel syndrome").
  if (info.billable && facts.unspecified(info)) {
    const sibling = specificSibling(facts, info, nearStems);
    if (sibling !== undefined) {
      reasons.push(`specific code ${sibling.code} chosen over ${info.code} from words of the note`);
      info = sibling;
    }
  }
  const sevenths = facts.sevenths(info.code);
  const compact = info.code.replace('.', '');
  if (!info.billable && !(sevenths !== undefined && compact.length >= 6)) {
    const plan = descendantPlan(codeSet, info, sevenths !== undefined);
    const descendants = plan.descendants;
    if (descendants.length > 0) {
      const { best, bestScore } = bestDescendant(descendants, sentenceStems);
      if (best !== undefined && bestScore > 0) {
        reasons.push(`specific code ${best.code} chosen from words of the note`);
        info = best;
      } else {
        const fallback = plan.fallback;
        reasons.push(
          `${info.code} is a header: its unspecified code ${fallback.code} is proposed (document more detail to be specific)`,
        );
        guessed = true;
        info = fallback;
      }
    }
  }
  const seventh = facts.sevenths(info.code);
  let final = info;
  const c = info.code.replace('.', '');
  if (seventh !== undefined && c.length < 7) {
    const { char, why } = seventhCharacter(seventh.chars, encounter, sentenceStems);
    const withSeventh = canonicalIcd(`${c.padEnd(6, 'X')}${char}`);
    const found =
      withSeventh === undefined
        ? undefined
        : (codeSet.get(withSeventh, 'ICD-10-CM') as IcdCodeInfo | undefined);
    if (found !== undefined) {
      final = found;
      if (why === '' && char === '0') {
        reasons.push(
          `7th character 0 (${seventh.chars['0'] ?? 'not applicable or unspecified'}): the note names no other`,
        );
      } else if (why === '') {
        reasons.push(
          `7th character A (initial encounter) assumed: the note does not say initial, subsequent or sequela`,
        );
        guessed = true;
      } else {
        reasons.push(`7th character ${char} from "${why}"`);
      }
    }
  }
  if (!final.billable) {
    return undefined;
  }
  return { code: final.code, title: final.title, guessed, reasons };
}

/**
 * The sibling of an unspecified billable code that says what "unspecified" left open, in words the
 * sentence holds: its title is the unspecified title with "unspecified" replaced ("Carpal tunnel
 * syndrome, unspecified upper limb" → "…, left upper limb"), every added word in the sentence.
 */
function specificSibling(
  facts: LinkFacts,
  info: IcdCodeInfo,
  sentenceStems: ReadonlySet<string>,
): IcdCodeInfo | undefined {
  for (const { info: sibling, added } of facts.siblings(info)) {
    if (holdsAll(sentenceStems, added)) {
      return sibling;
    }
  }
  return undefined;
}

/** A header's billable descendants, each with the title words it adds to the header's (laterality,
 * type…) and the numbers among them, and the header's unspecified code: worked out once per header. */
interface DescendantPlan {
  readonly descendants: readonly {
    readonly info: IcdCodeInfo;
    readonly extra: readonly string[];
    readonly numbers: readonly string[];
  }[];
  readonly fallback: IcdCodeInfo;
}

const plans = new WeakMap<CodeSet, Map<string, DescendantPlan>>();

/**
 * A title's "not specified as …" and "without …" clauses, up to a comma: what they name is what the note
 * need not say, so their words earn no credit and cost nothing ("Unilateral inguinal hernia, without
 * obstruction or gangrene, not specified as recurrent" is the hernia the note names with no more words).
 */
const NOT_SPECIFIED_AS = /\b(?:not specified as|without) [^,;]*/gi;

function descendantPlan(
  codeSet: CodeSet,
  parent: IcdCodeInfo,
  stopAtSixth: boolean,
): DescendantPlan {
  let byCode = plans.get(codeSet);
  if (byCode === undefined) {
    byCode = new Map();
    plans.set(codeSet, byCode);
  }
  const key = `${parent.code}|${stopAtSixth ? 1 : 0}`;
  let plan = byCode.get(key);
  if (plan === undefined) {
    const parentWords = new Set(wordTokens(parent.title).map(stemToken));
    const infos = billableDescendants(codeSet, parent.code, stopAtSixth);
    const descendants = infos.map((d) => {
      const extra = wordTokens(d.title.replace(NOT_SPECIFIED_AS, ' '))
        .map(stemToken)
        .filter((s) => !parentWords.has(s) && !GENERIC.has(s));
      return { info: d, extra, numbers: extra.filter(isNumberStem) };
    });
    plan = { descendants, fallback: unspecified(infos, parent) };
    byCode.set(key, plan);
  }
  return plan;
}

/** Whether a code's children are all seven characters long (its codes need the placeholder X). */
function placeholderParent(codeSet: CodeSet, code: string): boolean {
  const children = codeSet.children(code);
  return children.length > 0 && children.every((k) => k.code.replace('.', '').length === 7);
}

function billableDescendants(codeSet: CodeSet, code: string, stopAtSixth: boolean): IcdCodeInfo[] {
  const out: IcdCodeInfo[] = [];
  const queue = [code];
  while (queue.length > 0 && out.length < 400) {
    const next = queue.shift() ?? '';
    for (const child of codeSet.children(next)) {
      const len = child.code.replace('.', '').length;
      if (child.billable && !(stopAtSixth && len === 7)) {
        out.push(child);
      } else if (
        stopAtSixth &&
        (len === 6 || (len === 5 && placeholderParent(codeSet, child.code)))
      ) {
        // A sixth-character code, or a fifth whose codes take the placeholder X before their 7th
        // character ("O41.03" → "O41.03X0"): the 7th character is chosen afterwards.
        out.push(child);
      } else {
        queue.push(child.code);
      }
    }
  }
  return out;
}

function unspecified(descendants: readonly IcdCodeInfo[], parent: IcdCodeInfo): IcdCodeInfo {
  const direct = descendants.filter((d) => d.code.startsWith(parent.code));
  // The most unspecified: most "unspecified" in the title ("unspecified site of unspecified female
  // breast"), then a code ending in 9, then in 0, then the shortest — but never a code "with" a
  // complication ("type 2 diabetes mellitus" is E11.9, not E11.319 "with unspecified … retinopathy")...
  // "... with loss of consciousness status unknown" (the intracranial injuries' 6th character A) is
  // what a note that says nothing of consciousness supports: more unspecified than any other.
  const score = (d: IcdCodeInfo): number =>
    (/\bstatus unknown\b/i.test(d.title) ? 16 : 0) +
    (d.title.match(/unspecified/gi)?.length ?? 0) * 4 +
    (d.code.endsWith('9') ? 2 : d.code.endsWith('0') ? 1 : 0) -
    (/\bwith\b/i.test(d.title) ? 8 : 0) -
    // ... nor both sides, which the words did not say ("inguinal hernia" is K40.90 unilateral, not
    // K40.20 bilateral).
    (/\bbilateral\b/i.test(d.title) ? 3 : 0) -
    d.code.length * 0.01;
  return [...direct].sort((a, b) => score(b) - score(a))[0] ?? parent;
}
