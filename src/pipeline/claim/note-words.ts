import type { Evidence } from '../../core/types.js';
import { sentenceAround } from '../cpt/em/em-doc.js';

/** The evidence of `[start, end)`. */
export function spanOf(text: string, start: number, end: number): Evidence {
  return { start, end, text: text.slice(start, end) };
}

/** The sentences around a list of evidence spans (each once, in note order). */
export function sentencesOf(text: string, evidence: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  for (const e of evidence) {
    const s = sentenceAround(text, e.start, e.end);
    if (!out.some((o) => o.start === s.start)) {
      out.push(spanOf(text, s.start, s.end));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Every match of `pattern` (needs the `g` flag) inside the given spans, as evidence. */
export function wordsIn(text: string, spans: readonly Evidence[], pattern: RegExp): Evidence[] {
  const out: Evidence[] = [];
  for (const span of spans) {
    pattern.lastIndex = 0;
    const slice = text.slice(span.start, span.end);
    for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
      out.push(spanOf(text, span.start + m.index, span.start + m.index + m[0].length));
      if (m[0] === '') {
        pattern.lastIndex += 1;
      }
    }
  }
  return out;
}

const NEGATED_BEFORE = /\b(no|not|without|denies|never|deferred|declined)\b[^.;\n]{0,30}$/i;
const PLANNED_BEFORE =
  /\b(will|would|plan(?:s|ned)? to|recommend(?:ed|s)?|consider|should|may|if|to be|scheduled? for)\b[^.;\n]{0,40}$/i;
const PLANNED_AFTER = /^[^.;\n]{0,30}\b(in \d+|if needed|as needed|next visit|recommended)\b/i;

/** True when the words at `e` are denied, deferred or only planned ("no repeat", "recommend repeat"). */
export function notDone(text: string, e: Evidence): boolean {
  const before = text.slice(Math.max(0, e.start - 60), e.start);
  const after = text.slice(e.end, e.end + 40);
  return NEGATED_BEFORE.test(before) || PLANNED_BEFORE.test(before) || PLANNED_AFTER.test(after);
}
