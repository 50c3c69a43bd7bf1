import type { Claim, ClaimDiagnosis, ClaimLine, ClaimModifier } from '../../core/claim-types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { interspaceUnits, lesionUnits, timeUnits, vaccineAdminUnits } from './claim-units.js';
import { componentModifier } from './component-modifier.js';
import { firstListed, linePointers, type Pointed } from './diagnosis-pointers.js';
import { diagnosisRoles, type DiagnosisRole } from './diagnosis-roles.js';
import { distinctLines, draftLines } from './draft-lines.js';
import { checkEdits } from './check-edits.js';
import { lateralityModifiers } from './laterality-modifiers.js';
import { modifier25 } from './modifier-25.js';
import { repairLines } from './repair-lines.js';
import { repeatLines } from './repeat-lines.js';

/** Pricing modifiers first (26, TC, 50), then the others, as claim forms list them. */
const MODIFIER_ORDER = ['26', 'TC', '50', '76', '77', '25', 'XE', 'XS', 'XU', '59', 'RT', 'LT'];
const rank = (m: ClaimModifier): number => {
  const at = MODIFIER_ORDER.indexOf(m.code);
  return at < 0 ? MODIFIER_ORDER.length : at;
};

/** The claim's diagnoses: the first-listed, then each line's pointers in line order (at most 12). */
function claimDiagnoses(
  first: Pointed | undefined,
  pointed: readonly (readonly Pointed[])[],
): DiagnosisRole[] {
  const out: DiagnosisRole[] = first === undefined ? [] : [first.role];
  for (const p of pointed.flat()) {
    if (!out.includes(p.role) && out.length < 12) {
      out.push(p.role);
    }
  }
  return out;
}

/**
 * A draft claim from one note's suggestions: one line per billable CPT/HCPCS service with its units,
 * modifiers and diagnosis pointers, each with the words of the note it rests on, and the diagnoses in
 * claim order. Pure: the note, its suggestions and the loaded tables in, the claim out. Never adds
 * GA, GZ or GY: they need an advance beneficiary notice the note cannot show.
 * @param input - the note, its sections and the suggestions a coder sees
 * @param knowledge - the CPT lexicon, billing facts, bundling rules and edit tables
 */
export function buildClaim(input: ClaimInput, knowledge: ClaimKnowledge): Claim {
  let lines = draftLines(input);
  lines = [...lines, ...distinctLines(lines, input, knowledge)];
  lines = repairLines(lines, input, knowledge);
  lines = [...lines, ...repeatLines(lines, input, knowledge)];
  for (const line of lines) {
    if (
      !timeUnits(line, input, knowledge) &&
      !lesionUnits(line, input, knowledge) &&
      !interspaceUnits(line, input, knowledge)
    ) {
      vaccineAdminUnits(line, lines, knowledge);
    }
  }
  lines = lines.flatMap((l) => lateralityModifiers(l, input, knowledge));
  for (const line of lines) {
    componentModifier(line, input, knowledge);
  }
  const roles = diagnosisRoles(input.suggestions);
  const first = firstListed(lines, roles, input, knowledge);
  const withPointers = lines.map((line) => ({
    line,
    pointed: linePointers(line, roles, first, input, knowledge),
  }));
  modifier25(withPointers, roles, input, knowledge);
  const order = claimDiagnoses(
    first,
    withPointers.map((w) => w.pointed),
  );
  const diagnoses: ClaimDiagnosis[] = order.map((r, i) => ({
    sequence: i + 1,
    code: r.suggestion.code,
    title: r.suggestion.title,
  }));
  const findings = checkEdits(lines, input, knowledge);
  return {
    component: input.component,
    diagnoses,
    ...(first === undefined
      ? {}
      : { firstListed: { code: first.role.suggestion.code, ...first.why } }),
    lines: withPointers.map(({ line, pointed }, i) => finish(line, pointed, order, i, findings[i])),
    edits: {
      ...(knowledge.edits?.mue ? { mue: knowledge.edits.mue.source } : {}),
      ...(knowledge.edits?.ptp ? { ptp: knowledge.edits.ptp.source } : {}),
      ...(knowledge.edits?.addons ? { addons: knowledge.edits.addons.source } : {}),
    },
  };
}

function finish(
  line: DraftLine,
  pointed: readonly Pointed[],
  order: readonly DiagnosisRole[],
  i: number,
  findings: ClaimLine['findings'],
): ClaimLine {
  const kept = pointed.filter((p) => order.includes(p.role));
  if (kept.length === 0) {
    line.notes.push('no diagnosis on the note supports this service: add one before billing');
  }
  return {
    line: i + 1,
    code: line.code,
    system: line.system,
    title: line.title,
    units: line.units,
    unitsBasis: line.unitsBasis,
    modifiers: [...line.modifiers].sort((a, b) => rank(a) - rank(b)),
    diagnosisCodes: kept.map((p) => p.role.suggestion.code),
    diagnosisPointers: kept.map((p) => order.indexOf(p.role) + 1),
    pointerReasons: kept.map((p) => p.why),
    evidence: line.evidence,
    ...(findings !== undefined && findings.length > 0 ? { findings } : {}),
    ...(line.notes.length > 0 ? { notes: line.notes } : {}),
  };
}
