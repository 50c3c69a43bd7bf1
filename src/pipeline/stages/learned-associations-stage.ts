import { isInflammationWord } from '../../core/term-key.js';
import { qualifiedAway } from '../aliases.js';
import { isLearned, type Candidate } from '../candidate.js';
import type { Knowledge } from '../knowledge.js';
import { createCodeFacts, type CodeFacts } from '../learned/code-facts.js';
import {
  associationTrie,
  findAssociations,
  prepareAssociations,
  type AssociatedCode,
  type AssociationHit,
} from '../learned/find-associations.js';
import type { Associations } from '../learned/learned-model.js';
import type { LinkedCode } from '../linker/link-code.js';
import type { NoteLinker } from '../linker/note-linker.js';
import { makeMention } from '../make-mention.js';
import { isServicePhrase } from '../matcher/service-phrase.js';
import { candidateOf, type NoteDoc } from '../note-doc.js';
import { MAX_MENTIONS } from './max-mentions.js';
import type { Stage } from './stage.js';

/**
 * Under the mentions rules, a learned n-gram the dictionary reads as a code of another chapter still
 * counts from this training precision on (annotated corpora code such pairs: "infection" → B99.9
 * beside N39.0). Under the billing rules it never does.
 */
const MENTIONS_COOCCURRENCE = 0.5;

/** A dictionary reading over a token: the reading's last token and its code's chapter. */
interface Reading {
  readonly last: number;
  readonly chapter: string;
}
type Readings = (Reading[] | undefined)[];

/** A sentence-level association that counts, linked for its sentence. */
interface SentenceReading {
  readonly hit: AssociationHit;
  readonly code: AssociatedCode;
  readonly linked: LinkedCode;
}

/** Chapters of the dictionary readings that hold tokens `first`…`last`; undefined when none does. */
function readAs(byToken: Readings, first: number, last: number): string[] | undefined {
  let chapters: string[] | undefined;
  for (const r of byToken[first] ?? []) {
    if (r.last >= last) {
      (chapters ??= []).push(r.chapter);
    }
  }
  return chapters;
}

/** A code's category (its first three characters) as a number: a set look-up without a new string. */
function categoryKey(code: string): number {
  return code.charCodeAt(0) * 65_536 + code.charCodeAt(1) * 256 + code.charCodeAt(2);
}

/**
 * What the checks below ask of each code an n-gram points to, by the code's slot (`AssociationHit.slot`):
 * worked out once per set of associations, so a note's hits are checked in typed arrays without reading
 * each code's triple, string and facts (most of this stage's time was those reads missing the caches).
 */
interface SlotFacts {
  /** Per document-level code: its category key, the code and its precision. */
  readonly documentCategory: Int32Array;
  readonly documentCode: readonly string[];
  readonly documentPrecision: Float64Array;
  /** Per sentence-level code: 1 unrelated and weak, 0 not, −1 not asked yet. */
  readonly unrelated: Int8Array;
  /** Per sentence-level code: 1 when its title holds an inflammation word, 0 not, −1 not asked yet. */
  readonly inflamed: Int8Array;
}

function slotFactsOf(
  cache: WeakMap<Associations, SlotFacts>,
  associations: Associations,
): SlotFacts {
  let made = cache.get(associations);
  if (made === undefined) {
    const trie = associationTrie(associations);
    const documentCategory = new Int32Array(trie.documentCodes);
    const documentCode = new Array<string>(trie.documentCodes).fill('');
    const documentPrecision = new Float64Array(trie.documentCodes);
    trie.document.forEach((codes, node) => {
      const at = trie.documentSlot[node] ?? 0;
      codes?.forEach((code, k) => {
        documentCategory[at + k] = categoryKey(code[0]);
        documentCode[at + k] = code[0];
        documentPrecision[at + k] = code[1];
      });
    });
    made = {
      documentCategory,
      documentCode,
      documentPrecision,
      unrelated: new Int8Array(trie.sentenceCodes).fill(-1),
      inflamed: new Int8Array(trie.sentenceCodes).fill(-1),
    };
    cache.set(associations, made);
  }
  return made;
}

