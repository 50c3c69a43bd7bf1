import type { Claim, ClaimLine } from '../core/claim-types.js';
import { SYSTEM_URL, type FhirResource, type Reference } from './fhir-types.js';

const CLAIM_TYPE = 'http://terminology.hl7.org/CodeSystem/claim-type';
const PRIORITY = 'http://terminology.hl7.org/CodeSystem/processpriority';
const TO_COMPLETE = 'to be completed by the biller';

/** CPT modifiers are two digits (26, 50, 59, 76); HCPCS Level II ones letters (TC, LT, XS). */
const modifierSystem = (code: string): string =>
  /^\d\d$/.test(code) ? SYSTEM_URL.CPT : SYSTEM_URL.HCPCS;

function item(l: ClaimLine, procedures: ReadonlyMap<string, string>): Record<string, unknown> {
  const procedure = procedures.get(l.code);
  return {
    sequence: l.line,
    ...(l.diagnosisPointers.length === 0 ? {} : { diagnosisSequence: l.diagnosisPointers }),
    productOrService: {
      coding: [
        {
          system: SYSTEM_URL[l.system],
          code: l.code,
          ...(l.title.trim() ? { display: l.title } : {}),
        },
      ],
    },
    ...(l.modifiers.length === 0
      ? {}
      : {
          modifier: l.modifiers.map((m) => ({
            coding: [{ system: modifierSystem(m.code), code: m.code }],
            text: m.reason,
          })),
        }),
    quantity: { value: l.units },
    ...(procedure === undefined
      ? {}
      : {
          extension: [
            {
              url: 'https://notecoder.dev/fhir/StructureDefinition/procedure',
              valueReference: { reference: procedure },
            },
          ],
        }),
  };
}

/**
 * The claim lines as a draft FHIR R4 `Claim` (professional): diagnoses in claim order, one item per
 * line with its units, modifiers (their reasons as text) and diagnosis pointers. Provider and coverage
 * are for the biller to fill in: the note does not name them.
 */
export function fhirClaim(
  claim: Claim,
  context: { subject: Reference; now: string; procedures: ReadonlyMap<string, string> },
): FhirResource {
  return {
    resourceType: 'Claim',
    status: 'draft',
    type: { coding: [{ system: CLAIM_TYPE, code: 'professional' }] },
    use: 'claim',
    patient: context.subject,
    created: context.now,
    provider: { display: TO_COMPLETE },
    priority: { coding: [{ system: PRIORITY, code: 'normal' }] },
    insurance: [{ sequence: 1, focal: true, coverage: { display: TO_COMPLETE } }],
    ...(claim.diagnoses.length === 0
      ? {}
      : {
          diagnosis: claim.diagnoses.map((d) => ({
            sequence: d.sequence,
            diagnosisCodeableConcept: {
              coding: [
                {
                  system: SYSTEM_URL['ICD-10-CM'],
                  code: d.code,
                  ...(d.title.trim() ? { display: d.title } : {}),
                },
              ],
            },
          })),
        }),
    // A line an NCCI edit drops stays on notecoder's claim for the coder to see, not on the FHIR Claim.
    item: claim.lines
      .filter((l) => !(l.findings ?? []).some((f) => f.action === 'drop'))
      .map((l) => item(l, context.procedures)),
  };
}
