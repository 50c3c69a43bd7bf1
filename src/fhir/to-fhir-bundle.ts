import { createHash } from 'node:crypto';
import type { Assertion, DetectResult, Suggestion } from '../core/types.js';
import { fhirClaim } from './fhir-claim.js';
import { noteReference } from './fhir-evidence.js';
import {
  SYSTEM_URL,
  type Bundle,
  type BundleEntry,
  type CodeableConcept,
  type FhirResource,
  type Reference,
} from './fhir-types.js';

/** Options of {@link toFhirBundle}. */
export interface FhirBundleOptions {
  /** Who the note is about (`Patient/123`); default: a reference that only names the note. */
  readonly subject?: Reference;
  /** When the bundle was made (ISO date-time); default: now. */
  readonly now?: string;
}

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';

/** The Condition's verification and clinical status from what the note says. */
function statuses(assertion: Assertion): { verification: string; clinical?: string } {
  switch (assertion) {
    case 'present':
      return { verification: 'confirmed', clinical: 'active' };
    case 'historical':
      return { verification: 'confirmed', clinical: 'resolved' };
    case 'possible':
      return { verification: 'provisional', clinical: 'active' };
    case 'absent':
      return { verification: 'refuted' };
    case 'family':
    case 'hypothetical':
      return { verification: 'unconfirmed' };
  }
}

const concept = (system: string, code: string, display: string): CodeableConcept => ({
  coding: [{ system, code, ...(display.trim() === '' ? {} : { display }) }],
});

/** A stable `urn:uuid:` for one resource of one result (the same result gives the same bundle). */
export function urnFor(noteId: string, kind: string, key: string): string {
  const h = createHash('sha256').update(`${noteId}\u0000${kind}\u0000${key}`).digest('hex');
  const v = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `urn:uuid:${v}`;
}

/** The suggestion's reasons as annotations (FHIR allows no empty list). */
function notes(s: Suggestion): { note?: { text: string }[] } {
  const note = s.reasons.filter((r) => r.trim() !== '').map((text) => ({ text }));
  return note.length === 0 ? {} : { note };
}

function condition(s: Suggestion, subject: Reference, note: string): FhirResource {
  const { verification, clinical } = statuses(s.assertion);
  return {
    resourceType: 'Condition',
    ...(clinical === undefined ? {} : { clinicalStatus: concept(CLINICAL, clinical, '') }),
    verificationStatus: concept(VERIFICATION, verification, ''),
    code: concept(SYSTEM_URL['ICD-10-CM'], s.code, s.title),
    subject,
    ...(s.evidence.length === 0
      ? {}
      : { evidence: [{ detail: [noteReference(note, s.evidence)] }] }),
    ...notes(s),
  };
}

function procedure(
  s: Suggestion,
  subject: Reference,
  note: string,
  reasons: readonly string[],
): FhirResource {
  return {
    resourceType: 'Procedure',
    status: 'completed',
    code: concept(SYSTEM_URL[s.system === 'HCPCS' ? 'HCPCS' : 'CPT'], s.code, s.title),
    subject,
    ...(reasons.length === 0
      ? {}
      : { reasonReference: reasons.map((reference) => ({ reference })) }),
    ...(s.evidence.length === 0
      ? {}
      : {
          extension: [
            {
              url: 'https://notecoder.dev/fhir/StructureDefinition/evidence',
              valueReference: noteReference(note, s.evidence),
            },
          ],
        }),
    ...notes(s),
  };
}

/**
 * A detection result as a FHIR R4 `Bundle` (type collection): the note as a `DocumentReference` (no
 * text: the spans point into the text the caller holds), a `Condition` per ICD-10-CM suggestion
 * (verificationStatus from the assertion, evidence pointing at the note's spans), a `Procedure` per
 * CPT/HCPCS suggestion (its reasons: the Conditions its claim line points at), and, when the result has
 * claim lines, a draft `Claim` summarising them.
 * @param result - one note's result
 */
export function toFhirBundle(result: DetectResult, options: FhirBundleOptions = {}): Bundle {
  const id = result.noteId;
  const subject = options.subject ?? { display: `the patient of note ${id}` };
  const now = options.now ?? new Date().toISOString();
  const note = urnFor(id, 'DocumentReference', id);
  const entries: BundleEntry[] = [
    {
      fullUrl: note,
      resource: {
        resourceType: 'DocumentReference',
        status: 'current',
        subject,
        description: `clinical note ${id} (coded by ${result.versions.detector})`,
        content: [{ attachment: { contentType: 'text/plain', title: id } }],
      },
    },
  ];
  const conditionUrl = new Map<string, string>();
  for (const s of result.suggestions.filter((x) => x.system === 'ICD-10-CM')) {
    const url = urnFor(id, 'Condition', s.code);
    conditionUrl.set(s.code, url);
    entries.push({ fullUrl: url, resource: condition(s, subject, note) });
  }
  const procedureUrl = new Map<string, string>();
  for (const s of result.suggestions.filter((x) => x.system !== 'ICD-10-CM')) {
    const pointed = result.claim?.lines.find((l) => l.code === s.code)?.diagnosisCodes ?? [];
    const reasons = pointed.flatMap((c) => conditionUrl.get(c) ?? []);
    const url = urnFor(id, 'Procedure', s.code);
    procedureUrl.set(s.code, url);
    entries.push({ fullUrl: url, resource: procedure(s, subject, note, reasons) });
  }
  if (result.claim !== undefined && result.claim.lines.length > 0) {
    entries.push({
      fullUrl: urnFor(id, 'Claim', id),
      resource: fhirClaim(result.claim, { subject, now, procedures: procedureUrl }),
    });
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp: now, entry: entries };
}
