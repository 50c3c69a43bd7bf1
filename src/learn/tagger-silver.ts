import type { Assertion } from '../core/types.js';
import type { CodeSet } from '../codes/code-set.js';
import { isNotecoderError } from '../core/errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { splitSentences } from '../text/sentences.js';
import type { EvidencedDoc } from './codiesp-evidence.js';

/** Mention classes of the tagger's BIO head. */
export type MentionType = 'PROBLEM' | 'SYMPTOM' | 'PROCEDURE';

/** A training note with silver spans for the tagger. */
export interface SilverDoc {
  readonly id: string;
  readonly text: string;
  /** Spans a coder coded: pipeline mentions of codes whose category is among the gold codes. */
  readonly mentions: readonly { start: number; end: number; type: MentionType }[];
  /** Every candidate mention with the context analyzer's assertion. */
  readonly assertions: readonly { start: number; end: number; assertion: Assertion }[];
}

/** Longest n-gram (in words) tried when looking for a gold code's words. */
const MAX_NGRAM = 4;

/**
 * The words of an evidence sentence that name a gold code the pipeline did not find: the longest
 * n-gram (1–4 words) whose best code-set search hit is that very code. This is what the dictionary
 * misses and the tagger can learn.
 */
function recoverSpan(
  codeSet: CodeSet,
  text: string,
  sentence: { start: number; end: number },
  code: string,
): { start: number; end: number } | undefined {
  const words = [...text.slice(sentence.start, sentence.end).matchAll(/[\p{L}\p{N}]+/gu)].map(
    (m) => ({
      start: sentence.start + m.index,
      end: sentence.start + m.index + m[0].length,
    }),
  );
  for (let n = Math.min(MAX_NGRAM, words.length); n >= 1; n--) {
    for (let k = 0; k + n <= words.length; k++) {
      const start = words[k]?.start ?? 0;
      const end = words[k + n - 1]?.end ?? 0;
      let top: string | undefined;
      try {
        top = codeSet.search(text.slice(start, end), { system: 'ICD-10-CM', limit: 1 })[0]?.code;
      } catch (err) {
        if (!isNotecoderError(err) || err.code !== 'EMPTY_QUERY') {
          throw err;
        }
      }
      if (top === code) {
        return { start, end };
      }
    }
  }
  return undefined;
}

/**
 * Silver labels for one CodiEsp training note: the pipeline's mentions (dictionary, learned
 * associations, CPT triggers) aligned to the note's gold codes at category level, plus, for gold codes
 * the pipeline did not find, the words of their evidence sentence that the code-set search resolves to
 * them. A mention of a code the coders did not code is not a mention here: the tagger learns what
 * coders code, in context, including what the dictionary does not list.
 * @param pipeline - the pipeline (dictionary, context and learned associations)
 * @param codeSet - the code set (search) the pipeline runs on
 * @param doc - a CodiEsp **train** note with its gold codes and evidence sentences
 */
export function silverDoc(pipeline: Pipeline, codeSet: CodeSet, doc: EvidencedDoc): SilverDoc {
  const goldCategories = new Set(doc.gold.map((g) => g.slice(0, 3)));
  const mentions = new Map<string, { start: number; end: number; type: MentionType }>();
  const assertions = new Map<string, { start: number; end: number; assertion: Assertion }>();
  const candidates = pipeline.mentions({ id: doc.id, text: doc.text, setting: 'inpatient' });
  const found = new Set(candidates.map((c) => c.code));
  const sentences = splitSentences(doc.text);
  for (const code of doc.gold) {
    if (found.has(code)) {
      continue;
    }
    for (const index of doc.evidence.get(code) ?? []) {
      const sentence = sentences[index];
      const span =
        sentence === undefined ? undefined : recoverSpan(codeSet, doc.text, sentence, code);
      if (span !== undefined) {
        const key = `${span.start}:${span.end}`;
        if (!mentions.has(key)) {
          mentions.set(key, { ...span, type: code.startsWith('R') ? 'SYMPTOM' : 'PROBLEM' });
        }
        break;
      }
    }
  }
  for (const c of candidates) {
    if (c.sibling) {
      continue;
    }
    for (const m of c.mentions) {
      if (m.end <= m.start || m.source === 'learned-doc') {
        continue;
      }
      const key = `${m.start}:${m.end}`;
      assertions.set(key, { start: m.start, end: m.end, assertion: m.assertion });
      const coded =
        c.system === 'ICD-10-CM'
          ? goldCategories.has(c.code.slice(0, 3))
          : m.source === 'cpt-trigger' && m.assertion === 'present';
      if (coded && !mentions.has(key)) {
        const type: MentionType =
          c.system !== 'ICD-10-CM' ? 'PROCEDURE' : c.code.startsWith('R') ? 'SYMPTOM' : 'PROBLEM';
        mentions.set(key, { start: m.start, end: m.end, type });
      }
    }
  }
  const byStart = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
    a.start - b.start || b.end - a.end;
  return {
    id: doc.id,
    text: doc.text,
    mentions: [...mentions.values()].sort(byStart),
    assertions: [...assertions.values()].sort(byStart),
  };
}
