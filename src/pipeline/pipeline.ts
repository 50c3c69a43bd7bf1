import { createError, isNotecoderError } from '../core/errors.js';
import {
  forgetStems,
  isInflammationWord,
  stemToken,
  termKeys,
  wordTokens,
} from '../core/term-key.js';
import type {
  Assertion,
  DetectResult,
  Evidence,
  Note,
  Rules,
  Setting,
  Suppressed,
} from '../core/types.js';
import { detectSections, sectionAt } from '../text/sections.js';
import { tokenize } from '../text/tokenize.js';
import { compileAbbreviations, tokenAliases } from './aliases.js';
import {
  candidateAssertion,
  isLearned,
  newCandidate,
  type Candidate,
  type Mention,
  type MentionSource,
} from './candidate.js';
import { createContextAnalyzer } from './context/context-analyzer.js';
import { cptCandidates, examLine } from './cpt/cpt-candidates.js';
import { examFacets, radiologyCode } from './cpt/radiology.js';
import type { Knowledge } from './knowledge.js';
import {
  findAssociations,
  prepareAssociations,
  type AssociatedCode,
  type AssociationHit,
} from './learned/find-associations.js';
import type { Associations } from './learned/learned-model.js';
import { encounterWords, linkCode, type LinkedCode } from './linker/link-code.js';
import { buildTerms } from './matcher/build-terms.js';
import { createTermMatcher } from './matcher/term-matcher.js';
import { applyGuidelines } from './rules/guideline-rules.js';
import { createSelection } from './select/select-codes.js';
import { dedupeEvidence, toSuggestion } from './to-suggestion.js';
import { candidateFeatures, taggerFeatures } from './scorer/features.js';
import type { TagResult } from './tagger/tag-result.js';
import { DEFAULT_WEIGHTS, logit, plainScore, scoreFeatures } from './scorer/score.js';

/** Options of {@link createPipeline}. */
export interface PipelineOptions {
  /** Longest note accepted, in characters (default 200,000). */
  readonly maxChars?: number;
  /** Candidates below this confidence are not suggested (default 0.02; `detect --threshold` filters further). */
  readonly floor?: number;
}

/** Per-call options of `detect`. */
export interface DetectOptions {
  readonly setting?: Setting;
  /** `billing` (default) or `mentions`: see {@link Rules}. */
  readonly rules?: Rules;
  /** Associations to use instead of the shipped ones (cross-fitting during training). */
  readonly associations?: Associations;
  /**
   * The ONNX tagger's reading of this note (see `createTaggedDetector`): its mentions become extra
   * candidates and its probabilities extra scorer features, scored by the model's tagged scorer.
   */
  readonly tags?: TagResult;
  /** false → skip the US selection stage (fitting it needs the suggestions before it). */
  readonly select?: boolean;
}

/** A candidate with its feature vector, for fitting the scorer. */
export interface ScoredCandidate {
  readonly code: string;
  readonly features: readonly number[];
}

/** The detection pipeline: `detect(note)` is pure and synchronous. */
export interface Pipeline {
  readonly name: string;
  /** Operating threshold of the learned model (best training F1), 0.5 without one. */
  readonly threshold: number;
  /** The scorer fitted with tagger features: its tagger version and operating threshold. */
  readonly tagged?: { readonly tagger: string; readonly threshold: number };
  detect(note: Note, options?: DetectOptions): DetectResult;
  /** Throws the catalogued error `detect` would throw for an unusable note (empty, too long). */
  validate(note: Note): void;
  /** ICD-10-CM candidates that would be suggested, with features (for `notecoder train`). */
  features(note: Note, options?: DetectOptions): ScoredCandidate[];
  /** Every candidate's mention spans with their assertion (silver labels for the tagger). */
  mentions(note: Note, options?: DetectOptions): CandidateMentions[];
}

/** A candidate code and the spans that support it. */
export interface CandidateMentions {
  readonly system: Candidate['system'];
  readonly code: string;
  readonly confidence: number;
  readonly mentions: readonly {
    start: number;
    end: number;
    source: MentionSource;
    assertion: Mention['assertion'];
  }[];
}

/** Tagger spans below this mean label probability are not looked up. */
const TAGGER_SPAN_MIN = 0.5;
/** Search score a tagger span's best code needs (how completely query and code text cover each other). */
const TAGGER_LOOKUP_MIN = 0.5;
/**
 * Share of a looked-up term's words the tagger span must hold: the span has to name the term, not one
 * word of it ("clear" is not "aspiration of (clear) amniotic fluid").
 */
