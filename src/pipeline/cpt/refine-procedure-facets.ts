import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import type { NoteDoc } from '../note-doc.js';
import {
  TIMED_FAMILIES,
  facetEntry,
  muscleCount,
  readFacets,
  type ProcedureFacets,
} from './procedure-facets.js';

/** A note about a spinal curve: its fusion is coded by the segments of the deformity (22800–22812). */
const SPINAL_DEFORMITY = /\b(?:scoliosis|scoliotic|kyphosis|kyphotic|kyphoscoliosis)\b/i;

/** A timed service without its minutes: shown for review, below any operating threshold. */
const UNTIMED_CONFIDENCE = 0.2;

/**
 * The mention's sentence and the next one: where a procedure's size, site and count are written. A list
 * item's number alone ("2.") is no sentence of its own: the next one is the item after it.
 */
function windowOf(doc: NoteDoc, start: number): string {
  const { sentences } = doc.words;
  const i = sentences.findIndex((s) => start >= s.start && start < s.end);
  const from = sentences[i]?.start ?? start;
  const next = (k: number): number =>
    /^\s*\d{1,2}[.)]?\s*$/.test(doc.text.slice(sentences[k]?.start ?? 0, sentences[k]?.end ?? 0))
      ? k + 1
      : k;
  const to = sentences[next(i + 1)]?.end ?? sentences[i]?.end ?? doc.text.length;
  return doc.text.slice(from, to).toLowerCase();
}

/** The first sentence of the note, in lower case, that `says` holds of; "" when none does. */
function firstSentence(doc: NoteDoc, says: (text: string) => boolean): string {
  for (const s of doc.words.sentences) {
    const text = doc.text.slice(s.start, s.end).toLowerCase();
    if (says(text)) {
      return text;
    }
  }
  return '';
}

/** The first sentence of the note that describes a wound with its length (the exam's "3 cm laceration"). */
const woundSentence = (doc: NoteDoc): string =>
  firstSentence(doc, (text) => /lacerat|wound/.test(text) && /\d\s*(cm|mm)\b/.test(text));

/** The first sentence of the note that names trigger points (or their taut bands) and the muscles they are in. */
const triggerPointSentence = (doc: NoteDoc): string =>
  firstSentence(
    doc,
    (text) =>
      /trigger points?|taut bands?|twitch|tender points?/.test(text) &&
      muscleCount(text) !== undefined,
  );

/** Words of one lesion excised, with its size, in one sentence ("the second lesion, 1.5 cm, was excised"). */
const LESION =
  /\b(lesions?|cysts?|nev[iu]s?|masse?s?|kerato\w*|lipomas?|tumou?rs?|moles?|first|second|third|fourth|fifth|another|next|last)\b/;
/** The note names several lesions ("three skin lesions", "lesions of the back and arm"). */
const SEVERAL = /\b(lesions|cysts|nevi|masses|keratoses|lipomas|tumou?rs|moles)\b/;
/** Whether the note names several lesions: in the plural, or as two numbered items excised. */
function severalLesions(doc: NoteDoc): boolean {
  const text = doc.text.toLowerCase();
  if (SEVERAL.test(text)) {
    return true;
  }
  const items = text.match(/^\s*\d+[.)][^\n]*excis[^\n]*$/gm) ?? [];
  return items.filter((line) => LESION.test(line)).length >= 2;
}

/** How many sentences of a note are read for its lesions. */
const LESION_SENTENCES = 80;

/**
 * Each lesion excised is its own code by its excised diameter and site (CPT: lesion excision is reported
 * per lesion): the sentences of the note that describe one lesion excised with its size (the items of a
 * procedure list, or the narrative's "the second lesion, 1.5 cm, was excised").
 */
function lesionEntries(
  doc: NoteDoc,
  members: readonly CptEntry[],
  own: CptEntry,
  site: string | undefined,
): CptEntry[] {
  const out: CptEntry[] = [];
  for (const s of doc.words.sentences.slice(0, LESION_SENTENCES)) {
    const text = doc.text.slice(s.start, s.end).toLowerCase();
    if (!/excis/.test(text) || !LESION.test(text)) {
      continue;
    }
    const read = readFacets('excision', text);
    if (read.size === undefined) {
      continue;
    }
    if (read.site === undefined && site !== undefined) {
      read.site = site;
    }
    const entry = facetEntry(members, own, read);
    if (entry !== undefined && !out.includes(entry)) {
      out.push(entry);
    }
  }
  return out;
}

/**
 * The member of `entry`'s facet family that the words around the given offsets describe (the segments an
 * anterior plate spans, read from the fusion's levels), or `entry` itself when they say nothing of it.
 */
