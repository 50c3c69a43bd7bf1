import type { CodeSet } from '../../codes/code-set.js';
import { sentenceAround } from '../cpt/em/em-doc.js';
import type { DetectResult, Suggestion, Suppressed } from '../../core/types.js';
import { stemToken } from '../../core/term-key.js';
import { billableUnder, sideless, type BillableCode } from './bilateral-codes.js';

type Side = 'right' | 'left' | 'bilateral';

/** Paired body parts named in the plural: both sides ("osteoarthritis of the knees"). */
const BOTH_PLURAL =
  /\b(knees|hips|shoulders|elbows|wrists|hands|ankles|feet|eyes|ears|breasts|lower extremities|upper extremities|legs|arms)\b/;

/**
 * A sided title without what it, too, leaves unspecified beyond the side ("Unspecified lump in the right
 * breast, unspecified quadrant" → "… right breast"): an "unspecified" word the unspecified code's key does
 * not hold, and the word it qualifies.
 */
function withoutOpenQualifiers(title: string, key: string): string {
  const words = new Set(key.split(' '));
  // Only a qualifier after a comma: a title's first words say what the condition is ("Unspecified
  // traumatic cataract" is a traumatic one).
  return title.replace(/,\s*unspecified\s+([a-z]+)\b/gi, (m, w: string) =>
    words.has(stemToken(w.toLowerCase())) ? m : '',
  );
}

/**
 * Both sides named as one: "right and left", "left greater than right", "R > L", or the right and the
 * left vessel by their abbreviations ("RICA … LICA").
 */
const BOTH_SIDES =
  /\b(?:right|left)\s+(?:and|&)\s+(?:the\s+)?(?:left|right)\b|\b(?:right|left)\s+(?:(?:slightly|much|somewhat)\s+)?(?:greater|more|worse|larger)\s+than\s+(?:the\s+)?(?:left|right)\b|\b[rl]\s?>\s?[lr]\b/;
const RIGHT_VESSEL = /\br(?:ica|cca|eca|va)\b/;
const LEFT_VESSEL = /\bl(?:ica|cca|eca|va)\b/;

/** An eye code (chapter 7, H00–H59): its sides may be written OD, OS and OU. */
const isEyeCode = (code: string): boolean => /^H[0-5]/.test(code);

/**
 * The sides a stretch of text names; for an eye condition also the eye abbreviations (OD right eye,
 * OS left eye, OU both eyes).
 */
function sidesIn(text: string, eye = false): Set<Side> {
  const s = text.toLowerCase();
  const sides = new Set<Side>();
  if (
    BOTH_SIDES.test(s) ||
    (RIGHT_VESSEL.test(s) && LEFT_VESSEL.test(s)) ||
    (eye && /\bou\b|\bod\s*(?:and|&|\/)\s*os\b/.test(s))
  ) {
    return new Set<Side>(['bilateral']);
  }
  // "Both" of the sides or of paired parts ("both knees" is read as the plural), not of two findings
  // ("a medial and a lateral tear, both resected").
  if (/\bbilateral(ly)?\b|\bboth sides\b/.test(s) || BOTH_PLURAL.test(s)) {
    sides.add('bilateral');
  }
  if (/\bright\b/.test(s) || (eye && /\bod\b/.test(s))) {
    sides.add('right');
  }
  if (/\bleft\b/.test(s) || (eye && /\bos\b/.test(s))) {
    sides.add('left');
  }
  return sides;
}

/**
 * The procedure statement of an operative or procedure note ("PROCEDURE PERFORMED: Endoscopic release
 * of the left transverse carpal ligament", with the numbered lines under it): the heading's line and up
 * to four lines after it, until the next heading. Not the narrative ("PROCEDURE IN DETAIL").
 */
const PROCEDURE_STATEMENT =
  /^[ \t]*(?:PROCEDURES?|OPERATIONS?|NAME OF (?:THE )?(?:PROCEDURE|OPERATION)S?|TITLE OF (?:THE )?(?:PROCEDURE|OPERATION)S?)(?: PERFORMED)?[ \t]*[:,](.*(?:\n(?![ \t]*[A-Z][A-Z /&()-]{2,}[:,]).*\S.*){0,4})/m;

