import type { Claim, Inferred } from '../core/claim-types.js';
import type { Redaction } from '../core/redaction-types.js';
import type { DetectResult, Evidence, Suggestion } from '../core/types.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A detection result that carries no PHI: each evidence text becomes the redacted text of its span
 * (its offsets still point into the submitted note), every reason that quotes the note has the PHI it
 * quotes replaced, and the result carries the redacted note itself (`redacted`).
 * @param result - detection on the original text
 * @param text - the original text (read here, never kept)
 * @param redaction - the redactor's answer for that text
 */
export function redactResult(
  result: DetectResult,
  text: string,
  redaction: Redaction,
): DetectResult {
  const { spans } = redaction;
  const slice = (start: number, end: number): string => {
    let out = '';
    let at = start;
    for (const s of spans) {
      if (s.end <= start || s.start >= end) {
        continue;
      }
      out += text.slice(at, Math.max(at, s.start)) + s.replacement;
      at = Math.max(at, s.end);
    }
    return out + text.slice(Math.min(at, end), end);
  };
  // Reasons quote note words ("learned from coded notes: …"), sometimes normalised: replace every
  // PHI string, and each word of a name, wherever it appears, whatever its case.
  const quoted = new Map<string, string>();
  for (const s of spans) {
    const value = text.slice(s.start, s.end).trim();
    quoted.set(value.toLowerCase(), s.replacement);
    if (s.type === 'NAME' || s.type === 'LOCATION') {
      for (const w of value.match(/\p{L}[\p{L}'’-]{2,}/gu) ?? []) {
        quoted.set(w.toLowerCase(), s.replacement);
      }
    }
  }
  const keys = [...quoted.keys()].filter((k) => k.length >= 2).sort((a, b) => b.length - a.length);
  const pattern =
    keys.length === 0
      ? undefined
      : new RegExp(`(?<![\\p{L}\\d])(?:${keys.map(escape).join('|')})(?![\\p{L}\\d])`, 'giu');
  const scrub = (s: string): string =>
    pattern === undefined ? s : s.replace(pattern, (m) => quoted.get(m.toLowerCase()) ?? `[PHI]`);
  const evidence = (e: Evidence): Evidence => ({ ...e, text: slice(e.start, e.end) });
  const suggestion = <T extends Suggestion>(s: T): T => ({
    ...s,
    evidence: s.evidence.map(evidence),
    reasons: s.reasons.map(scrub),
  });
  return {
    ...result,
    suggestions: result.suggestions.map(suggestion),
    suppressed: result.suppressed.map(suggestion),
    ...(result.claim === undefined ? {} : { claim: redactClaim(result.claim, evidence, scrub) }),
    redacted: redaction,
  };
}

/** The claim with every evidence text redacted and every reason or note scrubbed of the PHI it quotes. */
function redactClaim(
  claim: Claim,
  evidence: (e: Evidence) => Evidence,
  scrub: (s: string) => string,
): Claim {
  const inferred = <T extends Inferred>(i: T): T => ({
    ...i,
    reason: scrub(i.reason),
    evidence: i.evidence.map(evidence),
  });
  return {
    ...claim,
    ...(claim.firstListed === undefined ? {} : { firstListed: inferred(claim.firstListed) }),
    lines: claim.lines.map((l) => ({
      ...l,
      unitsBasis: inferred(l.unitsBasis),
      modifiers: l.modifiers.map(inferred),
      pointerReasons: l.pointerReasons.map(inferred),
      evidence: l.evidence.map(evidence),
      ...(l.notes === undefined ? {} : { notes: l.notes.map(scrub) }),
    })),
  };
}
