import { termKeys } from '../../core/term-key.js';
import type { Suggestion } from '../../core/types.js';

/** A suggestion dropped for a more specific one, with the code that replaces it. */
export interface Replaced {
  readonly suggestion: Suggestion;
  readonly by: Suggestion;
}

/** Whether every span of `inner` lies inside a span of `outer` — a longer one unless `same` allows equal. */
function inside(inner: Suggestion, outer: Suggestion, same: boolean): boolean {
  return (
    inner.evidence.length > 0 &&
    inner.evidence.every((e) =>
      outer.evidence.some(
        (o) => o.start <= e.start && o.end >= e.end && (same || o.end - o.start > e.end - e.start),
      ),
    )
  );
}

/** A title's not-otherwise-specified marker: "unspecified", "not specified as recurrent". */
const UNSPECIFIED = /\bunspecified\b|\bnot specified as\b/i;
/** A title without its "not specified as …" clause: what it names, not what it leaves open. */
const named = (title: string): string => title.replace(/,?\s*not specified as [^,;]*/gi, '');
/** Title words that do not tell two codes of a category apart. */
const NEUTRAL = new Set(['unspecifi', 'other', 'without', 'nos', 'with', 'type']);

/** Whether `specific`'s title holds every telling word of `general`'s (it refines, not replaces, it). */
function refines(specific: string, general: string): boolean {
  const words = new Set(termKeys(specific));
  return termKeys(general).every((w) => NEUTRAL.has(w) || words.has(w));
}
/**
 * Whether `specific` names more of the same condition than the unspecified `general` of its category
 * ("Unspecified diastolic (congestive) heart failure" beside "Heart failure, unspecified"): every
 * telling word of `general` and at least one more.
 */
function narrows(specific: string, general: string): boolean {
  const telling = (t: string): Set<string> => new Set(termKeys(t).filter((w) => !NEUTRAL.has(w)));
  const g = telling(general);
  const s = telling(specific);
  return s.size > g.size && [...g].every((w) => s.has(w));
}
/**
 * The not-otherwise-specified code of a condition, titled "<condition>, unspecified[ organism|site…]"
 * ("Anemia, unspecified", "Pneumonia, unspecified organism", "Sepsis, unspecified organism") or
 * "Unspecified <condition>" ("Unspecified cataract", "Unspecified glaucoma"): the words of the
 * condition, when the title is of one of those forms.
 */
function nosCondition(title: string): string | undefined {
  const m =
    /^([^,]+), unspecified(?: [a-z]+)?$/i.exec(title) ?? /^unspecified ([^,]+)$/i.exec(title);
  return m?.[1];
}

/**
 * Whether `specific`, of the same chapter, codes a kind of the condition a "<condition>, unspecified"
 * title names ("Iron deficiency anemia, unspecified" for "Anemia, unspecified"): every telling word of
 * the condition and more, and not a combination with another condition ("… with heart failure" asks for
 * the heart failure code as well).
 */
function kindOf(specific: Suggestion, nos: Suggestion): boolean {
  const condition = nosCondition(nos.title);
  return (
    condition !== undefined &&
    specific.code[0] === nos.code[0] &&
    !/\bwith\b/i.test(specific.title) &&
    narrows(specific.title, condition)
  );
}
/** "Other chest pain", "Other specified anxiety disorders": a residual class, not a refinement. */
const RESIDUAL = /^other\b|\bother specified\b/i;

/** Words of a broad class ("disorder of kidney and ureter"), whose "other" code holds other conditions. */
const BROAD = new Set(
  termKeys('disorder disorders disease diseases condition conditions abnormality'),
);

/**
 * Whether `residual` ("Other chest pain", "Other specified anxiety disorders") is the other-specified
 * class of the very condition the unspecified `nos` of its category names ("Chest pain, unspecified",
 * "Anxiety disorder, unspecified"): the note said what kind it is (atypical, pleuritic, chest wall), so the
 * condition has its code and the unspecified one adds nothing, wherever the note says each (guideline
 * I.A.9.a: "other" codes are for specified forms that have no code of their own).
 */
function residualOf(residual: Suggestion, nos: Suggestion): boolean {
  // The same category first: it is asked of every pair of a note's suggestions.
  if (residual.code.slice(0, 3) !== nos.code.slice(0, 3)) {
    return false;
  }
  const condition = nosCondition(nos.title);
  const m = /^other (?:specified )?(.+)$/i.exec(residual.title);
  if (condition === undefined || m?.[1] === undefined) {
    return false;
  }
  const telling = (t: string): string[] => termKeys(t).filter((w) => !NEUTRAL.has(w));
  const a = telling(condition);
  if (a.some((w) => BROAD.has(w))) {
    // "Other specified disorders of kidney and ureter": a class of different conditions, not a kind
    // of the one the unspecified code names.
    return false;
  }
  const b = new Set(telling(m[1]));
  return a.length === b.size && a.every((w) => b.has(w));
}

/** The words a title says its code is without ("… without esophagitis" → esophagitis), up to a comma. */
const withoutWords = (title: string): string[] =>
  [...title.matchAll(/\bwithout ([^,;]+)/gi)].flatMap((m) => termKeys(m[1] ?? ''));
/** The words a title says its code is with, without what it is without ("with esophagitis, without bleeding"). */
const withWords = (title: string): string[] =>
  [...title.matchAll(/\bwith ([^,;]+)/gi)].flatMap((m) => termKeys(m[1] ?? ''));

/**
 * Whether `present` says the condition has what `absent`, of its category, says it is without ("GERD
 * with esophagitis" beside "GERD without esophagitis"): one condition cannot be both, and where the
 * note's words for `present` name the complication ("reflux esophagitis") the code without it gives way,
 * wherever the note says each.
 */