/**
 * The side of a diagnosis its own sentence leaves unsaid, from the procedure done for it: the side the
 * note's procedure statement names, when it names exactly one (guideline I.B.13: laterality may be
 * taken from the provider's documentation anywhere in the record).
 */
function procedureSide(text: string): Side | undefined {
  const m = PROCEDURE_STATEMENT.exec(text);
  const sides = m?.[1] === undefined ? new Set<Side>() : sidesIn(m[1]);
  return sides.size === 1 ? [...sides][0] : undefined;
}

/**
 * The one side a whole note names, anywhere ("MRI LEFT KNEE" over a report whose findings name none),
 * for an injury: an injury report is of one injured part. Not for other conditions, which coders
 * leave unsided when the diagnosis does not say it.
 */
function noteSide(text: string): Side | undefined {
  const all = sidesIn(text);
  return all.size === 1 && !all.has('bilateral') ? [...all][0] : undefined;
}

/** The sides read once per note, when a sentence leaves the side unsaid. */
interface NoteSides {
  read?: boolean;
  side?: Side | undefined;
  injuryRead?: boolean;
  injury?: Side | undefined;
}

const siblings = new WeakMap<CodeSet, Map<string, BillableCode | null>>();
/** Codes and sides remembered per code set; beyond it the sibling is looked for each time. */
const SIBLINGS_LIMIT = 100_000;

/**
 * The billable code of the category that names the side where the code's title leaves it unspecified,
 * the rest of the title the same: a property of the code set, looked for once per code, title and side.
 */
function sidedSibling(
  codeSet: CodeSet,
  code: string,
  title: string,
  side: Side,
): BillableCode | undefined {
  let known = siblings.get(codeSet);
  if (known === undefined) {
    known = new Map();
    siblings.set(codeSet, known);
  }
  const memo = `${side}|${code}|${title}`;
  const seen = known.get(memo);
  if (seen !== undefined) {
    return seen ?? undefined;
  }
  const key = sideless(title);
  const under = billableUnder(codeSet, code.slice(0, 3));
  const sidedAs = (want: Side): BillableCode | undefined => {
    const sided = new RegExp(`\\b${want}\\b`, 'i');
    return under.find(
      (c) =>
        c.code !== code &&
        sided.test(c.title) &&
        !(want !== 'bilateral' && /\bbilateral\b/i.test(c.title)) &&
        (sideless(c.title) === key || sideless(withoutOpenQualifiers(c.title, key)) === key),
    );
  };
  // A side is an axis of the category only where the condition has a right and a left code: "Right
  // heart failure" (I50.81-) names a kind of heart failure, with no left one beside it.
  const right = sidedAs('right');
  const left = right === undefined ? undefined : sidedAs('left');
  const sibling =
    right === undefined || left === undefined
      ? undefined
      : side === 'right'
        ? right
        : side === 'left'
          ? left
          : sidedAs('bilateral');
  if (known.size < SIBLINGS_LIMIT) {
    known.set(memo, sibling ?? null);
  }
  return sibling;
}

/**
 * A condition the sentence calls bilateral whose category has a right and a left code but no bilateral
 * one: both codes (guideline I.B.13: "If no bilateral code is provided and the condition is bilateral,
 * assign separate codes for both the left and right side"); undefined otherwise.
 */
function bothSides(s: Suggestion, text: string, codeSet: CodeSet): Suggestion[] | undefined {
  const ev = s.evidence[0];
  if (s.system !== 'ICD-10-CM' || ev === undefined || !/\bunspecified\b/i.test(s.title)) {
    return undefined;
  }
  const sentence = sentenceAround(text, ev.start, ev.end);
  const named = sidesIn(text.slice(sentence.start, sentence.end), isEyeCode(s.code));
  if (named.size !== 1 || !named.has('bilateral')) {
    return undefined;
  }
  const right = sidedSibling(codeSet, s.code, s.title, 'right');
  const left = sidedSibling(codeSet, s.code, s.title, 'left');
  if (right === undefined || left === undefined) {
    return undefined;
  }
  return [right, left].map((sibling) => ({
    ...s,
    code: sibling.code,
    title: sibling.title,
    reasons: [
      ...s.reasons,
      `bilateral, and the category has no bilateral code: ${right.code} and ${left.code} (guideline I.B.13)`,
    ],
  }));
}

