import type { Suggestion } from '../../core/types.js';

/** An ICD-10-CM suggestion a coder reports: present, at or above the note's operating threshold. */
export function billedDiagnosis(s: Suggestion, operating: number): boolean {
  return s.system === 'ICD-10-CM' && s.confidence >= operating && s.assertion === 'present';
}
