import type { Evidence } from '../../core/types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { notDone, sentencesOf, spanOf, wordsIn } from './note-words.js';
import { NUMBER_WORDS } from '../../text/number-words.js';
import { interspaceCount } from '../cpt/procedure-facets.js';

/** A count written as digits or a word ("3", "three"); undefined otherwise. */
export function countOf(word: string): number | undefined {
  const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
  return n === undefined || n <= 0 ? undefined : n;
}

const MINUTES = /\b(\d{1,3})\s*(?:-|\s)?(?:minutes?|mins?)\b/gi;
const LESIONS =
  /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)\s+(?:\w+\s+){0,2}?(?:lesions|actinic keratos[ei]s|aks|keratoses|warts|verrucae|spots)\b/gi;

/**
 * Units of a time-based add-on (99417, 99418, 99292): the minutes its own evidence states, past the
 * first unit's start for the visit's family, one unit per step (`em-levels.tsv`).
 */
export function timeUnits(line: DraftLine, input: ClaimInput, knowledge: ClaimKnowledge): boolean {
  const rows = knowledge.em.prolonged.filter((p) => p.code === line.code);
  if (rows.length === 0) {
    return false;
  }
  const levels = new Set(input.suggestions.map((s) => s.code));
  const family = knowledge.em.levels.find((l) => levels.has(l.code))?.family;
  const row = rows.find((r) => r.family === family) ?? (rows.length === 1 ? rows[0] : undefined);
  const said = wordsIn(input.text, line.evidence, MINUTES)[0];
  const minutes = said === undefined ? undefined : Number(/\d+/.exec(said.text)?.[0]);
  if (row === undefined || said === undefined || minutes === undefined || minutes < row.firstAt) {
    line.notes.push(
      `no documented time reaches ${line.code}'s first unit: units left at 1 for review`,
    );
    return true;
  }
  line.units = Math.floor((minutes - row.firstAt) / row.step) + 1;
  line.unitsBasis = {
    reason: `${minutes} minutes documented: the first unit of ${line.code} from ${row.firstAt} minutes, then one per further ${row.step}`,
    evidence: [said],
  };
  return true;
}

/** The largest lesion count the sentences of `evidence` (or the whole note) document as treated. */
function lesionCount(text: string, evidence: readonly Evidence[]): Evidence | undefined {
  const near = wordsIn(text, sentencesOf(text, evidence), LESIONS).filter((w) => !notDone(text, w));
  const all = near.length > 0 ? near : wordsIn(text, [spanOf(text, 0, text.length)], LESIONS);
  const counted = all.filter((w) => !notDone(text, w));
  return counted.sort((a, b) => count(b) - count(a))[0];
}

const count = (e: Evidence): number => countOf(e.text.split(/\s+/)[0] ?? '') ?? 0;

/**
 * Units of "each additional lesion" add-ons (17003: the second through fourteenth premalignant lesion):
 * the documented count less the first; never more than the note counts.
 */
export function lesionUnits(
  line: DraftLine,
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): boolean {
  const entry = knowledge.cpt.get(line.code);
  if (entry?.attributes.addon !== 'yes' || !/lesion/i.test(entry.ownDescription)) {
    return false;
  }
  const said = lesionCount(input.text, line.evidence);
  const n = said === undefined ? 0 : count(said);
  if (said === undefined || n < 2) {
    line.notes.push('no count of two or more lesions documented: units left at 1 for review');
    return true;
  }
  line.units = Math.min(n - 1, 13);
  line.unitsBasis = {
    reason: `${n} lesions documented: the first is the primary code's, ${line.units} on this add-on${n > 14 ? ' (more than fourteen take another code)' : ''}`,
    evidence: [said],
  };
  return true;
}

/**
 * Units of an "each additional interspace" spine add-on (22552, 63035, 64484: `unit=interspace` in
 * cpt.tsv): the interspaces its evidence sentences name (`interspaceCount`) less the primary code's one.
 */
export function interspaceUnits(
  line: DraftLine,
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): boolean {
  if (knowledge.cpt.get(line.code)?.attributes.unit !== 'interspace') {
    return false;
  }
  const counted = sentencesOf(input.text, line.evidence)
    .map((s) => ({ s, n: interspaceCount(s.text.toLowerCase()) ?? 0 }))
    .sort((a, b) => b.n - a.n)[0];
  if (counted === undefined || counted.n < 2) {
    line.notes.push('no second interspace documented: units left at 1 for review');
    return true;
  }
  line.units = counted.n - 1;
  line.unitsBasis = {
    reason: `${counted.n} interspaces documented: the first is the primary code's, ${line.units} on this add-on`,
    evidence: [counted.s],
  };
  return true;
}

/**
 * Units of vaccine administration: "each additional vaccine" (90472) is one per vaccine product line
 * after the first; the counselled administration through age 18 (`per=vaccine`, 90460) one per product,
 * its "each further component" (`per=component`, 90461) one per component beyond each product's first
 * (`components` of the product, 1 when absent). The products' own lines are the evidence.
 */
export function vaccineAdminUnits(
  line: DraftLine,
  lines: readonly DraftLine[],
  knowledge: ClaimKnowledge,
): boolean {
  const rule = knowledge.cptRules.find(
    (r) => r.rule === 'admin' && (r.code === line.code || r.other.includes(line.code)),
  );
  const per = knowledge.cpt.get(line.code)?.attributes.per;
  if (rule === undefined || (rule.code === line.code && per !== 'vaccine')) {
    return false;
  }
  const products = lines.filter((l) => knowledge.cpt.get(l.code)?.attributes.product === 'vaccine');
  const evidence = products.flatMap((p) => p.evidence.slice(0, 1));
  if (per === 'vaccine') {
    line.units = Math.max(1, products.length);
    line.unitsBasis = {
      reason: `${products.length} vaccine(s) documented, one unit each`,
      evidence,
    };
    return true;
  }
  const components = (l: DraftLine): number =>
    Number(knowledge.cpt.get(l.code)?.attributes.components ?? 1);
  const more =
    per === 'component' ? products.reduce((n, p) => n + components(p) - 1, 0) : products.length - 1;
  if (more < 1) {
    line.notes.push(
      per === 'component'
        ? 'no combined vaccine on the claim: the further-component code needs a second component'
        : 'fewer than two vaccines on the claim: the additional-administration code needs a second',
    );
    return true;
  }
  line.units = more;
  line.unitsBasis = {
    reason:
      per === 'component'
        ? `${products.length} vaccine(s) with ${more} component(s) beyond each one's first: ${more} on ${line.code}`
        : `${products.length} vaccines documented: the first administration is ${rule.code}, ${line.units} more on ${line.code}`,
    evidence,
  };
  return true;
}