const TAGGER_TERM_COVER = 0.75;
/** Code-set searches per note at most (bounds the work on long notes). */
const MAX_TAGGER_LOOKUPS = 64;

/** Mentions kept per candidate: enough for features and evidence; bounds work on repetitive notes. */
const MAX_MENTIONS = 32;
/** Words (stems required) a code's own title needs for a word-for-word reading of it to be trusted. */
const OWN_TITLE_WORDS = 3;
/** Below this training precision, a learned phrase must share a word with its code's title. */
const WEAK_ASSOCIATION = 0.3;

/** Whether a tagger span holds at least {@link TAGGER_TERM_COVER} of the words of the term it found. */
function spanCovers(span: string, term: string): boolean {
  const termWords = termKeys(term);
  if (termWords.length === 0) {
    return false;
  }
  const spanWords = new Set(termKeys(span));
  const held = termWords.filter((w) => spanWords.has(w)).length;
  return held / termWords.length >= TAGGER_TERM_COVER;
}

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

/** What the association checks need to know of an ICD-10-CM code (see `factsOf` in the pipeline). */
interface CodeFacts {
  readonly titleStems: ReadonlySet<string>;
  readonly inflamed: ReadonlySet<string>;
  readonly chapter: string;
  readonly unrelatedByGram: Map<string, boolean>;
}

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

/**
 * Creates the pipeline: text → sentences, sections and tokens → abbreviation and word-class aliases →
 * dictionary matches and learned associations → context (assertion) → linking to the most specific
 * billable code → CPT detectors (radiology, 3D rendering, E/M time, procedure triggers) → calibrated
 * confidence → guideline rules → result. Building it compiles the dictionary (seconds); `detect` is
 * pure: no I/O, no environment, no shared mutable state.
 * @param knowledge - code set, lexicons and the learned model
 */
