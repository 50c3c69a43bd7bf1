import type { BillingOptions } from '../core/claim-types.js';
import { createError } from '../core/errors.js';
import type { Assertion, DetectResult, Evidence, Note, Rules, Setting } from '../core/types.js';
import { sectionAt, type SectionSpan } from '../text/sections.js';
import type { Token, TokenizedText } from '../text/tokenize.js';
import { newCandidate, type Candidate } from './candidate.js';
import type { NoteContext } from './context/context-analyzer.js';
import type { Associations } from './learned/learned-model.js';
import type { EncounterWords, LinkedCode } from './linker/link-code.js';
import type { TermMatch } from './matcher/term-entry.js';
import type { DetectOptions, ScoredCandidate } from './pipeline-types.js';
import type { Dropped } from './rules/dropped.js';
import type { TagResult } from './tagger/tag-result.js';

/** What the context around one span said, with the trigger's words (evidence of a suppression). */
export interface SpanContext {
  readonly assertion: Assertion;
  readonly trigger: Evidence | undefined;
}

/**
 * One note on its way through the pipeline: every stage reads what the stages before it wrote and adds
 * its own part. The fields are listed in the order the stages fill them (see `createPipeline`).
 */
export interface NoteDoc {
  readonly note: Note;
  /** The note's text exactly as submitted: every offset points into it. */
  readonly text: string;
  /** The call's setting, else the note's, else outpatient. */
  readonly setting: Setting;
  readonly rules: Rules | undefined;
  /** The learned associations in effect: the call's (cross-fitting), else the shipped model's. */
  readonly associations: Associations | undefined;
  /** The tagger's reading of the note, when it was tagged. */
  readonly tags: TagResult | undefined;
  /** false → the US selection stage leaves the result as it is. */
  readonly select: boolean | undefined;
  /** Billing options and the threshold of the claim lines (claim stage). */
  readonly billing: BillingOptions | undefined;
  readonly claimThreshold: number | undefined;

  /**
   * false when the note holds no words in a script the dictionaries know (tokens stage): nothing is read
   * from it and the result says so (warning UNSUPPORTED_TEXT).
   */
  readable: boolean;
  /** Sentences and tokens (tokens stage). */
  words: TokenizedText;
  /** `words.tokens`, the array every later stage walks. */
  tokens: readonly Token[];
  /** Section headings and their spans (sections stage). */
  sections: readonly SectionSpan[];
  /** Extra stems at token positions: abbreviation expansions, word classes (abbreviations stage). */
  aliases: ReadonlyMap<number, readonly string[]>;
  /** The note's negation, uncertainty, history and family cues, asked per span (assertion stage). */
  context: NoteContext;
  /** Dictionary matches that name what they say (term matching; procedure context drops some). */
  matches: readonly TermMatch[];
  /** Candidate codes in the order they were first found (linking onwards). */
  candidates: Candidate[];
  /** The candidates found so far by key (`code`, or `system|code` beside ICD-10-CM). */
  readonly byKey: Map<string, Candidate>;
  /** What the guideline rules keep and drop (guideline rules stage). */
  kept: Candidate[];
  dropped: Dropped[];
  /** The answer: suggestions and suppressed codes, best first, and versions (result and selection stages). */
  result: DetectResult;
  /** ICD-10-CM candidates with their feature vectors (features stage, for `notecoder train`). */
  features: ScoredCandidate[];

  /** Per-note memory of the helpers the stages share: evidence and context per span, links per sentence. */
  readonly evidenceBySpan: Map<number, Evidence>;
  readonly contextBySpan: Map<number, SpanContext>;
  readonly stemsBySentence: Map<number, Set<string>>;
  readonly linksBySentence: Map<string, Map<number, LinkedCode | undefined>>;
  encounter: EncounterWords | undefined;
}

const NO_WORDS: TokenizedText = { tokens: [], sentences: [], sentenceTokenStart: [0] };

/** Stands in for the note's context until the assertion stage has read it: asking earlier is a bug. */
const UNREAD: NoteContext = {
  assess() {
    throw createError('INTERNAL', 'a stage asked for assertions before the assertion stage ran');
  },
  assertionBetween() {
    throw createError('INTERNAL', 'a stage asked for assertions before the assertion stage ran');
  },
};

/**
 * A fresh document for one note; the stages fill it in.
 * @param options - the call's options
 * @param shipped - the learned model's associations, used unless the call brings its own
 */
export function createNoteDoc(
  note: Note,
  options: DetectOptions,
  shipped: Associations | undefined,
): NoteDoc {
  return {
    note,
    text: note.text,
    setting: options.setting ?? note.setting ?? 'outpatient',
    rules: options.rules,
    associations: options.associations ?? shipped,
    tags: options.tags,
    select: options.select,
    billing: options.billing,
    claimThreshold: options.claimThreshold,
    readable: true,
    words: NO_WORDS,
    tokens: NO_WORDS.tokens,
    sections: [],
    aliases: new Map(),
    context: UNREAD,
    matches: [],
    candidates: [],
    byKey: new Map(),
    kept: [],
    dropped: [],
    result: {
      noteId: note.id,
      suggestions: [],
      suppressed: [],
      versions: { codeSet: '', lexiconOnly: false, detector: '' },
    },
    features: [],
    evidenceBySpan: new Map(),
    contextBySpan: new Map(),
    stemsBySentence: new Map(),
    linksBySentence: new Map(),
    encounter: undefined,
  };
}

