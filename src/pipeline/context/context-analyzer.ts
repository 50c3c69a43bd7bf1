import type { Assertion } from '../../core/types.js';
import type { TokenizedText } from '../../text/tokenize.js';
import { isFieldLabel, signNotation } from './sign-notation.js';

/** A context trigger from the team lexicon. */
export interface ContextTrigger {
  readonly tokens: readonly string[];
  /**
   * `planned`: an intention to do something ("will obtain", "plan to"); it reads as hypothetical, and its
   * scope ends at a word of purpose ("will obtain an echo *for* heart failure": the failure is present).
   */
  readonly category: Assertion | 'pseudo' | 'terminate' | 'planned';
  readonly direction: 'pre' | 'post' | 'both';
}

/** What the context around a mention says, and the words that said it. */
export interface MentionContext {
  readonly assertion: Assertion;
  /** The trigger's character range in the note, when a trigger decided the assertion. */
  readonly trigger?: { readonly start: number; readonly end: number };
}

/** Context of one note: ask it about any token range. */
export interface NoteContext {
  /**
   * Assertion of the mention spanning tokens `first..last` (inclusive). With `inside`, a trigger
   * within the span, before its last word, counts too: a learned phrase such as "no lymphadenopathy"
   * or "COPD, no pneumonia" carries its own negation (dictionary terms do not: "absence of kidney"
   * names a condition).
   */
  assess(first: number, last: number, inside?: boolean): MentionContext;
  /**
   * True when a negation, uncertainty or plan trigger sits inside tokens `first..last` without being one
   * of the term's own `words` (token positions): "COPD, no pneumonia" is not "pneumonia in (chronic
   * obstructive) disease", "diarrhea, suspected irritable bowel" not "irritable bowel with diarrhea".
   */
  assertionBetween(first: number, last: number, words: readonly number[]): boolean;
}

interface Hit {
  readonly first: number;
  readonly last: number;
  readonly category: ContextTrigger['category'];
  readonly direction: ContextTrigger['direction'];
  /** A field label ("Seizures:"): it ends forward scopes, but "Seizures: none" still negates back. */
  readonly label?: true;
}

/**
 * Negation triggers that may begin a dictionary match and still negate the rest of it: the index term
 * "Nausea (without vomiting)" matches "without nausea or vomiting", which says neither is there. A
 * term that itself begins with such a word names a condition ("Absence of kidney"): those words are
 * not listed here.
 */
const LEADING_NEGATION = new Set(['no', 'not', 'without', 'denies', 'denied', 'negative', 'never']);

/** Trigger categories that split a match whose words they stand between. */
const SPLITS: ReadonlySet<string> = new Set(['absent', 'possible', 'hypothetical', 'planned']);

/** Words that end a `planned` trigger's scope: what follows is the reason for the plan, not the plan. */
const PURPOSE = new Set(['for', 'to', 'because', 'given', 'due', 'regarding', 'as']);

/** How far a trigger reaches, in tokens: forward scope, backward scope. */
const PRE_SCOPE = 12;
const POST_SCOPE = 5;

/**
 * "Atypical chest pain, most likely musculoskeletal": an uncertainty word after a comma that goes on to
 * name something is said of that (the pain's cause), not of the condition before the comma, which stays
 * certain; "Pneumonia, likely." and "PE is likely" leave their condition uncertain.
 */
function qualifiesAfterComma(
  tokens: TokenizedText['tokens'],
  raw: string,
  mentionLast: number,
  triggerLast: number,
): boolean {
  const mention = tokens[mentionLast];
  const trigger = tokens[triggerLast];
  const next = tokens[triggerLast + 1];
  return (
    mention !== undefined &&
    trigger !== undefined &&
    next !== undefined &&
    next.sentence === trigger.sentence &&
    !next.stop &&
    raw.slice(mention.end, trigger.start).includes(',') &&
    !/[,;:.]/.test(raw.slice(trigger.end, next.start))
  );
}
// Relatives ("mother") only mark family history close by: "mother with breast cancer", not
// "her mother brought her in for fever".
const FAMILY_SCOPE = 4;
/**
 * A negation heading a list of short items that ends in "or" ("denies chest pain, palpitations, …,
 * swollen legs or varicose veins") reaches every item of it, this far.
 */
