import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import type { NoteDoc } from '../note-doc.js';
import { facetEntry, readFacets } from './procedure-facets.js';

/** The mention's sentence and the next one: where a procedure's size, site and count are written. */
function windowOf(doc: NoteDoc, start: number): string {
  const { sentences } = doc.words;
  const i = sentences.findIndex((s) => start >= s.start && start < s.end);
  const from = sentences[i]?.start ?? start;
  const to = sentences[i + 1]?.end ?? sentences[i]?.end ?? doc.text.length;
  return doc.text.slice(from, to).toLowerCase();
}

/** The first sentence of the note that describes a wound with its length (the exam's "3 cm laceration"). */
function woundSentence(doc: NoteDoc): string {
  for (const s of doc.words.sentences) {
    const text = doc.text.slice(s.start, s.end).toLowerCase();
    if (/lacerat|wound/.test(text) && /\d\s*(cm|mm)\b/.test(text)) {
      return text;
    }
  }
  return '';
}

/** The lexicon's entries by code (the last of a code's entries), made once per lexicon, not per note. */
const byCodeOf = new WeakMap<readonly CptEntry[], ReadonlyMap<string, CptEntry>>();

function entriesByCode(entries: readonly CptEntry[]): ReadonlyMap<string, CptEntry> {
  let byCode = byCodeOf.get(entries);
  if (byCode === undefined) {
    byCode = new Map(entries.map((e) => [e.code, e]));
    byCodeOf.set(entries, byCode);
  }
  return byCode;
}

/**
 * Procedures of a facet family (`family` in cpt.tsv: wound repair, lesion excision, joint injection,
 * trigger points, destruction) become the family member their words describe: the summed wound length,
 * site group and repair complexity; the excised diameter and the lesion's behaviour; the joint's size and
 * ultrasound guidance; the number of muscles or lesions. A member with `each=CODE` brings that add-on
 * for every counted unit beyond the first; a procedure whose words fit no member is dropped.
 * @param doc - the note, its sections and CPT candidates
 * @param entries - the CPT lexicon's entries
 */
export function refineProcedureFacets(doc: NoteDoc, entries: readonly CptEntry[]): void {
  const byCode = entriesByCode(entries);
  for (const c of [...doc.candidates]) {
    const own = c.system === 'CPT' ? byCode.get(c.code) : undefined;
    const family = own?.attributes.family;
    const mention = c.mentions[0];
    if (own === undefined || family === undefined || mention === undefined) {
      continue;
    }
    const near = windowOf(doc, mention.evidence.start);
    const read = readFacets(family, near);
    if (family === 'repair' && read.length === undefined) {
      const elsewhere = readFacets(family, woundSentence(doc)).length;
      if (elsewhere !== undefined) {
        read.length = elsewhere;
      }
    }
    const members = entries.filter((e) => e.attributes.family === family);
    const entry = facetEntry(members, own, read);
    if (entry === undefined) {
      // The words contradict every member (a spinal facet "joint injection"): not this family's service.
      doc.candidates.splice(doc.candidates.indexOf(c), 1);
      continue;
    }
    const twin = doc.candidates.find((k) => k !== c && k.system === 'CPT' && k.code === entry.code);
    if (twin !== undefined) {
      // Two triggers of one service ("laceration repaired", "layered closure"): one code.
      twin.mentions.push(...c.mentions);
      doc.candidates.splice(doc.candidates.indexOf(c), 1);
      continue;
    }
    c.code = entry.code;
    c.title = entry.description;
    const said = Object.entries(read)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
    if (said !== '') {
      c.reasons.push(`read from the note: ${said}`);
    }
    const addOn =
      entry.attributes.each === undefined ? undefined : byCode.get(entry.attributes.each);
    const extra = (read.count ?? 1) - 1;
    if (addOn !== undefined && extra > 0 && !doc.candidates.some((k) => k.code === addOn.code)) {
      doc.candidates.push({
        ...c,
        code: addOn.code,
        title: addOn.description,
        mentions: [...c.mentions],
        reasons: [`${extra} unit(s): each lesion after the first`],
        modifiers: [],
      });
    }
  }
}
