import type { Evidence } from '../../core/types.js';
import { isMinorProcedure } from './billing-facts.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import type { Pointed } from './diagnosis-pointers.js';
import type { DiagnosisRole } from './diagnosis-roles.js';
import { serviceKind } from './diagnosis-roles.js';
import { spanOf, wordsIn } from './note-words.js';

const SEPARATE =
  /\b(separately identifiable|separate(?:ly)? (?:problem|issue|complaint|concern)|also (?:addressed|discussed|evaluated|managed|reviewed)|in addition|additionally|unrelated)\b/gi;

/**
 * Modifier 25 on an E/M billed the same day as a minor procedure (global period 0 or 10 days): only
 * when the note documents a problem the procedure did not address — a diagnosis none of the minor
 * procedures points to — since the decision to do a minor procedure is part of it. Without one the E/M
 * line gets no 25 and a note saying why.
 * @param lines - the draft lines with their pointers
 */
export function modifier25(
  lines: readonly { line: DraftLine; pointed: readonly Pointed[] }[],
  roles: readonly DiagnosisRole[],
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): void {
  const minor = lines.filter((l) => isMinorProcedure(knowledge.billing.get(l.line.code)));
  if (minor.length === 0) {
    return;
  }
  const treated = new Set<DiagnosisRole>(minor.flatMap((m) => m.pointed.map((p) => p.role)));
  const separate = roles.filter((r) => !treated.has(r));
  const words = wordsIn(input.text, [spanOf(input.text, 0, input.text.length)], SEPARATE);
  const procedures = minor.map((m) => m.line.code).join(', ');
  for (const { line } of lines) {
    if (serviceKind(line.code, knowledge) !== 'em') {
      continue;
    }
    if (separate.length === 0) {
      line.notes.push(
        `same-day minor procedure (${procedures}) and no separately identifiable problem documented: the E/M is part of the procedure; no modifier 25`,
      );
      continue;
    }
    const evidence: Evidence[] = [
      ...separate.flatMap((r) => r.suggestion.evidence.slice(0, 1)),
      ...words.slice(0, 1),
    ];
    line.modifiers.push({
      code: '25',
      reason: `a significant, separately identifiable problem (${separate.map((r) => r.suggestion.code).join(', ')}) beside the same-day minor procedure (${procedures})`,
      evidence,
    });
  }
}
