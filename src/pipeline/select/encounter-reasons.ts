import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Suggestion } from '../../core/types.js';

/** A billed service whose own reason is a Z code the guidelines ask for. */
interface EncounterReason {
  readonly service: RegExp;
  readonly code: string;
  readonly why: string;
}

const REASONS: readonly EncounterReason[] = [
  {
    // Vasectomy, tubal ligation or occlusion (open, laparoscopic, hysteroscopic), postpartum included.
    service: /^(55250|5860[05]|5861[15]|58565|5867[01])$/,
    code: 'Z30.2',
    why: 'an elective sterilization is reported with Z30.2, encounter for sterilization (guideline I.C.21.c.11)',
  },
  {
    // Vaccine and toxoid administration.
    service: /^904(6[01]|7[1-4])$/,
    code: 'Z23',
    why: 'a vaccine given at the encounter is reported with Z23, encounter for immunization (guideline I.C.21.c.2)',
  },
];

/**
 * The reason the guidelines require beside a billed service when the note's words named none: the
 * sterilization encounter beside a vasectomy or tubal procedure, immunization beside a vaccine
 * administration. Added at the threshold on the service's evidence; a candidate already read from the
 * words is raised to the threshold instead (`companionCodes` does that for Z23).
 * @param result - the selected billing result
 * @param codeSet - the code set (the reason's title; a code it does not hold as billable is not added)
 * @param operating - the note's operating threshold
 */
export function encounterReasons(
  result: DetectResult,
  codeSet: CodeSet,
  operating: number,
): DetectResult {
  let suggestions = result.suggestions;
  for (const row of REASONS) {
    const service = suggestions.find(
      (s) => s.system !== 'ICD-10-CM' && s.confidence >= operating && row.service.test(s.code),
    );
    if (service === undefined || !codeSet.isBillable(row.code, 'ICD-10-CM')) {
      continue;
    }
    const read = suggestions.find((s) => s.code === row.code);
    if (read !== undefined && read.confidence >= operating) {
      continue;
    }
    const reason: Suggestion = {
      code: row.code,
      system: 'ICD-10-CM',
      title: codeSet.get(row.code, 'ICD-10-CM')?.title ?? row.code,
      confidence: operating,
      evidence: read?.evidence ?? service.evidence,
      assertion: 'present',
      reasons: [...(read?.reasons ?? []), `beside ${service.code}: ${row.why}`],
    };
    suggestions = [...suggestions.filter((s) => s !== read), reason];
  }
  if (suggestions === result.suggestions) {
    return result;
  }
  return { ...result, suggestions: [...suggestions].sort((a, b) => b.confidence - a.confidence) };
}
