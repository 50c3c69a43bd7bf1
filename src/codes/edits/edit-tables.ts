/** One row of the CMS practitioner MUE table. */
export interface MueEdit {
  readonly code: string;
  /** Most units of the code one beneficiary gets from one provider on one date of service. */
  readonly value: number;
  /** MUE adjudication indicator: 1 line edit, 2 date-of-service edit (policy), 3 date-of-service edit (clinical). */
  readonly mai: string;
  readonly rationale: string;
}

/** One NCCI procedure-to-procedure edit: column 2 is not paid beside column 1 unless allowed. */
export interface PtpEdit {
  readonly column1: string;
  readonly column2: string;
  /** The `*` column: the edit existed before 1996. */
  readonly priorTo1996: boolean;
  /** ISO date the edit takes effect. */
  readonly effective: string;
  /** ISO date it stops, when deleted. */
  readonly deletion?: string;
  /** 0: never allowed together; 1: a distinct-service modifier may allow the pair; 9: the edit does not apply. */
  readonly modifier: '0' | '1' | '9';
  readonly rationale: string;
}

/** One add-on code and the primary codes it is reported with. */
export interface AddonEdit {
  readonly addon: string;
  /** CMS add-on type: 1 primaries listed; 2 no primary list (payer decides); 3 some primaries listed. */
  readonly type: string;
  readonly primaries: readonly string[];
}

/** A loaded table and the files (with their versions) it came from. */
export interface EditTable<T> {
  /** File names joined by `, ` (each names its release, as CMS names them). */
  readonly source: string;
  readonly rows: readonly T[];
}

/** The CMS edit tables a user supplied (`dict build --mue/--ncci/--addons`). */
export interface EditTables {
  readonly mue?: EditTable<MueEdit>;
  readonly ptp?: EditTable<PtpEdit>;
  readonly addons?: EditTable<AddonEdit>;
}