/**
 * The evidence of tokens `first`…`last`: offsets, words and section. Many terms match the same words, so
 * each span's evidence is made once (evidence is never changed).
 */
export function spanEvidence(doc: NoteDoc, first: number, last: number): Evidence {
  const key = first * 65_536 + (last - first);
  let made = doc.evidenceBySpan.get(key);
  if (made === undefined) {
    const start = doc.tokens[first]?.start ?? 0;
    const end = doc.tokens[last]?.end ?? start;
    const section = sectionAt(doc.sections, start)?.name;
    made = { start, end, text: doc.text.slice(start, end), ...(section ? { section } : {}) };
    doc.evidenceBySpan.set(key, made);
  }
  return made;
}

/** The candidate for a code, made (and listed) the first time a stage finds it. */
export function candidateOf(
  doc: NoteDoc,
  system: Candidate['system'],
  code: string,
  title: string,
): Candidate {
  // ICD-10-CM codes (most candidates) are their own key; they hold no "|".
  const key = system === 'ICD-10-CM' ? code : `${system}|${code}`;
  let c = doc.byKey.get(key);
  if (c === undefined) {
    c = newCandidate(system, code, title);
    doc.byKey.set(key, c);
    doc.candidates.push(c);
  }
  return c;
}

/**
 * Adds the titles' words for the sides a sentence names to a set of stems ("both knees" is "bilateral",
 * one side alone "unilateral"); returns it.
 */
export function withSideWords(stems: Set<string>): Set<string> {
  if (stems.has('both')) {
    stems.add('bilater');
  }
  // One side named, and not both: the titles' "unilateral" ("ectopic left testis" → unilateral).
  if (stems.has('left') !== stems.has('right') && !stems.has('bilater')) {
    stems.add('unilater');
  }
  return stems;
}

/** Parts of a leg and of an arm, as stems: the limb the code titles name them by. */
const LOWER_LIMB = ['thigh', 'knee', 'leg', 'calf', 'shin', 'ankl'];
const UPPER_LIMB = ['arm', 'forearm', 'elbow', 'wrist'];

/**
 * Adds the titles' words for the limb a part belongs to ("thigh" → "lower limb", "forearm" → "upper
 * limb", "extremity" → "limb"): the Index sends "abscess, thigh" to a category whose codes say "left
 * lower limb", never "thigh". Returns the set.
 */
export function withLimbWords(stems: Set<string>): Set<string> {
  const lower = LOWER_LIMB.some((w) => stems.has(w));
  const upper = UPPER_LIMB.some((w) => stems.has(w));
  if (lower) {
    stems.add('lower');
  }
  if (upper) {
    stems.add('upper');
  }
  if (lower || upper || stems.has('extrem')) {
    stems.add('limb');
  }
  return stems;
}

/** A vertebral level as a token: "c5", "l4", "t12", "s1". */
const LEVEL = /^([ctls])(\d{1,2})$/;

/**
 * Adds the titles' words for the spinal region the note's levels are in ("stenosis at L4-5" → lumbar,
 * "C5-C6 disc herniation" → cervical; L5 with S1 → lumbosacral, C7 with T1 → cervicothoracic, T12 with
 * L1 → thoracolumbar): the codes of spine conditions name regions, the notes name levels. Returns the set.
 */
export function withSpineWords(stems: Set<string>): Set<string> {
  const levels = new Set<string>();
  for (const s of stems) {
    const m = LEVEL.exec(s);
    if (m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
      levels.add(s);
    }
  }
  if (levels.size === 0) {
    return stems;
  }
  const has = (re: RegExp): boolean => [...levels].some((l) => re.test(l));
  if (levels.has('l5') && levels.has('s1')) {
    stems.add('lumbosacr');
  }
  if (levels.has('c7') && levels.has('t1')) {
    stems.add('cervicothorac');
  }
  if (levels.has('t12') && levels.has('l1')) {
    stems.add('thoracolumbar');
  }
  if (has(/^c/)) {
    stems.add('cervic');
  }
  if (has(/^t/)) {
    stems.add('thorac');
  }
  if (has(/^l[1-4]$/) || (levels.has('l5') && !levels.has('s1'))) {
    stems.add('lumbar');
  }
  return stems;
}

/** Adds every word code titles use for what the stems say otherwise: side, limb, spinal region. */
export function withTitleWords(stems: Set<string>): Set<string> {
  return withSpineWords(withLimbWords(withSideWords(stems)));
}

/** The stems of the sentence that holds token `first` (worked out once per sentence). */
export function sentenceStems(doc: NoteDoc, first: number): Set<string> {
  const { tokens } = doc;
  const s = tokens[first]?.sentence ?? 0;
  let stems = doc.stemsBySentence.get(s);
  if (stems === undefined) {
    const starts = doc.words.sentenceTokenStart;
    const to = Math.min(starts[s + 1] ?? tokens.length, tokens.length);
    stems = new Set<string>();
    for (let t = Math.max(0, starts[s] ?? 0); t < to; t++) {
      stems.add((tokens[t] as Token).stem);
    }
    withTitleWords(stems);
    doc.stemsBySentence.set(s, stems);
  }
  return stems;
}