export function createPipeline(knowledge: Knowledge, options: PipelineOptions = {}): Pipeline {
  const { codeSet } = knowledge;
  const maxChars = options.maxChars ?? 200_000;
  const floor = options.floor ?? 0.02;
  const matcher = createTermMatcher(buildTerms(codeSet));
  if (knowledge.learned !== undefined) {
    prepareAssociations(knowledge.learned.associations);
  }
  const context = createContextAnalyzer(knowledge.triggers);
  const abbreviations = compileAbbreviations(knowledge.abbreviations, knowledge.variants);
  const weights = knowledge.learned?.scorer ?? DEFAULT_WEIGHTS;
  const boosted = knowledge.learned?.boosted;
  const radiologyEntries = codeSet.cpt.entries.filter((e) => e.attributes.modality !== undefined);
  const name =
    knowledge.learned === undefined ? 'pipeline' : `pipeline+${knowledge.learned.version}`;
  const linkCache = new Map<string, LinkedCode | undefined>();
  // What the association checks need to know of an ICD-10-CM code, worked out once per code: its title
  // stems, the stems of its title's inflammation words, its chapter, and the unrelated-phrase answer
  // per n-gram (a note has a few hundred association hits).
  const factsByCode = new Map<string, CodeFacts>();
  const factsOf = (code: string): CodeFacts => {
    let facts = factsByCode.get(code);
    if (facts === undefined) {
      const info = codeSet.get(code, 'ICD-10-CM');
      const title = info?.title ?? '';
      facts = {
        titleStems: new Set(termKeys(title)),
        inflamed: new Set(wordTokens(title).filter(isInflammationWord).map(stemToken)),
        chapter: (info?.system === 'ICD-10-CM' ? info.chapter?.id : undefined) ?? code.charAt(0),
        unrelatedByGram: new Map(),
      };
      factsByCode.set(code, facts);
    }
    return facts;
  };
  // Learned phrases that share no word with their code's title and seldom meant it in the training
  // notes are co-occurrence, not reading ("diabetes" → I10, "anxiety" → R11.10): on their own they
  // never reach the operating threshold, and as evidence they mislead.
  const unrelatedAndWeak = (code: string, precision: number, ngram: string): boolean => {
    if (precision >= WEAK_ASSOCIATION) {
      return false;
    }
    const facts = factsOf(code);
    let answer = facts.unrelatedByGram.get(ngram);
    if (answer === undefined) {
      answer = !ngram.split(' ').some((w) => facts.titleStems.has(w));
      facts.unrelatedByGram.set(ngram, answer);
    }
    return answer;
  };
  // The stems of a code's title's inflammation words ("sinus" for "Chronic sinusitis"): a learned
  // phrase was mined on stems, so "sinus" learned from "sinusitis" must not read "sinuses".
  const inflammationStems = (code: string): ReadonlySet<string> => factsOf(code).inflamed;
  const chapterOf = (code: string): string => factsOf(code).chapter;
  // Rules that drop one code because of another listen only to codes a coder would see.
  const operating = knowledge.learned?.threshold ?? 0.5;
  const validate = (note: Note): void => {
    if (note.text.trim() === '') {
      throw createError('NOTE_EMPTY', 'the note has no text', { noteId: note.id });
    }
    if (note.text.length > maxChars) {
      throw createError(
        'NOTE_TOO_LARGE',
        `the note has ${note.text.length} characters; the limit is ${maxChars}`,
        {
          noteId: note.id,
          limit: maxChars,
        },
      );
    }
  };

  const analyze = (note: Note, detectOptions: DetectOptions): Candidate[] => {
    validate(note);
    const associations = detectOptions.associations ?? knowledge.learned?.associations;
    const text = tokenize(note.text);
    const { tokens } = text;
    const sections = detectSections(note.text);
    const noteContext = context(text, note.text);
    // Many terms match the same words: each span's evidence is made once (evidence is never changed).
    const evidenceOf = new Map<number, Evidence>();
    const evidence = (first: number, last: number): Evidence => {
      const key = first * 65_536 + (last - first);
      let made = evidenceOf.get(key);
      if (made === undefined) {
        const start = tokens[first]?.start ?? 0;
        const end = tokens[last]?.end ?? start;
        const section = sectionAt(sections, start)?.name;
        made = { start, end, text: note.text.slice(start, end), ...(section ? { section } : {}) };
        evidenceOf.set(key, made);
      }
      return made;
    };
    const encounter = encounterWords(note.text);
    const assessed = new Map<number, { assertion: Assertion; trigger: Evidence | undefined }>();
    const stemsBySentence = new Map<number, Set<string>>();
    const sentenceStems = (first: number): Set<string> => {
      const s = tokens[first]?.sentence ?? 0;
      let stems = stemsBySentence.get(s);
      if (stems === undefined) {
        stems = new Set(
          tokens
            .slice(text.sentenceTokenStart[s] ?? 0, text.sentenceTokenStart[s + 1] ?? tokens.length)
            .map((t) => t.stem),
        );
        stemsBySentence.set(s, stems);
      }
      return stems;
    };
    const byKey = new Map<string, Candidate>();
    /** Whether tokens first…last name only the organ of an inflammation in the code's title. */
    const organOnly = (code: string, first: number, last: number): boolean => {
      const stems = inflammationStems(code);
      if (stems.size === 0) {
        return false;
      }
      for (let t = first; t <= last; t++) {
        const token = tokens[t];
        if (token !== undefined && !isInflammationWord(token.norm) && stems.has(token.stem)) {
          return true;
        }
      }
      return false;
    };
    /** For each token, the dictionary's ICD-10-CM readings over it: their last token and chapter. */
    const dictionaryChapters = (): Readings => {
      const byToken: Readings = new Array<Reading[] | undefined>(tokens.length);
      for (const c of byKey.values()) {
        if (c.system !== 'ICD-10-CM') {
          continue;
        }
        const chapter = chapterOf(c.code);
        for (const m of c.mentions) {
          if (isLearned(m.source)) {
            continue;
          }
          for (let t = m.first; t <= m.last; t++) {
            (byToken[t] ??= []).push({ last: m.last, chapter });
          }
        }
      }
      return byToken;
    };
    const candidate = (system: Candidate['system'], code: string, title: string): Candidate => {
      // ICD-10-CM codes (most candidates) are their own key; they hold no "|".
      const key = system === 'ICD-10-CM' ? code : `${system}|${code}`;
      let c = byKey.get(key);
      if (c === undefined) {
        c = newCandidate(system, code, title);
        byKey.set(key, c);
      }
      return c;
    };
    const mention = (
      first: number,
      last: number,
      source: MentionSource,
      quality: number,
      term: string,
      length: number,
      subsumed = false,
    ): Mention => {
      // Many terms match the same words: each span's context is assessed once. A learned phrase
      // may hold its own trigger ("no lymphadenopathy", mined from notes that code negated findings).
      const inside = isLearned(source);
      const spanKey = (first * 65_536 + (last - first)) * 2 + (inside ? 1 : 0);
      let ctx = assessed.get(spanKey);
      if (ctx === undefined) {
        const read = noteContext.assess(first, last, inside);
        ctx = {
          assertion: read.assertion,
          trigger:
            read.trigger === undefined
              ? undefined
              : { ...read.trigger, text: note.text.slice(read.trigger.start, read.trigger.end) },
        };
        assessed.set(spanKey, ctx);
      }
      // Two literal shapes, no spread: a mention is made for every match of every term.
      const span = evidence(first, last);
      const assertion = ctx.assertion;
      return ctx.trigger === undefined
        ? { first, last, evidence: span, source, quality, assertion, length, term, subsumed }
        : {
            first,
            last,
            evidence: span,
            source,
            quality,
            assertion,
            trigger: ctx.trigger,
            length,
            term,
            subsumed,
          };
    };
    // Codes whose link depends on the sentence (headers, codes that take a 7th character): per code,
    // per sentence.
    const noteLinks = new Map<string, Map<number, LinkedCode | undefined>>();
    const link = (code: string, first: number): LinkedCode | undefined => {
      const known = linkCache.get(code);
      if (known !== undefined || linkCache.has(code)) {
        return known;
      }
      const sentence = tokens[first]?.sentence ?? 0;
      let bySentence = noteLinks.get(code);
      if (bySentence?.has(sentence) === true) {
        return bySentence.get(sentence);
      }
      const info = codeSet.get(code, 'ICD-10-CM');
      // Billable codes that need no 7th character link to themselves whatever the sentence says;
      // others depend on their sentence's words (and the note's encounter words).
      const fixed =
        info?.system === 'ICD-10-CM' && info.billable && codeSet.sevenths(code) === undefined;
      const linked = linkCode(codeSet, code, sentenceStems(first), encounter);
      if (fixed) {
        linkCache.set(code, linked);
      } else {
        if (bySentence === undefined) {
          bySentence = new Map();
          noteLinks.set(code, bySentence);
        }
        bySentence.set(sentence, linked);
      }
      return linked;
    };

    const exam = examLine(note.text);
    const facets =
      exam === undefined ? undefined : examFacets(exam.text, note.text.slice(exam.end));
    const imaging = facets !== undefined && radiologyCode(radiologyEntries, facets) !== undefined;
    const titleEnd = note.text.indexOf('\n') < 0 ? note.text.length : note.text.indexOf('\n');
    const titleStems = new Set<string>();
    for (const t of tokens) {
      if (t.end > titleEnd) {
        break;
      }
      titleStems.add(t.stem);
    }
    const performedHere = (first: number, words: readonly string[]): boolean => {
      const start = tokens[first]?.start ?? 0;
      if (start < titleEnd || sectionAt(sections, start)?.name === 'procedure') {
        return true;
      }
      if (words.every((w) => titleStems.has(w))) {
        return true;
      }
      // The statement that it was done may sit a line or two away ("Vaccine: …" / "Administered by RN").
      const sentence = tokens[first]?.sentence ?? 0;
      for (let s = Math.max(0, sentence - 2); s <= sentence + 2; s++) {
        const from = text.sentenceTokenStart[s] ?? tokens.length;
        const to = text.sentenceTokenStart[s + 1] ?? tokens.length;
        for (let t = from; t < to; t++) {
          if (PERFORMED.has(tokens[t]?.stem ?? '')) {
            return true;
          }
        }
      }
      return false;
    };

    // Search refuses a query of stop words only (EMPTY_QUERY): such a span names nothing.
    const searchTop = (words: string): ReturnType<typeof codeSet.search>[number] | undefined => {
      try {
        return codeSet.search(words, { system: 'ICD-10-CM', limit: 1 })[0];
      } catch (err) {
        if (isNotecoderError(err) && err.code === 'EMPTY_QUERY') {
          return undefined;
        }
        throw err;
      }
    };
    // Tagger mentions the dictionary did not find: the words are looked up in the code set's search
    // index (titles, inclusion terms, index phrases) and linked like a dictionary match.
    const addTaggerMentions = (tags: TagResult): void => {
      // Evidence of the ICD-10-CM candidates so far, collected once; tagger mentions join it.
      const taken: Evidence[] = [];
      for (const c of byKey.values()) {
        if (c.system === 'ICD-10-CM') {
          taken.push(...c.mentions.map((m) => m.evidence));
        }
      }
      const covered = (start: number, end: number): boolean =>
        taken.some((e) => e.start < end && e.end > start);
      let added = 0;
      for (const span of tags.spans) {
        if (
          span.type === 'PROCEDURE' ||
          span.score < TAGGER_SPAN_MIN ||
          covered(span.start, span.end)
        ) {
          continue;
        }
        const first = tokens.findIndex((t) => t.end > span.start);
        let last = first;
        while (last + 1 < tokens.length && (tokens[last + 1]?.start ?? Infinity) < span.end) {
          last++;
        }
        if (first < 0) {
          continue;
        }
        // Whole words: a span that starts or ends inside a word (a WordPiece piece) takes the word.
        const words = note.text.slice(tokens[first]?.start ?? 0, tokens[last]?.end ?? 0);
        if (words.length < 3 || added >= MAX_TAGGER_LOOKUPS) {
          continue;
        }
        added++;
        const hit = searchTop(words);
        if (
          hit === undefined ||
          hit.score < TAGGER_LOOKUP_MIN ||
          !spanCovers(words, hit.matched.text)
        ) {
          continue;
        }
        const linked = link(hit.code, first);
        if (linked === undefined) {
          continue;
        }
        const c = candidate('ICD-10-CM', linked.code, linked.title);
        if (c.mentions.length === 0) {
          c.guessed = linked.guessed;
          c.reasons.push(`tagger read "${words}" (${hit.matched.field} "${hit.matched.text}")`);
        }
        if (c.mentions.length < MAX_MENTIONS) {
          const m = mention(
            first,
            last,
            'tagger',
            hit.score * span.score,
            hit.matched.text,
            last - first + 1,
          );
          c.mentions.push(m);
          taken.push(m.evidence);
        }
      }
    };

    // "Stress test", "DVT prophylaxis", "HIV screening": a service word right after a condition's
    // words makes them name a test or a preventive measure, unless a result word follows it
    // ("strep test positive").
    const servicePhrase = (last: number): boolean => {
      const next = tokens[last + 1];
      if (
        next === undefined ||
        next.sentence !== tokens[last]?.sentence ||
        !knowledge.services.words.has(next.norm)
      ) {
        return false;
      }
      for (let t = last + 2; t <= last + 4 && tokens[t]?.sentence === next.sentence; t++) {
        if (knowledge.services.results.has(tokens[t]?.norm ?? '')) {
          return false;
        }
      }
      return true;
    };

    // Dictionary matches, with the less specific reading of the same words marked.
    const matches = matcher.match(tokens, tokenAliases(text, abbreviations));
    // A match is the less specific reading when a longer code of its category covers the same words.
    // Compared only with matches starting at the same or a nearby token (bounded, so linear).
    const byStart = new Map<number, typeof matches>();
    for (const m of matches) {
      const list = byStart.get(m.first);
      if (list === undefined) {
        byStart.set(m.first, [m]);
      } else {
        list.push(m);
      }
    }
    // Longest match wins: a term whose words all lie inside a longer term's match ("Osteoarthritis"
    // inside "osteoarthritis of the knee") is not a reading of its own.
    const isCovered = (m: (typeof matches)[number]): boolean => {
      for (let f = m.first - 8; f <= m.first; f++) {
        for (const o of byStart.get(f) ?? []) {
          if (
            o !== m &&
            o.entry.system === 'ICD-10-CM' &&
            o.entry.required.length > m.entry.required.length &&
            m.positions.every((p) => o.positions.includes(p))
          ) {
            return true;
          }
        }
      }
      return false;
    };
    for (const m of matches) {
      const covered = m.entry.system === 'ICD-10-CM' && isCovered(m);
      if (
        covered ||
        (m.entry.system === 'ICD-10-CM' &&
          (servicePhrase(m.last) || noteContext.negationBetween(m.first, m.last, m.positions)))
      ) {
        continue;
      }
      if (m.entry.system === 'ICD-10-CM') {
        const linked = link(m.entry.code, m.first);
        if (linked === undefined) {
          continue;
        }
        const c = candidate('ICD-10-CM', linked.code, linked.title);
        c.guessed = c.mentions.length === 0 ? linked.guessed : c.guessed && linked.guessed;
        for (const r of linked.reasons) {
          if (!c.reasons.includes(r)) {
            c.reasons.push(r);
          }
        }
        if (c.mentions.length < MAX_MENTIONS) {
          c.mentions.push(
            mention(
              m.first,
              m.last,
              m.entry.source,
              m.quality,
              m.entry.text,
              m.entry.required.length,
              covered,
            ),
          );
        }
      } else if (m.entry.system === 'CPT') {
        // A procedure is coded only where it was done: the note is about it (its title names it), it sits
        // in a procedure section, or its sentence says it was performed. Imaging reports carry none.
        if (imaging || !performedHere(m.first, m.entry.required)) {
          continue;
        }
        const entry = codeSet.cpt.entries.find((e) => e.code === m.entry.code);
        const c = candidate('CPT', m.entry.code, entry?.description ?? '');
        c.fixedConfidence = Math.max(c.fixedConfidence ?? 0, 0.6 + 0.3 * m.quality);
        if (c.mentions.length < MAX_MENTIONS) {
          c.mentions.push(
            mention(
              m.first,
              m.last,
              'cpt-trigger',
              m.quality,
              m.entry.text,
              m.entry.required.length,
            ),
          );
        }
      }
    }

    // Learned term → code associations.
    if (associations !== undefined) {
      const found = findAssociations(text, associations);
      // The code an association points to, linked for its sentence, as a candidate.
      const learnedCandidate = (linked: LinkedCode): Candidate => {
        const c = candidate('ICD-10-CM', linked.code, linked.title);
        if (c.mentions.length === 0) {
          c.guessed = linked.guessed;
        }
        return c;
      };
      // Sentence-level readings that count: not a service phrase, not a weak phrase unrelated to its code.
      const readings: { hit: AssociationHit; code: AssociatedCode; linked: LinkedCode }[] = [];
      const sentenceCodes = new Set<string>();
      // Words the dictionary read as an ICD-10-CM code, by token: a learned n-gram inside them that
      // points to another chapter is co-occurrence ("diabetes" → I10), not a reading of these words.
      const readChapters = dictionaryChapters();
      const cooccurrenceBelow =
        detectOptions.rules === 'mentions' ? MENTIONS_COOCCURRENCE : Infinity;
      for (const hit of found.sentence) {
        if (servicePhrase(hit.last)) {
          continue;
        }
        const chapters = readAs(readChapters, hit.first, hit.last);
        for (const code of hit.codes) {
          const linked =
            unrelatedAndWeak(code[0], code[1], hit.ngram) ||
            organOnly(code[0], hit.first, hit.last) ||
            (chapters !== undefined &&
              code[1] < cooccurrenceBelow &&
              !chapters.includes(chapterOf(code[0])))
              ? undefined
              : link(code[0], hit.first);
          if (linked !== undefined) {
            readings.push({ hit, code, linked });
            sentenceCodes.add(linked.code);
          }
        }
      }
      // A document-level association only weighs in on a code something else finds (the dictionary,
      // or a sentence-level association): on its own it proposed 18 codes a note, 3 % of them right.
      // Linking keeps a code's category, so a category nothing found is skipped before linking.
      const foundCategories = new Set<number>();
      for (const code of sentenceCodes) {
        foundCategories.add(categoryKey(code));
      }
      for (const c of byKey.values()) {
        foundCategories.add(categoryKey(c.code));
      }
      for (const hit of found.document) {
        for (const associated of hit.codes) {
          if (!foundCategories.has(categoryKey(associated[0]))) {
            continue;
          }
          const precision = associated[1];
          const linked = link(associated[0], hit.first);
          if (
            linked === undefined ||
            (!sentenceCodes.has(linked.code) && !byKey.has(linked.code))
          ) {
            continue;
          }
          const c = learnedCandidate(linked);
          if (c.mentions.length === 0) {
            c.mentions.push(
              mention(
                hit.first,
                hit.last,
                'learned-doc',
                precision,
                hit.ngram,
                hit.last - hit.first + 1,
              ),
            );
          }
          c.docOr = 1 - (1 - c.docOr) * (1 - precision);
          c.docMax = Math.max(c.docMax, precision);
        }
      }
      for (const { hit, code, linked } of readings) {
        const precision = code[1];
        const support = code[2];
        const c = learnedCandidate(linked);
        c.learnedOr = 1 - (1 - c.learnedOr) * (1 - precision);
        c.learnedMax = Math.max(c.learnedMax, precision);
        c.learnedSupport = Math.max(c.learnedSupport, support);
        c.learnedCount++;
        if (c.mentions.length < MAX_MENTIONS) {
          c.mentions.push(
            mention(hit.first, hit.last, 'learned', precision, hit.ngram, hit.last - hit.first + 1),
          );
        }
      }
    }
    if (detectOptions.tags !== undefined) {
      addTaggerMentions(detectOptions.tags);
    }
    const candidates = [...byKey.values()];
    // CPT upgrades ("EGD" + "biopsies obtained" → EGD with biopsy) and vaccine administration.
    for (const rule of knowledge.guidelines.cptRules) {
      if (rule.rule === 'upgrade') {
        const c = candidates.find((k) => k.system === 'CPT' && k.code === rule.code);
        if (c === undefined) {
          continue;
        }
        const word = tokens.findIndex(
          (t, i) =>
            rule.words.some((w) => t.stem.startsWith(w)) &&
            noteContext.assess(i, i).assertion === 'present',
        );
        const target = codeSet.cpt.entries.find((e) => e.code === rule.other[0]);
        if (word >= 0 && target !== undefined && !candidates.some((k) => k.code === target.code)) {
          c.code = target.code;
          c.title = target.description;
          c.reasons.push(`"${tokens[word]?.norm ?? ''}" documented: ${target.code}`);
          c.mentions.push(mention(word, word, 'cpt-trigger', 1, tokens[word]?.norm ?? '', 1));
        }
      }
    }
    const vaccines = candidates.filter(
      (c) =>
        c.system === 'CPT' &&
        codeSet.cpt.entries.find((e) => e.code === c.code)?.attributes.product === 'vaccine' &&
        candidateAssertion(c) === 'present',
    );
    const admin = knowledge.guidelines.cptRules.find((r) => r.rule === 'admin');
    if (
      admin !== undefined &&
      vaccines.length > 0 &&
      !candidates.some((c) => c.code === admin.code)
    ) {
      const first = vaccines[0];
      const entry = codeSet.cpt.entries.find((e) => e.code === admin.code);
      if (first !== undefined && entry !== undefined) {
        candidates.push({
          ...first,
          code: entry.code,
          title: entry.description,
          mentions: [...first.mentions],
          reasons: [
            `administration of ${vaccines.length} vaccine(s) (${vaccines.map((v) => v.code).join(', ')})`,
          ],
          modifiers: [],
        });
      }
    }
    candidates.push(
      ...cptCandidates(note.text, codeSet.cpt, radiologyEntries, {
        setting: detectOptions.setting ?? note.setting ?? 'outpatient',
        em: knowledge.guidelines.em,
        sections,
      }),
    );
    return candidates;
  };

  // A team-curated synonym found word for word and present is trusted at least at the operating
  // threshold: the training notes hold too few of them for the scorer to learn their worth. So is the
  // code's own title of three words or more, read word for word ("type 2 diabetes mellitus with
  // hyperglycemia" is E11.65 whatever a case-report corpus tends to code).
  const curated = (c: Candidate): boolean =>
    c.mentions.some(
      (m) =>
        m.quality >= 0.95 &&
        m.assertion === 'present' &&
        (m.source === 'synonym' ||
          (m.source === 'title' && m.length >= OWN_TITLE_WORDS && m.term === c.title)),
    );
  const tagged = knowledge.learned?.tagged;
  /** The operating threshold in effect: the tagged scorer's when the note was tagged. */
  const operatingFor = (tags: TagResult | undefined): number =>
    tags !== undefined && tagged !== undefined ? tagged.threshold : operating;
  /** The feature vector: the tagger's features follow when the note was tagged. */
  const featuresOf = (
    c: Candidate,
    associations: Associations | undefined,
    tags: TagResult | undefined,
  ): number[] => {
    const x = candidateFeatures(c, associations);
    return tags === undefined ? x : [...x, ...taggerFeatures(c, tags)];
  };
  const score = (
    c: Candidate,
    associations: Associations | undefined,
    tags: TagResult | undefined,
  ): number => {
    if (c.fixedConfidence !== undefined) {
      return c.fixedConfidence;
    }
    const plain = plainScore(candidateFeatures(c, associations), weights, boosted, floor);
    const withTagger = tags !== undefined && tagged !== undefined;
    const p = withTagger
      ? scoreFeatures([logit(plain), ...taggerFeatures(c, tags)], tagged.scorer)
      : plain;
    return curated(c) ? Math.max(p, Math.min(0.95, operatingFor(tags) + 0.25)) : p;
  };

  /** A note's candidates with their confidence, its setting and the associations used. */
  const scored = (
    note: Note,
    detectOptions: DetectOptions,
  ): { candidates: Candidate[]; setting: Setting; associations: Associations | undefined } => {
    const associations = detectOptions.associations ?? knowledge.learned?.associations;
    const candidates = analyze(note, detectOptions);
    for (const c of candidates) {
      c.confidence = score(c, associations, detectOptions.tags);
    }
    return {
      candidates,
      setting: detectOptions.setting ?? note.setting ?? 'outpatient',
      associations,
    };
  };

  const makeCode = (code: string, from: Candidate, reason: string): Candidate | undefined => {
    const info = codeSet.get(code, 'ICD-10-CM');
    if (info === undefined) {
      return undefined;
    }
    return {
      ...from,
      code: info.code,
      title: info.title,
      mentions: [...from.mentions],
      reasons: [reason],
      modifiers: [],
      guessed: false,
    };
  };

  const selection =
    knowledge.selection === undefined
      ? undefined
      : createSelection(knowledge.selection, codeSet, knowledge.triggers);

  // The build's words leave the stem cache: the notes' own words, remembered afresh, read faster.
  forgetStems();
  return {
    name,
    threshold: knowledge.learned?.threshold ?? 0.5,
    ...(tagged === undefined
      ? {}
      : { tagged: { tagger: tagged.tagger, threshold: tagged.threshold } }),
    features(note, detectOptions = {}) {
      const { candidates, setting, associations } = scored(note, detectOptions);
      const { kept } = applyGuidelines(
        candidates,
        setting,
        codeSet,
        knowledge.guidelines,
        makeCode,
        operatingFor(detectOptions.tags),
        detectOptions.rules,
      );
      return kept
        .filter((c) => c.system === 'ICD-10-CM' && c.fixedConfidence === undefined)
        .map((c) => ({ code: c.code, features: featuresOf(c, associations, detectOptions.tags) }));
    },
    validate,
    mentions(note, detectOptions = {}) {
      return scored(note, detectOptions).candidates.map((c) => ({
        system: c.system,
        code: c.code,
        confidence: c.confidence,
        mentions: c.mentions.map((m) => ({
          start: m.evidence.start,
          end: m.evidence.end,
          source: m.source,
          assertion: m.assertion,
        })),
      }));
    },
    detect(note, detectOptions = {}) {
      const { candidates, setting } = scored(note, detectOptions);
      // Below the floor a candidate is neither suggested nor worth a suppression entry: the rules
      // never see it (this is also what keeps the pairwise Excludes1 check small).
      const { kept, dropped } = applyGuidelines(
        candidates.filter((c) => c.confidence >= floor),
        setting,
        codeSet,
        knowledge.guidelines,
        makeCode,
        operatingFor(detectOptions.tags),
        detectOptions.rules,
      );
      const suggestions = kept
        .filter((c) => c.confidence >= floor)
        .sort((a, b) => b.confidence - a.confidence)
        .map(toSuggestion);
      const suppressed: Suppressed[] = dropped
        .filter((d) => d.candidate.confidence >= floor)
        .map((d) => {
          const s = toSuggestion(d.candidate);
          const triggers = d.candidate.mentions.flatMap((m) => (m.trigger ? [m.trigger] : []));
          return {
            ...s,
            evidence: dedupeEvidence([...s.evidence, ...triggers]),
            reason: d.reason,
            reasons: [d.detail, ...s.reasons],
          };
        })
        .sort((a, b) => b.confidence - a.confidence);
      const result: DetectResult = {
        noteId: note.id,
        suggestions,
        suppressed,
        versions: {
          codeSet: codeSet.versions.codeSet,
          detector: name,
          tagger: detectOptions.tags === undefined ? 'off' : (tagged?.tagger ?? 'unfitted'),
        },
      };
      // The US coder's selection re-scores billing results (mentions keep every mention's score).
      return selection === undefined ||
        detectOptions.rules === 'mentions' ||
        detectOptions.select === false
        ? result
        : selection(result, note, setting, operatingFor(detectOptions.tags));
    },
  };
}