/**
 * The suggestion as its sided sibling when its title leaves the side unspecified and the note names
 * one (see {@link lateralCodes}), whatever its confidence; undefined when it stays as it is.
 * @param procedure - the note's procedure-statement side and the one side the whole note names (for an
 *   injury), read at most once per note
 */
export function sidedSuggestion(
  s: Suggestion,
  text: string,
  codeSet: CodeSet,
  procedure: NoteSides,
): Suggestion | undefined {
  const ev = s.evidence[0];
  if (s.system !== 'ICD-10-CM' || ev === undefined || !/\bunspecified\b/i.test(s.title)) {
    return undefined;
  }
  const sentence = sentenceAround(text, ev.start, ev.end);
  const named = sidesIn(text.slice(sentence.start, sentence.end), isEyeCode(s.code));
  let side: Side | undefined;
  if (named.size === 1) {
    side = [...named][0];
  } else if (named.size === 0) {
    if (procedure.read !== true) {
      procedure.side = procedureSide(text);
      procedure.read = true;
    }
    if (procedure.side === undefined && s.code.startsWith('S') && procedure.injuryRead !== true) {
      procedure.injury = noteSide(text);
      procedure.injuryRead = true;
    }
    side = procedure.side ?? (s.code.startsWith('S') ? procedure.injury : undefined);
  }
  if (side === undefined) {
    return undefined;
  }
  const sibling = sidedSibling(codeSet, s.code, s.title, side);
  if (sibling === undefined) {
    return undefined;
  }
  return {
    ...s,
    code: sibling.code,
    title: sibling.title,
    reasons: [
      ...s.reasons,
      `the note names the side (${side}): ${sibling.code} rather than ${s.code} (guideline I.B.13)`,
    ],
  };
}

/**
 * The specific code over the unspecified one for laterality: a billed code whose title leaves the side
 * unspecified ("carpal tunnel syndrome, unspecified upper limb", "osteoarthritis of knee, unspecified")
 * becomes its right, left or bilateral sibling when the sentence of its evidence names exactly one side
 * (or the paired part in the plural: "both knees", "the knees"), or, when that sentence names none, the
 * note's procedure statement does ("Carpal tunnel syndrome" operated by "release of the left transverse
 * carpal ligament"). Guideline I.B.13 and the coder's rule of
 * the highest specificity the note supports; the unspecified code is listed as suppressed with the reason.
 * @param result - the selected billing result
 * @param text - the note
 * @param codeSet - the code set (titles and hierarchy)
 * @param operating - the note's operating threshold
 */
export function lateralCodes(
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  const replaced: Suppressed[] = [];
  // The procedure statement's side, read once and only when a sentence leaves the side unsaid.
  const procedure: NoteSides = {};
  const suggestions = result.suggestions.flatMap((s): Suggestion[] => {
    if (s.confidence < operating) {
      return [s];
    }
    const sided = sidedSuggestion(s, text, codeSet, procedure) ?? bothSides(s, text, codeSet);
    const fresh = [sided ?? []]
      .flat()
      .filter((x) => !result.suggestions.some((o) => o.code === x.code));
    if (fresh.length === 0) {
      return [s];
    }
    replaced.push({
      ...s,
      reason: 'less-specific',
      reasons: [...s.reasons, `the note names the side: ${fresh.map((x) => x.code).join(', ')}`],
    });
    return fresh;
  });
  if (replaced.length === 0) {
    return result;
  }
  return { ...result, suggestions, suppressed: [...result.suppressed, ...replaced] };
}
