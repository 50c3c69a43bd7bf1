import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import type { Evidence } from '../../core/types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { notDone, sentencesOf, spanOf, wordsIn } from './note-words.js';

const LENGTH = /\b(\d{1,2}(?:\.\d{1,2})?)\s*(cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?)\b/gi;
const WOUND = /\b(lacerat\w*|wounds?|cuts?|incised|repair\w*|sutur\w*|closed? with)\b/i;
const FACE =
  /\b(face|facial|forehead|cheek|nose|nasal|lips?|ears?|eyelids?|eyebrows?|chin|jaw|temple|mucous|mucosa\w*)\b/i;

interface Wound {
  readonly cm: number;
  readonly site: string;
  readonly evidence: Evidence;
}

const rangeOf = (entry: CptEntry): [number, number] | undefined => {
  const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(entry.attributes.length ?? '');
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
};

const families = new WeakMap<ReadonlyMap<string, CptEntry>, readonly CptEntry[]>();

/** The lexicon's repair codes (those with a length range), found once per lexicon, not per note. */
function repairFamily(cpt: ReadonlyMap<string, CptEntry>): readonly CptEntry[] {
  let family = families.get(cpt);
  if (family === undefined) {
    family = [...cpt.values()].filter((e) => rangeOf(e) !== undefined);
    families.set(cpt, family);
  }
  return family;
}

/** The wound lengths the note documents, each with the repair family's site its sentence names. */
function woundsOf(text: string, sites: readonly string[]): Wound[] {
  const sentences = sentencesOf(text, wordsIn(text, [spanOf(text, 0, text.length)], LENGTH));
  const face = sites.find((s) => s.split('|').includes('face'));
  const body = sites.find((s) => s !== face);
  const out: Wound[] = [];
  for (const sentence of sentences) {
    if (!WOUND.test(sentence.text)) {
      continue;
    }
    const site = FACE.test(sentence.text) ? face : body;
    for (const said of wordsIn(text, [sentence], LENGTH)) {
      const m = /^([\d.]+)\s*(\w)/.exec(said.text);
      if (site === undefined || m === null || notDone(text, said)) {
        continue;
      }
      out.push({ cm: Number(m[1]) / (m[2]?.toLowerCase() === 'm' ? 10 : 1), site, evidence: said });
    }
  }
  return out;
}

/**
 * Wound repairs of one class and anatomic group are summed and reported as one code (CPT's repair
 * rules): the lines of the repair family are replaced by one line per site group, coded by the summed
 * length, units 1, each documented length its evidence. Without documented lengths the lines stay.
 */
export function repairLines(
  lines: DraftLine[],
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): DraftLine[] {
  const family = repairFamily(knowledge.cpt);
  const repairs = lines.filter((l) => family.some((e) => e.code === l.code));
  const first = repairs[0];
  if (first === undefined) {
    return lines;
  }
  const sites = [...new Set(family.map((e) => e.attributes.site ?? ''))];
  const wounds = woundsOf(input.text, sites);
  if (wounds.length === 0) {
    first.notes.push('no wound length documented: the repair code needs the summed length');
    return lines;
  }
  const out = lines.filter((l) => !repairs.includes(l));
  for (const site of sites) {
    const here = wounds.filter((w) => w.site === site);
    if (here.length === 0) {
      continue;
    }
    const cm = Math.round(here.reduce((s, w) => s + w.cm, 0) * 10) / 10;
    const members = family
      .filter((e) => e.attributes.site === site)
      .sort((a, b) => (rangeOf(a)?.[0] ?? 0) - (rangeOf(b)?.[0] ?? 0));
    const fits = members.find((e) => {
      const [lo, hi] = rangeOf(e) ?? [0, 0];
      return cm >= lo && cm <= hi;
    });
    const entry = fits ?? members.at(-1);
    if (entry === undefined) {
      continue;
    }
    out.push({
      ...first,
      code: entry.code,
      title: entry.description,
      units: 1,
      unitsBasis: {
        reason: `repairs of one class and site group are summed: ${here.map((w) => `${String(w.cm)} cm`).join(' + ')} = ${String(cm)} cm, one line`,
        evidence: here.map((w) => w.evidence),
      },
      modifiers: [],
      evidence: repairs.flatMap((r) => r.evidence).slice(0, 4),
      notes:
        fits === undefined
          ? [
              `${String(cm)} cm is past the lengths the lexicon's codes cover: check the code for this length`,
            ]
          : [],
    });
  }
  return out;
}
