import type { Assertion, Evidence, Suggestion, Suppressed } from '../core/types.js';
import {
  candidateAssertion,
  type Candidate,
  type Mention,
  type MentionSource,
} from './candidate.js';

const DICT_SOURCES = new Set<MentionSource>(['index', 'title', 'inclusion', 'synonym', 'neoplasm']);

/**
 * The mentions' evidence in the order the result shows it, without repeats, at most eight spans: the
 * dictionary's evidence first, as it is what names the condition; learned phrases of a sentence follow,
 * then the document-level ones (which only say such notes tend to carry the code). Within a rank, the
 * mentions that decided the assertion first ("no pneumonia" before "sputum"); otherwise in their order
 * (a stable sort by rank, then assertion: six groups read one after the other).
 */
function orderedEvidence(mentions: readonly Mention[], assertion: Assertion): Evidence[] {
  const out: Evidence[] = [];
  for (let group = 0; group < 6 && out.length < 8; group++) {
    for (const m of mentions) {
      if (groupOf(m, assertion) === group) {
        addEvidence(out, m.evidence);
      }
    }
  }
  return out;
}

function groupOf(m: Mention, assertion: Assertion): number {
  const rank = m.source === 'learned-doc' ? 2 : m.source === 'learned' ? 1 : 0;
  return rank * 2 + (m.assertion === assertion ? 0 : 1);
}

/** Adds a span unless it is there already or eight are. */
function addEvidence(out: Evidence[], e: Evidence): void {
  if (out.length < 8 && !out.some((o) => o.start === e.start && o.end === e.end)) {
    out.push(e);
  }
}

/** A candidate as the result shows it: evidence (dictionary words first), assertion, modifiers, reasons. */
export function toSuggestion(c: Candidate): Suggestion {
  const assertion = candidateAssertion(c);
  const evidence = orderedEvidence(c.mentions, assertion);
  const section = evidence[0]?.section;
  // The finding's own reason first (at most one: a dictionary term, else a learned phrase), then the
  // candidate's, in one array (no copy shifted along).
  const reasons: string[] = [];
  if (c.system === 'ICD-10-CM') {
    const dict = c.mentions.find((m) => DICT_SOURCES.has(m.source));
    const learned = dict === undefined ? c.mentions.find((m) => m.source === 'learned') : undefined;
    if (dict !== undefined) {
      reasons.push(`${dict.source} term "${dict.term}"`);
    } else if (learned !== undefined) {
      reasons.push(`learned from coded notes: "${learned.evidence.text}"`);
    }
  }
  for (const r of c.reasons) {
    reasons.push(r);
  }
  const confidence = Math.round(c.confidence * 1000) / 1000;
  const modifiers = c.modifiers.length > 0 ? c.modifiers : undefined;
  const said =
    reasons.length > 0
      ? reasons
      : [`found by ${[...new Set(c.mentions.map((m) => m.source))].join(', ')}`];
  // One literal per shape (no spread of small objects): every property in the object itself.
  if (!section) {
    return modifiers === undefined
      ? {
          code: c.code,
          system: c.system,
          title: c.title,
          confidence,
          evidence,
          assertion,
          reasons: said,
        }
      : {
          code: c.code,
          system: c.system,
          title: c.title,
          confidence,
          evidence,
          assertion,
          modifiers,
          reasons: said,
        };
  }
  return modifiers === undefined
    ? {
        code: c.code,
        system: c.system,
        title: c.title,
        confidence,
        evidence,
        assertion,
        section,
        reasons: said,
      }
    : {
        code: c.code,
        system: c.system,
        title: c.title,
        confidence,
        evidence,
        assertion,
        section,
        modifiers,
        reasons: said,
      };
}

/**
 * A suggestion as suppressed: its keys in their order with other evidence and reasons, then the reason
 * (`{ ...s, evidence, reasons, reason }` without the spread: one literal per shape).
 */
export function suppressedAs(
  s: Suggestion,
  evidence: readonly Evidence[],
  reasons: readonly string[],
  reason: string,
): Suppressed {
  const { code, system, title, confidence, assertion, section, modifiers } = s;
  if (section === undefined) {
    return modifiers === undefined
      ? { code, system, title, confidence, evidence, assertion, reasons, reason }
      : { code, system, title, confidence, evidence, assertion, modifiers, reasons, reason };
  }
  return modifiers === undefined
    ? { code, system, title, confidence, evidence, assertion, section, reasons, reason }
    : { code, system, title, confidence, evidence, assertion, section, modifiers, reasons, reason };
}

/** Evidence without repeats, at most eight spans. */
export function dedupeEvidence(list: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list) {
    if (out.length === 8) {
      break;
    }
    addEvidence(out, e);
  }
  return out;
}
