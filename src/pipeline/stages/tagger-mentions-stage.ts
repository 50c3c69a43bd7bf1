import type { CodeSet } from '../../codes/code-set.js';
import { isNotecoderError } from '../../core/errors.js';
import { termKeys } from '../../core/term-key.js';
import type { Evidence } from '../../core/types.js';
import type { Knowledge } from '../knowledge.js';
import type { NoteLinker } from '../linker/note-linker.js';
import { qualifiedAway } from '../aliases.js';
import { makeMention } from '../make-mention.js';
import { candidateOf, type NoteDoc } from '../note-doc.js';
import type { TaggedSpan } from '../tagger/tag-result.js';
import { MAX_MENTIONS } from './max-mentions.js';
import type { Stage } from './stage.js';

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

type SearchHit = ReturnType<CodeSet['search']>[number];

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

/** The code set's best ICD-10-CM hit; a query of stop words only (EMPTY_QUERY) names nothing. */
function searchTop(codeSet: CodeSet, words: string): SearchHit | undefined {
  try {
    return codeSet.search(words, { system: 'ICD-10-CM', limit: 1 })[0];
  } catch (err) {
    if (isNotecoderError(err) && err.code === 'EMPTY_QUERY') {
      return undefined;
    }
    throw err;
  }
}

/** The evidence of the ICD-10-CM candidates so far: tagger spans over them are not looked up. */
function takenEvidence(doc: NoteDoc): Evidence[] {
  const taken: Evidence[] = [];
  for (const c of doc.byKey.values()) {
    if (c.system === 'ICD-10-CM') {
      taken.push(...c.mentions.map((m) => m.evidence));
    }
  }
  return taken;
}

/** The tokens a span covers, whole words (a span that starts or ends inside a word takes the word). */
function spanTokens(doc: NoteDoc, span: TaggedSpan): { first: number; last: number } {
  const { tokens } = doc;
  const first = tokens.findIndex((t) => t.end > span.start);
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1]?.start ?? Infinity) < span.end) {
    last++;
  }
  return { first, last };
}

/** Options of {@link createTaggerMentionsStage}. */
export interface TaggerMentionsStageOptions {
  /** The linker the pipeline's stages share. */
  readonly link: NoteLinker;
}

/**
 * Tagger mentions: the ONNX tagger's problem and symptom spans the dictionary did not find are looked up
 * in the code set's search index (titles, inclusion terms, index phrases) and linked like a dictionary
 * match. Only on notes the tagger read (`DetectOptions.tags`).
 * @param knowledge - the code set (its search index)
 */
export function createTaggerMentionsStage(
  knowledge: Knowledge,
  options: TaggerMentionsStageOptions,
): Stage {
  const { codeSet } = knowledge;
  const { link } = options;
  return (doc) => {
    if (doc.tags === undefined) {
      return;
    }
    const taken = takenEvidence(doc);
    const covered = (start: number, end: number): boolean =>
      taken.some((e) => e.start < end && e.end > start);
    let added = 0;
    for (const span of doc.tags.spans) {
      if (
        span.type === 'PROCEDURE' ||
        span.score < TAGGER_SPAN_MIN ||
        covered(span.start, span.end)
      ) {
        continue;
      }
      const { first, last } = spanTokens(doc, span);
      // A word another word qualifies as another finding (venous "reflux", portal "hypertension") is
      // not looked up, as the dictionary's and the learned readings are not.
      if (first < 0 || qualifiedAway(doc.words, first, last, doc.text)) {
        continue;
      }
      const words = doc.text.slice(doc.tokens[first]?.start ?? 0, doc.tokens[last]?.end ?? 0);
      if (words.length < 3 || added >= MAX_TAGGER_LOOKUPS) {
        continue;
      }
      added++;
      const hit = searchTop(codeSet, words);
      if (
        hit === undefined ||
        hit.score < TAGGER_LOOKUP_MIN ||
        !spanCovers(words, hit.matched.text)
      ) {
        continue;
      }
      const linked = link(doc, hit.code, first);
      if (linked === undefined) {
        continue;
      }
      const c = candidateOf(doc, 'ICD-10-CM', linked.code, linked.title);
      if (c.mentions.length === 0) {
        c.guessed = linked.guessed;
        c.reasons.push(`tagger read "${words}" (${hit.matched.field} "${hit.matched.text}")`);
      }
      if (c.mentions.length < MAX_MENTIONS) {
        const quality = hit.score * span.score;
        const length = last - first + 1;
        const m = makeMention(doc, first, last, 'tagger', quality, hit.matched.text, length);
        c.mentions.push(m);
        taken.push(m.evidence);
      }
    }
  };
}
