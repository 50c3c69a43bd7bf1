import { isLearned, type Mention, type MentionSource } from './candidate.js';
import { spanEvidence, type NoteDoc, type SpanContext } from './note-doc.js';

/**
 * A mention of tokens `first`…`last` with its evidence and assertion. Many terms match the same words:
 * each span's context is assessed once per note. A learned phrase may hold its own trigger ("no
 * lymphadenopathy", mined from notes that code negated findings).
 * @param doc - the note (its context stage has run)
 * @param source - what found the span
 * @param quality - match quality or association precision
 * @param term - the term or n-gram that matched
 * @param length - required words of the term
 * @param subsumed - a longer match in the same category covers these words
 */
export function makeMention(
  doc: NoteDoc,
  first: number,
  last: number,
  source: MentionSource,
  quality: number,
  term: string,
  length: number,
  subsumed = false,
): Mention {
  const inside = isLearned(source);
  const spanKey = (first * 65_536 + (last - first)) * 2 + (inside ? 1 : 0);
  let ctx: SpanContext | undefined = doc.contextBySpan.get(spanKey);
  if (ctx === undefined) {
    const read = doc.context.assess(first, last, inside);
    ctx = {
      assertion: read.assertion,
      trigger:
        read.trigger === undefined
          ? undefined
          : {
              start: read.trigger.start,
              end: read.trigger.end,
              text: doc.text.slice(read.trigger.start, read.trigger.end),
            },
    };
    doc.contextBySpan.set(spanKey, ctx);
  }
  // Two literal shapes, no spread: a mention is made for every match of every term.
  const span = spanEvidence(doc, first, last);
  // A condition under the family history heading is a relative's (guideline: conditions only in the
  // family history are not coded as the patient's), whatever trigger the list itself lacks; there
  // "history of" tells the relative's history ("Father, 85, history of stroke and hypertension").
  const assertion =
    (ctx.assertion === 'present' || ctx.assertion === 'historical') &&
    span.section === 'family history'
      ? 'family'
      : ctx.assertion;
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
}