const LIST_SCOPE = 60;
/** The longest list item, in tokens, between two commas. */
const LIST_ITEM = 8;
const PRIORITY: readonly Assertion[] = [
  'absent',
  'family',
  'hypothetical',
  'possible',
  'historical',
];

/**
 * Creates a ConText-style analyzer (Harkema et al. 2009, after NegEx, Chapman et al. 2001): triggers
 * before a mention reach forward to the sentence end, a terminator ("but", "however") or a fixed
 * window; triggers after it reach back a few words; pseudo-triggers ("no increase", "not only")
 * disable the trigger words they contain. A forward scope also ends where a trigger of another
 * category begins a new clause ("without known allergies, with a history of hypertension": the
 * hypertension is historical, not negated; "no history of asthma" stays negated, the two triggers
 * touching) and where a parenthesis that opened before the trigger closes, or at a semicolon
 * (pyConText limits scopes the same way). Matching is a map lookup per token: linear in the note.
 * @param triggers - the team's trigger lexicon
 */
export function createContextAnalyzer(
  triggers: readonly ContextTrigger[],
): (text: TokenizedText, raw?: string) => NoteContext {
  const byFirst = new Map<string, ContextTrigger[]>();
  for (const trigger of triggers) {
    const first = trigger.tokens[0];
    if (first !== undefined) {
      const list = byFirst.get(first) ?? [];
      list.push(trigger);
      // Longest first, so "no evidence of" wins over "no".
      list.sort((a, b) => b.tokens.length - a.tokens.length);
      byFirst.set(first, list);
    }
  }
  return (text, raw) => {
    const { tokens } = text;
    /** True when another trigger category, a closing parenthesis or a semicolon ends hit `h`'s forward scope before token `to`. */
    const cut = (hits: readonly Hit[], h: number, to: number): boolean => {
      const hit = hits[h];
      if (hit === undefined) {
        return false;
      }
      // Triggers in a chain compose ("denies any prior history of"); two content words between a
      // trigger and the one before it make a new clause.
      let previous = hit.last;
      for (let k = h + 1; k < hits.length; k++) {
        const other = hits[k];
        if (other === undefined || other.first >= to) {
          break;
        }
        if (
          other.category !== hit.category &&
          other.category !== 'pseudo' &&
          other.category !== 'terminate' &&
          other.direction !== 'post' &&
          contentBetween(tokens, previous, other.first) >= 2
        ) {
          return true;
        }
        previous = Math.max(previous, other.last);
      }
      return (
        raw !== undefined && closesBetween(raw, tokens[hit.last]?.end ?? 0, tokens[to]?.start ?? 0)
      );
    };
    const hitsBySentence = new Map<number, Hit[]>();
    const push = (sentence: number, hit: Hit): void => {
      const list = hitsBySentence.get(sentence);
      if (list === undefined) {
        hitsBySentence.set(sentence, [hit]);
      } else {
        list.push(hit);
      }
    };
    const notation = raw === undefined ? [] : signNotation(raw);
    let nextSign = 0;
    // Review-of-systems signs before token i: "(-) fever" negates forward, "fever (-)" backward,
    // "(+)" ends a scope. A sign hit sits between tokens i − 1 and i (first = i, last = i − 1).
    const signsBefore = (i: number): void => {
      const token = tokens[i];
      while (nextSign < notation.length) {
        const sign = notation[nextSign];
        if (sign === undefined || (token !== undefined && sign.at > token.start)) {
          break;
        }
        nextSign++;
        const before = tokens[i - 1];
        const backward = (sign.direction === 'post' || token === undefined) && before !== undefined;
        const sentence = backward ? before.sentence : token?.sentence;
        if (sentence !== undefined) {
          push(sentence, {
            first: i,
            last: i - 1,
            category: sign.category,
            direction: backward ? 'post' : 'pre',
          });
        }
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      signsBefore(i);
      // A field label ("Respiratory:", "HEENT:") ends every scope that reaches over it.
      if (token !== undefined && raw !== undefined && isFieldLabel(raw, token.end)) {
        push(token.sentence, {
          first: i,
          last: i,
          category: 'terminate',
          direction: 'pre',
          label: true,
        });
      }
      const candidates = byFirst.get(tokens[i]?.norm ?? '');
      if (candidates === undefined) {
        continue;
      }
      const sentence = tokens[i]?.sentence ?? 0;
      for (const trigger of candidates) {
        let ok = true;
        for (let k = 0; k < trigger.tokens.length && ok; k++) {
          ok = tokens[i + k]?.norm === trigger.tokens[k] && tokens[i + k]?.sentence === sentence;
        }
        if (!ok) {
          continue;
        }
        push(sentence, {
          first: i,
          last: i + trigger.tokens.length - 1,
          category: trigger.category,
          direction: trigger.direction,
        });
        i += trigger.tokens.length - 1;
        break;
      }
    }
    signsBefore(tokens.length);
    return {
      assertionBetween(first, last, words) {
        for (const hit of hitsBySentence.get(tokens[first]?.sentence ?? 0) ?? []) {
          if (
            SPLITS.has(hit.category) &&
            hit.first > first &&
            hit.last < last &&
            !words.some((w) => w >= hit.first && w <= hit.last)
          ) {
            return true;
          }
        }
        return false;
      },
      assess(first, last, inside = false) {
        const sentence = tokens[first]?.sentence ?? 0;
        const hits = hitsBySentence.get(sentence);
        if (hits === undefined) {
          return { assertion: 'present' };
        }
        let best: Hit | undefined;
        let bestRank = PRIORITY.length;
        // Hits are in token order: look only at those within reach of the mention.
        let a = 0;
        let b = hits.length;
        while (a < b) {
          const mid = (a + b) >> 1;
          if ((hits[mid]?.last ?? 0) < first - LIST_SCOPE) {
            a = mid + 1;
          } else {
            b = mid;
          }
        }
        for (let h = a; h < hits.length; h++) {
          const hit = hits[h];
          if (hit === undefined || hit.first > last + POST_SCOPE) {
            break;
          }
          if (
            hit.category === 'pseudo' ||
            hit.category === 'terminate' ||
            hit.category === 'present'
          ) {
            continue;
          }
          let applies = false;
          if (hit.last < first && hit.direction !== 'post') {
            const scope =
              hit.category === 'family' && hit.last - hit.first === 0 ? FAMILY_SCOPE : PRE_SCOPE;
            const reach = first - hit.last;
            applies =
              (reach <= scope ||
                (hit.category === 'absent' &&
                  reach <= LIST_SCOPE &&
                  raw !== undefined &&
                  negatedList(tokens, raw, hit.last, first))) &&
              !blocked(hits, h, hit.last, first) &&
              !cut(hits, h, first) &&
              (hit.category !== 'planned' || !purposeBetween(tokens, hit.last, first)) &&
              !(
                hit.category === 'possible' &&
                raw !== undefined &&
                ownListItem(tokens, raw, hit, first)
              );
          } else if (inside && hit.first >= first && hit.last < last) {
            applies = hit.direction !== 'post';
          } else if (
            hit.first === first &&
            hit.last < last &&
            hit.category === 'absent' &&
            hit.direction !== 'post' &&
            LEADING_NEGATION.has(tokens[first]?.norm ?? '')
          ) {
            // The match begins with the negation ("without nausea or vomiting" read as the term
            // "nausea without vomiting"): the negation governs the rest of it.
            applies = true;
          } else if (hit.first > last && hit.direction !== 'pre') {
            applies =
              hit.first - last <= POST_SCOPE &&
              !blocked(hits, h, last, hit.first, true) &&
              !(
                hit.direction === 'both' &&
                hit.category === 'possible' &&
                raw !== undefined &&
                qualifiesAfterComma(tokens, raw, last, hit.last)
              );
          }
          const category: Assertion | undefined =
            hit.category === 'planned' ? 'hypothetical' : hit.category;
          const rank = PRIORITY.indexOf(category);
          if (applies && rank < bestRank) {
            best = hit;
            bestRank = rank;
          }
        }
        if (best === undefined) {
          return { assertion: 'present' };
        }
        return {
          assertion: best.category === 'planned' ? 'hypothetical' : (best.category as Assertion),
          trigger: { start: tokens[best.first]?.start ?? 0, end: tokens[best.last]?.end ?? 0 },
        };
      },
    };
  };
}

/**
 * "Seasonal allergies, possible food allergies, chronic sinusitis, hypertension": an uncertainty word
 * that opens an item in the middle of a comma list qualifies that item only; a comma between it and the
 * mention ends its reach. "Cough, possible pneumonia" keeps the pneumonia uncertain (no comma between),
 * and so does "possible pneumonia, sepsis" at the head of a statement (nothing listed before it).
 */
function ownListItem(
  tokens: TokenizedText['tokens'],
  raw: string,
  hit: Hit,
  mention: number,
): boolean {
  const opener = tokens[hit.first];
  const before = tokens[hit.first - 1];
  const trigger = tokens[hit.last];
  const target = tokens[mention];
  if (
    opener === undefined ||
    before === undefined ||
    trigger === undefined ||
    target === undefined ||
    before.sentence !== opener.sentence
  ) {
    return false;
  }
  return (
    raw.slice(before.end, opener.start).includes(',') &&
    raw.slice(trigger.end, target.start).includes(',')
  );
}

/**
 * Whether the words from trigger end `from` to mention start `to` are items of one comma list (none
 * longer than {@link LIST_ITEM} tokens) that ends, in the same sentence, with "or"/"nor": the shape of
 * a negated review-of-systems list, not of a clause that goes on to say something else.
 */
function negatedList(
  tokens: TokenizedText['tokens'],
  raw: string,
  from: number,
  to: number,
): boolean {
  let item = 0;
  // The first item is the trigger's own object ("denies any complications of his diabetes such as
  // kidney disease"): as long as the trigger's ordinary reach; the items after it are short.
  let limit = PRE_SCOPE;
  for (let k = from + 1; k <= to; k++) {
    const gap = raw.slice(tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0);
    if (gap.includes(',')) {
      item = 0;
      limit = LIST_ITEM;
    } else {
      item++;
    }
    if (item > limit) {
      return false;
    }
  }
  const sentence = tokens[to]?.sentence;
  for (
    let k = from + 1;
    k < from + LIST_SCOPE + LIST_ITEM && tokens[k]?.sentence === sentence;
    k++
  ) {
    const word = tokens[k]?.norm;
    if (word === 'or' || word === 'nor') {
      return true;
    }
  }
  return false;
}

/** True when a word of purpose ("for", "to") sits between token `from` and token `to`. */
function purposeBetween(tokens: TokenizedText['tokens'], from: number, to: number): boolean {
  for (let t = from + 1; t < to; t++) {
    if (PURPOSE.has(tokens[t]?.norm ?? '')) {
      return true;
    }
  }
  return false;
}

/**
 * True when a terminator or a pseudo-trigger sits strictly between token `from` and token `to`; looking
 * `backward` (a post trigger), a field label does not count.
 */
function blocked(
  hits: readonly Hit[],
  near: number,
  from: number,
  to: number,
  backward = false,
): boolean {
  // Hits are in token order; the ones between lie next to hit `near`, within the scope.
  for (
    let h = Math.max(0, near - PRE_SCOPE - 2);
    h < hits.length && h <= near + PRE_SCOPE + 2;
    h++
  ) {
    const hit = hits[h];
    if (
      hit !== undefined &&
      (hit.category === 'terminate' || hit.category === 'pseudo') &&
      !(backward && hit.label === true) &&
      hit.first > from &&
      hit.last < to
    ) {
      return true;
    }
  }
  return false;
}

/** Content words (not stopwords) strictly between token `from` and token `to`. */
function contentBetween(tokens: TokenizedText['tokens'], from: number, to: number): number {
  let n = 0;
  for (let t = from + 1; t < to; t++) {
    if (!(tokens[t]?.stop ?? true)) {
      n++;
    }
  }
  return n;
}

/** True when `text[from, to)` holds a semicolon or a `)` closing a parenthesis opened before `from`. */
function closesBetween(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3b) {
      return true;
    }
    if (c === 0x28) {
      depth++;
    } else if (c === 0x29) {
      if (depth === 0) {
        return true;
      }
      depth--;
    }
  }
  return false;
}
