/** The few FHIR R4 shapes notecoder writes (a subset of the specification's, by name and field). */
export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface CodeableConcept {
  readonly coding?: readonly Coding[];
  readonly text?: string;
}

export interface Reference {
  readonly reference?: string;
  readonly display?: string;
}

export interface Extension {
  readonly url: string;
  readonly valueInteger?: number;
  readonly valueString?: string;
  readonly valueReference?: Reference;
  readonly extension?: readonly Extension[];
}

/** Any resource: its type, id and whatever fields the type has. */
export interface FhirResource {
  readonly resourceType: string;
  readonly id?: string;
  readonly [field: string]: unknown;
}

export interface BundleEntry {
  readonly fullUrl: string;
  readonly resource: FhirResource;
}

export interface Bundle extends FhirResource {
  readonly resourceType: 'Bundle';
  readonly type: 'collection';
  readonly timestamp: string;
  readonly entry: readonly BundleEntry[];
}

/** The code systems' canonical URLs. */
export const SYSTEM_URL = {
  'ICD-10-CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  CPT: 'http://www.ama-assn.org/go/cpt',
  HCPCS: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
} as const;

/** The FHIR media type (`Accept: application/fhir+json`). */
export const FHIR_JSON = 'application/fhir+json';
