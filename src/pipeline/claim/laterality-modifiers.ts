import type { Evidence } from '../../core/types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { notDone, sentencesOf, wordsIn } from './note-words.js';

const SIDE =
  /\b(bilateral(?:ly)?|both\s+(?:sides|knees|shoulders|hips|ankles|wrists|elbows|ears|eyes|breasts|feet|hands|legs|arms)|left|right)\b/gi;

/** The side the service's words name: LT, RT, both, or undefined (none, or left and right apart). */
export function documentedSide(
  input: Pick<ClaimInput, 'text'>,
  evidence: readonly Evidence[],
): { side: 'LT' | 'RT' | 'both'; evidence: Evidence[] } | undefined {
  // The service's own words first (an exam title: "MRI LEFT KNEE"), then their sentences.
  for (const spans of [evidence, sentencesOf(input.text, evidence)]) {
    const words = wordsIn(input.text, spans, SIDE).filter((w) => !notDone(input.text, w));
    const both = words.filter((w) => /^(bilateral|both)/i.test(w.text));
    if (both.length > 0) {
      return { side: 'both', evidence: both };
    }
    const left = words.filter((w) => /^left$/i.test(w.text));
    const right = words.filter((w) => /^right$/i.test(w.text));
    if (left.length > 0 && right.length > 0) {
      // Left and right named for one service without "bilateral": the side is not the note's to say
      // here ("right knee injected, left knee deferred" is caught above; anything else is a coder's call).
      return undefined;
    }
    if (left.length > 0 || right.length > 0) {
      return { side: left.length > 0 ? 'LT' : 'RT', evidence: left.length > 0 ? left : right };
    }
  }
  return undefined;
}

/**
 * LT, RT and 50 from the note's words, for codes that take them: one side → LT or RT; "bilateral" or
 * "both knees" → 50 on one line where the code is paid that way (CMS bilateral indicator 1), else one line
 * per side with RT and LT (indicator 3); a code that is bilateral by definition (indicator 2) takes none.
 * @returns the line, or two lines (right, then left) for a code billed per side
 */
export function lateralityModifiers(
  line: DraftLine,
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): DraftLine[] {
  const entry = knowledge.cpt.get(line.code);
  const fact = knowledge.billing.get(line.code);
  const sided = entry?.modifiers.includes('LT') === true || fact?.bilateral === 3;
  const fifty = entry?.modifiers.includes('50') === true || fact?.bilateral === 1;
  if (!sided && !fifty) {
    return [line];
  }
  const side = documentedSide(input, line.evidence);
  if (side === undefined) {
    if (sided) {
      line.notes.push('no side documented for a sided service: LT/RT not added');
    }
    return [line];
  }
  if (side.side !== 'both') {
    const name = side.side === 'LT' ? 'left' : 'right';
    line.modifiers.push({
      code: side.side,
      reason: `the ${name} side is documented for this service`,
      evidence: side.evidence,
    });
    return [line];
  }
  if (fifty) {
    line.modifiers.push({
      code: '50',
      reason:
        'both sides documented in one session: one line with modifier 50 (CMS bilateral indicator 1)',
      evidence: side.evidence,
    });
    return [line];
  }
  {
    const other: DraftLine = {
      ...line,
      modifiers: line.modifiers.map((m) => ({ ...m })),
      notes: [...line.notes],
      unitsBasis: { ...line.unitsBasis },
    };
    const reason = (name: string): string =>
      `both sides documented; this code is reported once per side: the ${name} side`;
    line.modifiers.push({ code: 'RT', reason: reason('right'), evidence: side.evidence });
    other.modifiers.push({ code: 'LT', reason: reason('left'), evidence: side.evidence });
    return [line, other];
  }
}
