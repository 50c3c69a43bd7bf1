import type { Evidence } from './types.js';

/**
 * Which part of a service with a professional and a technical component is billed: `professional`
 * (modifier 26: the interpretation and report), `technical` (TC: equipment, staff, supplies) or `global`
 * (both, no modifier). Codes that are not split this way ignore it.
 */
export type BillingComponent = 'professional' | 'technical' | 'global';

/**
 * The modifier family used for a distinct procedural service: `x` (XE, XS, XU: what CMS prefers) or
 * `59` (for payers that do not accept the X{EPSU} modifiers).
 */
export type DistinctModifierStyle = 'x' | '59';

/** Per-call billing options that shape claim lines. */
export interface BillingOptions {
  /** Default `professional`: a note is the physician's documentation of the service. */
  readonly component?: BillingComponent;
  /** Default `x`. */
  readonly distinct?: DistinctModifierStyle;
  /** The date of service (ISO `YYYY-MM-DD`) edits are checked against; default: the note's encounter date. */
  readonly dateOfService?: string;
}

/** Something on a claim line inferred from the note: a modifier, a unit count, a diagnosis pointer. */
export interface Inferred {
  /** Why, in words a coder reads. */
  readonly reason: string;
  /** The words of the note it rests on (empty only for what an option, not the note, decides). */
  readonly evidence: readonly Evidence[];
}

/** A modifier on a claim line. */
export interface ClaimModifier extends Inferred {
  readonly code: string;
}

/** A diagnosis on the claim, in the order it is listed (the first is the first-listed diagnosis). */
export interface ClaimDiagnosis {
  /** 1-based position on the claim: what line pointers refer to. */
  readonly sequence: number;
  readonly code: string;
  readonly title: string;
}

/** What an edit check says about a line (CMS MUE, NCCI procedure-to-procedure, add-on code lists). */
export interface EditFinding {
  /** `mue` (units over the medically unlikely edit), `ptp` (a procedure-to-procedure pair), `addon` (add-on without its primary). */
  readonly rule: 'mue' | 'ptp' | 'addon';
  /** What to do: `review`, `drop` (a column-2 code the pair does not allow), `bypassed` (a documented modifier allows the pair). */
  readonly action: 'review' | 'drop' | 'bypassed';
  readonly message: string;
  /** The source file and its version (file name, with the release it names), e.g. `MCR_MUE_PractitionerServices_Eff_01-01-2026.csv`. */
  readonly source: string;
  /** MUE value, PTP modifier indicator (0, 1, 9), the other code of the pair, the primary codes… */
  readonly details: Readonly<Record<string, string | number>>;
}

/** One billable CPT/HCPCS service. */
export interface ClaimLine {
  /** 1-based line number. */
  readonly line: number;
  readonly code: string;
  readonly system: 'CPT' | 'HCPCS';
  readonly title: string;
  readonly units: number;
  /** How the units were counted (lengths summed, lesions counted, minutes, or one documented service). */
  readonly unitsBasis: Inferred;
  readonly modifiers: readonly ClaimModifier[];
  /** Up to four diagnosis codes that justify the service, most relevant first. */
  readonly diagnosisCodes: readonly string[];
  /** The same as positions in {@link Claim.diagnoses}. */
  readonly diagnosisPointers: readonly number[];
  /** Why each pointer was chosen, in the same order. */
  readonly pointerReasons: readonly Inferred[];
  /** The suggestion's evidence of the service. */
  readonly evidence: readonly Evidence[];
  /** Edit checks (item present only when a check says something). */
  readonly findings?: readonly EditFinding[];
  /** Things a coder should know about the line that are not modifiers ("component not split"). */
  readonly notes?: readonly string[];
}

/** A draft claim built from a note's suggestions: what a coder reviews before it goes out. */
export interface Claim {
  readonly component: BillingComponent;
  /** Diagnoses in claim order: the first-listed diagnosis first. */
  readonly diagnoses: readonly ClaimDiagnosis[];
  /** Why the first diagnosis is listed first (outpatient guideline IV.G / IV.K). */
  readonly firstListed?: Inferred & { readonly code: string };
  readonly lines: readonly ClaimLine[];
  /** The edit tables the lines were checked against (none loaded: empty, and a note says so). */
  readonly edits: {
    readonly mue?: string;
    readonly ptp?: string;
    readonly addons?: string;
  };
}