/**
 * For each token, the dictionary's ICD-10-CM readings over it: their last token and chapter. A learned
 * n-gram inside them that points to another chapter is co-occurrence ("diabetes" → I10), not a reading.
 */
function dictionaryChapters(doc: NoteDoc, facts: CodeFacts): Readings {
  const byToken: Readings = new Array<Reading[] | undefined>(doc.tokens.length);
  for (const c of doc.byKey.values()) {
    if (c.system !== 'ICD-10-CM') {
      continue;
    }
    const chapter = facts.chapterOf(c.code);
    for (const m of c.mentions) {
      if (isLearned(m.source)) {
        continue;
      }
      // One reading per mention, listed at each of its tokens (read, never changed).
      const reading: Reading = { last: m.last, chapter };
      for (let t = m.first; t <= m.last; t++) {
        (byToken[t] ??= []).push(reading);
      }
    }
  }
  return byToken;
}

/** Whether tokens first…last name only the organ of an inflammation in the code's title. */
function organOnly(
  doc: NoteDoc,
  facts: CodeFacts,
  code: string,
  first: number,
  last: number,
): boolean {
  const stems = facts.inflamed(code);
  if (stems.size === 0) {
    return false;
  }
  for (let t = first; t <= last; t++) {
    const token = doc.tokens[t];
    if (token !== undefined && !isInflammationWord(token.norm) && stems.has(token.stem)) {
      return true;
    }
  }
  return false;
}

/** The code an association points to, linked for its sentence, as a candidate. */
function learnedCandidate(doc: NoteDoc, linked: LinkedCode): Candidate {
  const c = candidateOf(doc, 'ICD-10-CM', linked.code, linked.title);
  if (c.mentions.length === 0) {
    c.guessed = linked.guessed;
  }
  return c;
}

/**
 * Sentence-level readings that count: not a service phrase, not words another word qualifies as another
 * finding (`qualifiedAway`: portal "hypertension"), not a weak phrase unrelated to its code, not
 * the organ of an inflammation, not co-occurrence inside words the dictionary read as another chapter.
 */
function sentenceReadings(
  doc: NoteDoc,
  hits: readonly AssociationHit[],
  knowledge: Knowledge,
  facts: CodeFacts,
  slots: SlotFacts,
  link: NoteLinker,
): SentenceReading[] {
  const readings: SentenceReading[] = [];
  const readChapters = dictionaryChapters(doc, facts);
  const cooccurrenceBelow = doc.rules === 'mentions' ? MENTIONS_COOCCURRENCE : Infinity;
  const { unrelated, inflamed } = slots;
  for (const hit of hits) {
    if (
      isServicePhrase(doc.tokens, hit.last, knowledge.services) ||
      qualifiedAway(doc.words, hit.first, hit.last, doc.text)
    ) {
      continue;
    }
    const chapters = readAs(readChapters, hit.first, hit.last);
    const { codes } = hit;
    for (let k = 0; k < codes.length; k++) {
      const slot = hit.slot + k;
      let weak = unrelated[slot];
      if (weak === -1) {
        const code = codes[k] as AssociatedCode;
        weak = unrelated[slot] = facts.unrelatedAndWeak(code[0], code[1], hit.ngram) ? 1 : 0;
      }
      if (weak === 1) {
        continue;
      }
      const code = codes[k] as AssociatedCode;
      let organ = inflamed[slot];
      if (organ === -1) {
        organ = inflamed[slot] = facts.inflamed(code[0]).size === 0 ? 0 : 1;
      }
      const linked =
        (organ === 1 && organOnly(doc, facts, code[0], hit.first, hit.last)) ||
        (chapters !== undefined &&
          code[1] < cooccurrenceBelow &&
          !chapters.includes(facts.chapterOf(code[0])))
          ? undefined
          : link(doc, code[0], hit.first);
      if (linked !== undefined) {
        readings.push({ hit, code, linked });
      }
    }
  }
  return readings;
}

