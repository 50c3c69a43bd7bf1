/** A trait of an entity, as Amazon Comprehend Medical's InferICD10CM names them. */
export type Icd10cmTraitName =
  | 'NEGATION'
  | 'DIAGNOSIS'
  | 'SIGN'
  | 'SYMPTOM'
  | 'PERTAINS_TO_FAMILY'
  | 'HYPOTHETICAL'
  | 'LOW_CONFIDENCE';

/** A trait and how sure it is (0..1). */
export interface Icd10cmTrait {
  readonly Name: Icd10cmTraitName;
  readonly Score: number;
}

/** A code proposed for an entity; the list is ranked by Score, best first. */
export interface Icd10cmConcept {
  readonly Description: string;
  readonly Code: string;
  readonly Score: number;
}

/** One medical condition found in the text. */
export interface Icd10cmEntity {
  readonly Id: number;
  readonly Text: string;
  readonly Category: 'MEDICAL_CONDITION';
  readonly Type: 'DX_NAME';
  readonly Score: number;
  /** UTF-16 offsets into Text of the request (what JavaScript strings index). */
  readonly BeginOffset: number;
  readonly EndOffset: number;
  readonly Traits: readonly Icd10cmTrait[];
  readonly ICD10CMConcepts: readonly Icd10cmConcept[];
}

/** The answer of `POST /v1/comprehend/infer-icd10-cm`, in the InferICD10CM response shape. */
export interface InferIcd10cmResponse {
  readonly Entities: readonly Icd10cmEntity[];
  readonly ModelVersion: string;
}

/** AWS's limit for InferICD10CM's Text, kept so clients written against it see the same bound. */
export const INFER_ICD10CM_MAX_CHARS = 10_000;