export function familyMember(
  doc: NoteDoc,
  entries: readonly CptEntry[],
  entry: CptEntry,
  starts: readonly number[],
): CptEntry {
  const family = entry.attributes.family;
  if (family === undefined) {
    return entry;
  }
  const near = [...new Set(starts.map((start) => windowOf(doc, start)))].join(' ');
  const members = entries.filter((e) => e.attributes.family === family);
  return facetEntry(members, entry, readFacets(family, near)) ?? entry;
}

/** Families whose member is chosen by the size the note gives and by nothing else. */
const SIZED_ONLY: ReadonlySet<string> = new Set(['bladder-tumor']);

/** The lexicon's entries by code (the last of a code's entries), made once per lexicon, not per note. */
const byCodeOf = new WeakMap<readonly CptEntry[], ReadonlyMap<string, CptEntry>>();

export function entriesByCode(entries: readonly CptEntry[]): ReadonlyMap<string, CptEntry> {
  let byCode = byCodeOf.get(entries);
  if (byCode === undefined) {
    byCode = new Map(entries.map((e) => [e.code, e]));
    byCodeOf.set(entries, byCode);
  }
  return byCode;
}

/**
 * Words that say nothing of the service beside another mention of its family ("the steroid was
 * injected into the epidural space" after "cervical epidural injection, C5-6") are the same service:
 * the candidate's mentions join the other's, and it goes. False when no other mention is there.
 */
function joinedSibling(
  doc: NoteDoc,
  c: NoteDoc['candidates'][number],
  family: string,
  byCode: ReadonlyMap<string, CptEntry>,
): boolean {
  const sibling = doc.candidates.find(
    (k) => k !== c && k.system === 'CPT' && byCode.get(k.code)?.attributes.family === family,
  );
  if (sibling === undefined) {
    return false;
  }
  sibling.mentions.push(...c.mentions);
  doc.candidates.splice(doc.candidates.indexOf(c), 1);
  return true;
}

/**
 * Whether the code a family's words named stands as it is: a family chosen by a size alone without a
 * size read, or a service coded by its time without its minutes (proposed for review, below the
 * threshold).
 */
function standsUnread(
  c: NoteDoc['candidates'][number],
  family: string,
  read: ProcedureFacets,
): boolean {
  if (SIZED_ONLY.has(family) && read.size === undefined) {
    return true;
  }
  if (TIMED_FAMILIES.has(family) && read.minutes === undefined) {
    c.fixedConfidence = UNTIMED_CONFIDENCE;
    c.reasons.push('for review: CPT codes this service by its minutes, and the note states none');
    return true;
  }
  return false;
}

/** The facets the words around a candidate's mentions tell (`mention` is its first). */
function candidateFacets(
  doc: NoteDoc,
  c: NoteDoc['candidates'][number],
  family: string,
): ProcedureFacets {
  const mention = c.mentions[0];
  // A spinal procedure counted by interspace may name each level in an item of its own ("fusion,
  // C5-C6. … fusion, C6-C7."): the levels of all its mentions together.
  const near = family.startsWith('levels')
    ? [...new Set(c.mentions.map((m) => windowOf(doc, m.evidence.start)))].join(' ')
    : windowOf(doc, mention?.evidence.start ?? 0);
  const read = readFacets(family, near);
  if (family === 'levels-posterior' && SPINAL_DEFORMITY.test(doc.text)) {
    // A fusion on a note about a curve is the deformity fusion, whatever its words say.
    read.spine = 'deformity';
  }
  if (family === 'trigger-point' && read.count === undefined) {
    // The exam that found them names the muscles ("trigger points in the trapezius bilaterally").
    const muscles = muscleCount(triggerPointSentence(doc));
    if (muscles !== undefined) {
      read.count = muscles;
    }
  }
  if (family === 'repair' && read.length === undefined) {
    const elsewhere = readFacets(family, woundSentence(doc)).length;
    if (elsewhere !== undefined) {
      read.length = elsewhere;
    }
  }
  return read;
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
    const read = candidateFacets(doc, c, family);
    if (Object.keys(read).length === 0 && joinedSibling(doc, c, family, byCode)) {
      continue;
    }
    if (standsUnread(c, family, read)) {
      continue;
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
    if (family === 'excision' && severalLesions(doc)) {
      for (const more of lesionEntries(doc, members, own, read.site)) {
        if (
          more !== entry &&
          !doc.candidates.some((k) => k.system === 'CPT' && k.code === more.code)
        ) {
          doc.candidates.push({
            ...c,
            code: more.code,
            title: more.description,
            mentions: [...c.mentions],
            reasons: ['another lesion excised, by its own excised diameter'],
            modifiers: [],
          });
        }
      }
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
        reasons: [
          `${extra} unit(s): each ${family.startsWith('levels') ? 'interspace' : 'lesion'} after the first`,
        ],
        modifiers: [],
      });
    }
  }
}
