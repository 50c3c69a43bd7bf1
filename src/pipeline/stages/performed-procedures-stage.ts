import { sectionAt } from '../../text/sections.js';
import { attemptedOnly } from '../cpt/attempted-only.js';
import { examLine } from '../cpt/cpt-candidates.js';
import { examFacets, radiologyCode } from '../cpt/radiology.js';
import {
  BEFORE_NOW,
  codeFitsNote,
  billedHere,
  isProcedureList,
  listNamesOther,
  procedureNoteKind,
  toldDone,
  type ProcedureNoteKind,
  type ProcedureScope,
  type TriggerPlace,
} from '../cpt/procedure-scope.js';
import type { Knowledge } from '../knowledge.js';
import type { TermMatch } from '../matcher/term-entry.js';
import type { NoteDoc } from '../note-doc.js';
import type { Stage } from './stage.js';

/** The longest first line read as the note's title. */
const TITLE_CHARS = 200;

/** Below this, a trigger's words lie too scattered in their sentence to name the procedure outside a title or list. */
const MIN_QUALITY = 0.7;

/** Stems of words that say a procedure was done in this encounter. */
const PERFORMED = new Set([
  'perform',
  'administ',
  'given',
  'obtain',
  'done',
  'place',
  'remov',
  'repair',
  'inject',
  'aspir',
  'insert',
  'suture',
  'irrig',
  'complet',
  'acquir',
  'record',
  'debrid',
  'drain',
  'incis',
  'excis',
  'appli',
  'treat',
  'reveal',
  'show',
  'demonstr',
]);

/** The text of the sentence that holds token `first`. */
function sentenceOf(doc: NoteDoc, first: number): string {
  const span = doc.words.sentences[doc.tokens[first]?.sentence ?? -1];
  return span === undefined ? '' : doc.text.slice(span.start, span.end);
}

/**
 * Whether the sentence of the match, or one of the two either side, says something was done (in words
 * other than the trigger's own: "incision and drainage" does not say it was done).
 */
function performedWords(doc: NoteDoc, m: TermMatch): boolean {
  const first = m.first;
  const { tokens } = doc;
  const sentence = tokens[first]?.sentence ?? 0;
  const starts = doc.words.sentenceTokenStart;
  for (let s = Math.max(0, sentence - 2); s <= sentence + 2; s++) {
    const from = starts[s] ?? tokens.length;
    const to = starts[s + 1] ?? tokens.length;
    for (let t = from; t < to; t++) {
      if (PERFORMED.has(tokens[t]?.stem ?? '') && !m.positions.includes(t)) {
        return true;
      }
    }
  }
  return false;
}

/** Words of an imaging modality: a trigger whose words hold one ("coronary CT angiography") is the exam. */
const MODALITY_WORDS = new Set([
  'ct',
  'cta',
  'mr',
  'mri',
  'mra',
  'ultrasound',
  'doppler',
  'duplex',
  'xray',
  'x',
  'nuclear',
  'pet',
  'spect',
]);

/**
 * Whether the words between a trigger's words name an imaging modality the trigger itself does not
 * ("coronary CT angiography" for "coronary angiography"; "ultrasound-guided thoracentesis" is its own).
 */
