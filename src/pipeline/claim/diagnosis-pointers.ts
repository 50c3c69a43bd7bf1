import type { Inferred } from '../../core/claim-types.js';
import type { Evidence } from '../../core/types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { nearService, serviceKind, type DiagnosisRole } from './diagnosis-roles.js';

/** A diagnosis chosen for a line or for first place, and why. */
export interface Pointed {
  readonly role: DiagnosisRole;
  readonly why: Inferred;
}

const MAX_POINTERS = 4;

const firstEvidence = (r: DiagnosisRole): Evidence[] => r.suggestion.evidence.slice(0, 1);
const byOffset = (a: DiagnosisRole, b: DiagnosisRole): number =>
  (a.finding?.start ?? a.reason?.start ?? a.suggestion.evidence[0]?.start ?? 0) -
  (b.finding?.start ?? b.reason?.start ?? b.suggestion.evidence[0]?.start ?? 0);
/** Definitive diagnoses before signs and symptoms (guideline IV.D), then in note order. */
const definitiveFirst = (a: DiagnosisRole, b: DiagnosisRole): number =>
  Number(a.symptom) - Number(b.symptom) || byOffset(a, b);

function testPointers(roles: readonly DiagnosisRole[]): Pointed[] {
  const findings = roles.filter((r) => r.finding !== undefined).sort(definitiveFirst);
  const reasons = roles
    .filter((r) => r.finding === undefined && r.reason !== undefined)
    .sort(definitiveFirst);
  return [
    ...findings.map((role) => ({
      role,
      why: {
        reason: `finding of this study (${role.finding?.section ?? 'findings'})`,
        evidence: role.finding ? [role.finding] : [],
      },
    })),
    ...reasons.map((role) => ({
      role,
      why: {
        reason: `indication for this study (${role.reason?.section ?? 'indication'})`,
        evidence: role.reason ? [role.reason] : [],
      },
    })),
  ];
}

/**
 * The encounter's first-listed diagnosis (ICD-10-CM outpatient guidelines, section IV): for a note
 * whose services are all diagnostic tests, the confirmed finding, else the indication (IV.K); with a
 * procedure, the condition it treated; else the reason for the encounter (IV.G: chief complaint,
 * indication), else the first assessed. Definitive diagnoses come before signs and symptoms (IV.D).
 */
export function firstListed(
  lines: readonly DraftLine[],
  roles: readonly DiagnosisRole[],
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): Pointed | undefined {
  const kinds = lines.map((l) => serviceKind(l.code, knowledge));
  if (lines.length > 0 && kinds.every((k) => k === 'test')) {
    const top = testPointers(roles)[0];
    if (top !== undefined) {
      const confirmed = top.role.finding !== undefined;
      return {
        role: top.role,
        why: {
          reason: confirmed
            ? 'a diagnostic test: its confirmed finding is listed first (guideline IV.K)'
            : 'a diagnostic test with no confirmed finding coded: the indication is listed first (guideline IV.K)',
          evidence: top.why.evidence,
        },
      };
    }
  }
  const procedure = lines.find((_, i) => kinds[i] === 'procedure');
  if (procedure !== undefined) {
    const treated = nearService(input.text, procedure.evidence, roles).sort((a, b) =>
      definitiveFirst(a.role, b.role),
    )[0];
    if (treated !== undefined) {
      return {
        role: treated.role,
        why: {
          reason: `the condition ${procedure.code} treated is the reason for the encounter (guideline IV.G)`,
          evidence: [treated.evidence],
        },
      };
    }
  }
  const stated = roles.filter((r) => r.reason !== undefined).sort(definitiveFirst)[0];
  if (stated !== undefined && !stated.symptom) {
    return {
      role: stated,
      why: {
        reason: `stated as the reason for the encounter (${stated.reason?.section ?? 'reason'}; guideline IV.G)`,
        evidence: stated.reason ? [stated.reason] : firstEvidence(stated),
      },
    };
  }
  const assessed = [...roles].sort(definitiveFirst)[0];
  return assessed === undefined
    ? undefined
    : {
        role: assessed,
        why: {
          reason: assessed.finding
            ? `the first diagnosis assessed (${assessed.finding.section ?? 'assessment'}; guideline IV.G)`
            : 'the diagnosis best supported by the note (no reason for the encounter is stated)',
          evidence: assessed.finding ? [assessed.finding] : firstEvidence(assessed),
        },
      };
}

/**
 * Up to four diagnoses for a line, most relevant first: for a test its findings, then its indication;
 * for a procedure the conditions documented beside it, then the first-listed; for an E/M the first-listed
 * and then the others addressed.
 */
export function linePointers(
  line: DraftLine,
  roles: readonly DiagnosisRole[],
  first: Pointed | undefined,
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): Pointed[] {
  const kind = serviceKind(line.code, knowledge);
  let picked: Pointed[];
  if (kind === 'test') {
    picked = testPointers(roles);
  } else if (kind === 'procedure') {
    picked = nearService(input.text, line.evidence, roles)
      .sort((a, b) => definitiveFirst(a.role, b.role))
      .map(({ role, evidence }) => ({
        role,
        why: {
          reason: `documented with ${line.code} (the condition it addressed)`,
          evidence: [evidence],
        },
      }));
  } else {
    picked = [...roles].sort(definitiveFirst).map((role) => ({
      role,
      why: { reason: 'addressed at the visit', evidence: firstEvidence(role) },
    }));
  }
  if (first !== undefined && (kind === 'em' || picked.length === 0)) {
    picked = [first, ...picked.filter((p) => p.role !== first.role)];
  }
  return picked.slice(0, MAX_POINTERS);
}