function contradicts(present: Suggestion, absent: Suggestion): boolean {
  if (present.code.slice(0, 3) !== absent.code.slice(0, 3)) {
    return false;
  }
  // "Without complications" (E11.9, K50.90): a code of the category with one says otherwise, when
  // words of its own named it (not the very words the code without was read from).
  if (/\bwithout complications?\b/i.test(absent.title) && /\bwith\b/i.test(present.title)) {
    return present.evidence.some(
      (e) => !absent.evidence.some((a) => a.start === e.start && a.end === e.end),
    );
  }
  const without = withoutWords(absent.title).filter((w) => !NEUTRAL.has(w));
  if (without.length === 0) {
    return false;
  }
  const has = new Set(withWords(present.title));
  const read = new Set(present.evidence.flatMap((e) => termKeys(e.text)));
  return without.some((w) => has.has(w) && read.has(w));
}

/** A code that names no site or kind of its own: a symptom (R) or an injury of unspecified region (T14). */
const nonSpecific = (code: string): boolean => code.startsWith('R') || code.startsWith('T14');
/** Found only by a learned association (`toSuggestion` names such a candidate so), not by a reading. */
const learnedOnly = (s: Suggestion): boolean =>
  s.reasons[0]?.startsWith('learned from coded notes') === true;

/**
 * The specific code replaces its less specific relative (issue 17; guideline I.B.5 and I.A.9: code to
 * the highest specificity documented). A suggestion is replaced when every word that produced it lies
 * inside the longer words of a suggestion a coder keeps (at or above `operating`), and that one is of
 * the same category ("coronary artery disease" I25.10 inside "coronary artery disease with unstable
 * angina" I25.110; "atrial fibrillation" I48.91 inside "paroxysmal atrial fibrillation" I48.0; the same
 * words read as "Obesity, unspecified" beside "Morbid (severe) obesity"), or it is
 * a symptom or unspecified-region injury the longer reading explains ("fracture" T14.8XXA inside
 * "fracture of the nasal bones" S02.2XXA, "cough" inside "whooping cough"), or a code only a learned
 * association proposed from words inside a reading's ("regurgitation" → I33.0 inside "tricuspid
 * regurgitation" I07.1), or a code of the category without a complication that a kept sibling's words
 * name ("GERD without esophagitis" beside "reflux esophagitis" K21.00). A separate condition the
 * longer words also name keeps its own code ("CKD" beside "diabetes with CKD": another category).
 * @param suggestions - the ICD-10-CM suggestions of a note
 * @param operating - the confidence a replacing code needs
 * @param categoryTitle - a code's category (three-character) title: every code of a category is a kind
 *   of what it names ("End stage renal disease" is a "Chronic kidney disease (CKD)", N18), so a code
 *   narrows its category's unspecified code with the category's words as well as its own
 */
export function specificOverNos(
  suggestions: readonly Suggestion[],
  operating: number,
  categoryTitle: (code: string) => string | undefined = () => undefined,
): { kept: Suggestion[]; replaced: Replaced[] } {
  // A continuing condition told in the history ("history of paroxysmal atrial fibrillation", kept as
  // still coded) names its kind as well as a present one.
  const strong = suggestions.filter(
    (s) =>
      s.system === 'ICD-10-CM' &&
      s.confidence >= operating &&
      (s.assertion === 'present' || s.assertion === 'historical'),
  );
  const kept: Suggestion[] = [];
  const replaced: Replaced[] = [];
  for (const s of suggestions) {
    const by =
      s.system !== 'ICD-10-CM'
        ? undefined
        : strong.find(
            (o) =>
              o !== s &&
              o.code !== s.code &&
              (residualOf(o, s) ||
                contradicts(o, s) ||
                (!RESIDUAL.test(o.title) &&
                  // One condition, one code: the unspecified code of a category gives way to the code
                  // of the same category that names more of it, wherever the note says each.
                  ((o.code.slice(0, 3) === s.code.slice(0, 3) &&
                    UNSPECIFIED.test(s.title) &&
                    narrows(`${o.title} ${categoryTitle(o.code) ?? ''}`, named(s.title))) ||
                    // ... and the condition's NOS code gives way to a code of its kind in another
                    // category ("Anemia, unspecified" beside "Iron deficiency anemia, unspecified").
                    kindOf(o, s) ||
                    (((o.code.slice(0, 3) === s.code.slice(0, 3) && refines(o.title, s.title)) ||
                      (nonSpecific(s.code) && !nonSpecific(o.code)) ||
                      // Words a reading already codes ("regurgitation" inside "tricuspid
                      // regurgitation"): an association learned from them adds nothing.
                      (learnedOnly(s) && !learnedOnly(o))) &&
                      // The same words read both ways ("morbid obesity": E66.01 and E66.9): the unspecified
                      // reading of the category gives way.
                      inside(
                        s,
                        o,
                        (o.code.slice(0, 3) === s.code.slice(0, 3) &&
                          UNSPECIFIED.test(s.title) &&
                          !UNSPECIFIED.test(o.title)) ||
                          // ... and an association learned from exactly the words a reading codes as
                          // another condition ("mitral regurgitation" → endocarditis I33.0 beside I34.0)
                          // adds nothing either; within the reading's category the selection weighs both.
                          (learnedOnly(s) &&
                            !learnedOnly(o) &&
                            o.code.slice(0, 3) !== s.code.slice(0, 3)),
                      ))))),
          );
    if (by === undefined) {
      kept.push(s);
    } else {
      replaced.push({ suggestion: s, by });
    }
  }
  return { kept, replaced };
}