function spansImagingWord(doc: NoteDoc, m: TermMatch): boolean {
  for (let t = m.first; t <= m.last; t++) {
    const token = doc.tokens[t];
    if (
      token !== undefined &&
      MODALITY_WORDS.has(token.norm) &&
      !m.entry.required.includes(token.stem) &&
      !m.entry.optional.includes(token.stem)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a service an operation includes (the intubation for its anaesthetic), named here, is part of
 * the operation: outside a visit's note it bills from a title or a procedure list only.
 */
function partOfOperation(place: TriggerPlace, kind: ProcedureNoteKind): boolean {
  return (
    kind !== 'encounter' &&
    !place.title &&
    !(place.section !== undefined && isProcedureList(place.section))
  );
}

/** Where each CPT code may bill, and the services other operations include, from cpt.tsv's attributes. */
function packagesOf(entries: Knowledge['codeSet']['cpt']['entries']): {
  scopes: Map<string, ProcedureScope>;
  packaged: Set<string>;
  listOwn: Map<string, string[]>;
} {
  return {
    scopes: new Map<string, ProcedureScope>(
      entries.map((e) => [
        e.code,
        e.attributes.scope === 'encounter' || e.attributes.scope === 'visit'
          ? e.attributes.scope
          : 'listed',
      ]),
    ),
    // Services an operation includes when its narrative names them (a Foley catheter, a central line).
    packaged: new Set(
      entries.filter((e) => e.attributes.package === 'operation').map((e) => e.code),
    ),
    // Diagnostic services a list includes in another operation it names, with their own words.
    listOwn: new Map(
      entries
        .filter((e) => e.attributes.package === 'list')
        .map((e) => [e.code, (e.attributes.own ?? '').split(',').map((w) => w.trim())]),
    ),
  };
}

/**
 * Procedures done here: a CPT trigger match stays only where this note bills the procedure (see
 * `billedHere`): its title or procedure list names it, the note is the test's own report, or — for an
 * office procedure (`scope=encounter`) — the visit's sentence says it was done; all of a trigger's words
 * in the title count as the title. An imaging report's exam is coded from its title by the CPT
 * detectors, so its words trigger nothing but another service its title names.
 * @param knowledge - the code set's CPT entries with imaging facets
 */
export function createPerformedProceduresStage(knowledge: Knowledge): Stage {
  const { entries } = knowledge.codeSet.cpt;
  const radiologyEntries = entries.filter((e) => e.attributes.modality !== undefined);
  const imagingCodes = new Set(radiologyEntries.map((e) => e.code));
  const { scopes, packaged, listOwn } = packagesOf(entries);
  const fitsNoteOf = codeFitsNote(entries, knowledge.guidelines.em.cues);
  return (doc) => {
    if (!doc.matches.some((m) => m.entry.system === 'CPT')) {
      return;
    }
    const exam = examLine(doc.text);
    const facets = exam === undefined ? undefined : examFacets(exam.text, doc.text.slice(exam.end));
    const imaging = facets !== undefined && radiologyCode(radiologyEntries, facets) !== undefined;
    const newline = doc.text.indexOf('\n');
    const titleEnd = newline < 0 ? doc.text.length : newline;
    const titleStems = new Set<string>();
    for (const t of doc.tokens) {
      if (t.end > titleEnd) {
        break;
      }
      titleStems.add(t.stem);
    }
    const kind = procedureNoteKind(doc.sections, doc.text.slice(0, titleEnd));
    // A first line that is a paragraph of the story, or a section of it ("REASON FOR CONSULTATION:
    // abnormal EKG"), is no title.
    const opening = doc.sections[0];
    const titled =
      titleEnd <= TITLE_CHARS &&
      !(opening?.start === 0 && opening.name !== 'procedure' && opening.name !== 'title');
    const fitsNote = fitsNoteOf(doc.text);
    const hasList = doc.sections.some(isProcedureList);
    const billed = (m: TermMatch, narrative: boolean): boolean => {
      const start = doc.tokens[m.first]?.start ?? 0;
      // A procedure's words around a modality ("coronary CT angiography") name an imaging exam, which
      // the imaging detectors code; an imaging report's words trigger nothing but a second service its
      // title names beside the exam ("Transesophageal echocardiogram and direct current cardioversion").
      // A procedure only attempted ("attempted laparoscopic appendectomy, converted to open") is not done.
      const procedure = !imagingCodes.has(m.entry.code);
      const end = doc.tokens[m.last]?.end ?? start;
      if ((procedure && spansImagingWord(doc, m)) || attemptedOnly(doc.text, start, end)) {
        return false;
      }
      const second = titled && start < titleEnd && procedure;
      if ((imaging && !second) || !fitsNote(m.entry.code)) {
        return false;
      }
      const own = listOwn.get(m.entry.code);
      if (own !== undefined && listNamesOther(doc.text, doc.sections, own)) {
        return false;
      }
      const sentence = sentenceOf(doc, m.first);
      const place = {
        text: doc.text,
        offset: start,
        title: titled && (start < titleEnd || m.entry.required.every((w) => titleStems.has(w))),
        section: sectionAt(doc.sections, start),
        performedWords: performedWords(doc, m),
        historical: BEFORE_NOW.test(sentence),
        toldDone: toldDone(sentence),
      };
      if (packaged.has(m.entry.code) && partOfOperation(place, kind)) {
        return false;
      }
      return billedHere(
        place,
        scopes.get(m.entry.code) ?? 'listed',
        kind,
        hasList,
        m.quality >= MIN_QUALITY,
        narrative,
      );
    };
    let kept = doc.matches.filter((m) => m.entry.system !== 'CPT' || billed(m, false));
    // An operative or procedure report that neither lists its procedures nor names one in its title
    // names them in its narrative only: the procedures its procedure section says were done are billed
    // there, but for the services an operation includes (`package=operation`: the Foley catheter, the
    // central line).
    if (
      (kind === 'operative' || kind === 'report') &&
      !hasList &&
      !kept.some((m) => m.entry.system === 'CPT')
    ) {
      kept = doc.matches.filter(
        (m) => m.entry.system !== 'CPT' || (!packaged.has(m.entry.code) && billed(m, true)),
      );
    }
    doc.matches = kept;
  };
}