/**
 * Document-level associations weigh in only on a code something else finds (the dictionary, or a
 * sentence-level association): on their own they proposed 18 codes a note, 3 % of them right. Linking
 * keeps a code's category, so a category nothing found is skipped before linking.
 */
function addDocumentEvidence(
  doc: NoteDoc,
  hits: readonly AssociationHit[],
  sentenceCodes: ReadonlySet<string>,
  slots: SlotFacts,
  link: NoteLinker,
): void {
  const foundCategories = new Set<number>();
  for (const code of sentenceCodes) {
    foundCategories.add(categoryKey(code));
  }
  for (const c of doc.byKey.values()) {
    foundCategories.add(categoryKey(c.code));
  }
  const { documentCategory, documentCode, documentPrecision } = slots;
  for (const hit of hits) {
    const end = hit.slot + hit.codes.length;
    for (let slot = hit.slot; slot < end; slot++) {
      if (!foundCategories.has(documentCategory[slot] ?? 0)) {
        continue;
      }
      const precision = documentPrecision[slot] ?? 0;
      const linked = link(doc, documentCode[slot] ?? '', hit.first);
      if (
        linked === undefined ||
        (!sentenceCodes.has(linked.code) && !doc.byKey.has(linked.code))
      ) {
        continue;
      }
      const c = learnedCandidate(doc, linked);
      if (c.mentions.length === 0) {
        const length = hit.last - hit.first + 1;
        c.mentions.push(
          makeMention(doc, hit.first, hit.last, 'learned-doc', precision, hit.ngram, length),
        );
      }
      c.docOr = 1 - (1 - c.docOr) * (1 - precision);
      c.docMax = Math.max(c.docMax, precision);
    }
  }
}

/** Sentence-level readings become candidates (or support those found), with their features. */
function addSentenceEvidence(doc: NoteDoc, readings: readonly SentenceReading[]): void {
  for (const { hit, code, linked } of readings) {
    const precision = code[1];
    const support = code[2];
    const c = learnedCandidate(doc, linked);
    c.learnedOr = 1 - (1 - c.learnedOr) * (1 - precision);
    c.learnedMax = Math.max(c.learnedMax, precision);
    c.learnedSupport = Math.max(c.learnedSupport, support);
    c.learnedCount++;
    if (c.mentions.length < MAX_MENTIONS) {
      const length = hit.last - hit.first + 1;
      c.mentions.push(
        makeMention(doc, hit.first, hit.last, 'learned', precision, hit.ngram, length),
      );
    }
  }
}

/** Options of {@link createLearnedAssociationsStage}. */
export interface LearnedAssociationsStageOptions {
  /** The linker the pipeline's stages share. */
  readonly link: NoteLinker;
}

/**
 * Learned associations: n-grams mined from coded notes (`notecoder train`) that point to codes, found in
 * the note's sentences and in the note as a whole. They add candidates the dictionary missed and
 * features to those it found. Without a learned model (or the call's own associations) it does nothing.
 * @param knowledge - the learned model, the code set and the service words
 */
export function createLearnedAssociationsStage(
  knowledge: Knowledge,
  options: LearnedAssociationsStageOptions,
): Stage {
  if (knowledge.learned !== undefined) {
    prepareAssociations(knowledge.learned.associations);
  }
  const facts = createCodeFacts(knowledge.codeSet);
  const slotCache = new WeakMap<Associations, SlotFacts>();
  const { link } = options;
  return (doc) => {
    if (doc.associations === undefined) {
      return;
    }
    const found = findAssociations(doc.words, doc.associations);
    const slots = slotFactsOf(slotCache, doc.associations);
    const readings = sentenceReadings(doc, found.sentence, knowledge, facts, slots, link);
    const sentenceCodes = new Set(readings.map((r) => r.linked.code));
    addDocumentEvidence(doc, found.document, sentenceCodes, slots, link);
    addSentenceEvidence(doc, readings);
  };
}
