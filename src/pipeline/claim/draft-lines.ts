import type { Suggestion } from '../../core/types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { addDistinctModifier } from './distinct-modifiers.js';

/** A service suggestion as a draft line: one unit, no modifiers yet. */
export function draftLine(s: Suggestion): DraftLine {
  return {
    code: s.code,
    system: s.system === 'HCPCS' ? 'HCPCS' : 'CPT',
    title: s.title,
    units: 1,
    unitsBasis: { reason: 'one service documented', evidence: s.evidence.slice(0, 1) },
    modifiers: [],
    evidence: s.evidence,
    notes: [],
  };
}

/** One draft line per CPT/HCPCS suggestion, in the suggestions' order. */
export function draftLines(input: ClaimInput): DraftLine[] {
  const seen = new Set<string>();
  const out: DraftLine[] = [];
  for (const s of input.suggestions) {
    if (s.system === 'ICD-10-CM' || seen.has(s.code)) {
      continue;
    }
    seen.add(s.code);
    out.push(draftLine(s));
  }
  return out;
}

/**
 * A code the bundling rules dropped comes back as its own line when the note documents it as distinct
 * from the code it is bundled into (a separate site, session or non-overlapping service), with XS, XE,
 * XU (or 59); the team's bundle rows only, where such a modifier may unbundle the pair.
 */
export function distinctLines(
  lines: readonly DraftLine[],
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): DraftLine[] {
  const out: DraftLine[] = [];
  for (const s of input.suppressed) {
    if (s.reason !== 'bundled' || s.system === 'ICD-10-CM') {
      continue;
    }
    // Every bundle row of the code counts: a code can be included in several services.
    const into = new Set(
      knowledge.cptRules
        .filter((r) => r.rule === 'bundle' && r.code === s.code)
        .flatMap((r) => r.other),
    );
    const column1 = lines.find((l) => into.has(l.code));
    if (column1 === undefined) {
      continue;
    }
    const line = draftLine(s);
    if (addDistinctModifier(line, column1, input)) {
      out.push(line);
    }
  }
  return out;
}
