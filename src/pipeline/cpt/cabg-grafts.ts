import type { SectionSpan } from '../../text/sections.js';
import { procedureNoteKind, type ProcedureNoteKind } from './procedure-scope.js';

/** One CABG code with the words it rests on. */
export interface CabgCode {
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly note: string;
}

const NUMBER: Readonly<Record<string, number>> = {
  one: 1,
  single: 1,
  two: 2,
  double: 2,
  three: 3,
  triple: 3,
  four: 4,
  quadruple: 4,
  five: 5,
  quintuple: 5,
  six: 6,
  sextuple: 6,
  seven: 7,
};

/**
 * The number of grafts an operation names: "coronary artery bypass grafting x3", "CABG (x4)", "bypass
 * grafting times three", "quadruple coronary artery bypass".
 */
const COUNTED =
  /\b(?:coronary artery bypass(?: graft(?:ing|s)?)?|bypass graft(?:ing|s)?|cabg)\s*(?:\(cabg\)\s*)?\(?\s*(?:x|×|times)\s*(\d|one|two|three|four|five|six|seven)\b|\b(single|double|triple|quadruple|quintuple|sextuple)(?:[- ]vessel)? (?:coronary (?:artery )?)?bypass\b/i;

/** Arterial conduits, each one graft: the internal mammary (thoracic) arteries, a radial artery, the gastroepiploic. */
const ARTERIAL: readonly RegExp[] = [
  /\b(?:left internal (?:mammary|thoracic)|lima|litA)\b/i,
  /\b(?:right internal (?:mammary|thoracic)|rima|ritA)\b/i,
  /\bradial artery\b/i,
  /\bgastroepiploic\b/i,
];
/** Both internal mammary arteries named as one ("bilateral internal mammary", "right and left internal mammary"). */
const BOTH_MAMMARY =
  /\b(?:bilateral internal (?:mammary|thoracic)|(?:right and left|left and right|both) internal (?:mammary|thoracic))\b/i;
/** A redo operation: the reoperation add-on. */
const REDO = /\b(?:redo|re-do|reoperati(?:on|ve)|repeat sternotomy|resternotomy)\b/i;
/** An earlier bypass the note recalls ("status post CABG x3", "history of"): no operation of this note. */
const EARLIER = /\b(?:s\/p|status post|history of|h\/o|prior|previous|old)\b[^.\n]{0,30}$/i;

/** Codes by count: venous grafts only; arterial grafts; venous grafts beside arterial ones (add-on). */
const VENOUS_ONLY = ['33510', '33511', '33512', '33513', '33514', '33516'];
const ARTERIAL_CODES = ['33533', '33534', '33535', '33536'];
const VENOUS_ADD_ON = ['33517', '33518', '33519', '33521', '33522', '33523'];
const REOPERATION = '33530';

/** Whether a code is one of the coronary bypass codes this detector decides (33510–33536). */
export function isCabgCode(code: string): boolean {
  const n = Number(code);
  return n >= 33510 && n <= 33536;
}

function arterialGrafts(text: string): number {
  const [left, right, ...others] = ARTERIAL.map((re) => re.test(text));
  const mammary = BOTH_MAMMARY.test(text) ? 2 : Number(left) + Number(right);
  return mammary + others.filter(Boolean).length;
}

/**
 * The coronary artery bypass codes of an operative note that counts its grafts in its title or its
 * procedure section: the arterial conduits named in the note (each internal mammary, radial or
 * gastroepiploic artery one graft) and the rest of the count venous. Arterial grafts take 33533–33536
 * with the venous ones on the combined add-on (33517–33523); venous grafts alone take 33510–33516. A
 * redo adds the reoperation add-on (33530). Only an operative note bills them: nothing for one that
 * recalls an earlier bypass, nor for a test report, a discharge summary or a visit.
 * @param text - the note
 * @param sections - its sections
 * @param kind - the note's kind, when the caller has read it
 */
export function cabgGrafts(
  text: string,
  sections: readonly SectionSpan[],
  kind: ProcedureNoteKind = procedureNoteKind(sections),
): CabgCode[] {
  if (kind !== 'operative') {
    return [];
  }
  const places = sections
    .filter((s) => s.name === 'procedure' || s.name === 'title')
    .map((s) => [s.start, s.end] as const);
  const firstLine = text.indexOf('\n');
  places.unshift([0, firstLine < 0 ? text.length : firstLine]);
  for (const [from, to] of places) {
    const m = COUNTED.exec(text.slice(from, to));
    if (m === null) {
      continue;
    }
    const start = from + m.index;
    if (EARLIER.test(text.slice(Math.max(from, start - 40), start))) {
      continue;
    }
    const word = (m[1] ?? m[2] ?? '').toLowerCase();
    const total = NUMBER[word] ?? Number(word);
    if (!(total >= 1)) {
      continue;
    }
    const end = start + m[0].length;
    const arterial = Math.min(arterialGrafts(text), total);
    const venous = total - arterial;
    const counted = `${total} graft(s): ${arterial} arterial, ${venous} venous`;
    const out: CabgCode[] = [];
    if (arterial === 0) {
      out.push({ code: VENOUS_ONLY[Math.min(venous, 6) - 1] ?? '', start, end, note: counted });
    } else {
      out.push({
        code: ARTERIAL_CODES[Math.min(arterial, 4) - 1] ?? '',
        start,
        end,
        note: counted,
      });
      if (venous > 0) {
        const code = VENOUS_ADD_ON[Math.min(venous, 6) - 1] ?? '';
        out.push({ code, start, end, note: `${counted}: the venous grafts beside the arterial` });
      }
    }
    const redo = REDO.exec(text.slice(from, to));
    if (redo !== null) {
      const at = from + redo.index;
      out.push({ code: REOPERATION, start: at, end: at + redo[0].length, note: 'a reoperation' });
    }
    return out;
  }
  return [];
}
