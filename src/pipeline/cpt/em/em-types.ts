/** An E/M code family: the codes among which a level is chosen. */
export type EmFamily =
  | 'office-new'
  | 'office-established'
  | 'ed'
  | 'hospital-initial'
  | 'hospital-subsequent'
  | 'discharge'
  | 'office-consult'
  | 'inpatient-consult'
  | 'critical-care';

/** The families as the level table names them. */
export const EM_FAMILIES: readonly EmFamily[] = [
  'office-new',
  'office-established',
  'ed',
  'hospital-initial',
  'hospital-subsequent',
  'discharge',
  'office-consult',
  'inpatient-consult',
  'critical-care',
];

/** A level of medical decision making, lowest first. */
export type MdmLevel = 'straightforward' | 'low' | 'moderate' | 'high';

/** The MDM levels in order (index 0 = straightforward). */
export const MDM_LEVELS: readonly MdmLevel[] = ['straightforward', 'low', 'moderate', 'high'];

/** One code of a family: the MDM levels it answers to and the total time that reaches it. */
export interface EmLevelRow {
  readonly family: EmFamily;
  readonly code: string;
  readonly mdm: readonly MdmLevel[];
  /** Minutes that must be met or exceeded; null = no time level (ED). */
  readonly minutes: number | null;
}

/** A family's add-on code for time beyond its top level (99417, 99418, 99292). */
export interface EmProlongedRow {
  readonly family: EmFamily;
  readonly code: string;
  /** Total minutes at which the first unit begins. */
  readonly firstAt: number;
  /** Minutes per further unit. */
  readonly step: number;
}

/** Where in the note a cue is looked for (see `em-cues.tsv`). */
export type CueWhere = 'heading' | 'first-heading' | 'history' | 'opening' | 'text' | 'sentence';

/** A cue of the encounter lexicon. */
export interface EmCue {
  readonly kind: 'family' | 'patient' | 'not-encounter' | 'encounter' | 'time';
  readonly value: string;
  readonly where: CueWhere;
  readonly weight: number;
  /** Global, case-insensitive: use with `matchAll`, never `exec`. */
  readonly pattern: RegExp;
}

/** Where in the note an MDM cue is looked for (see `em-mdm.tsv`). */
export type MdmWhere = 'problem' | 'management' | 'data' | 'heading' | 'any';

/** A cue of the medical decision making lexicon. */
export interface MdmCue {
  readonly element: 'problem' | 'data' | 'risk';
  readonly category: string;
  readonly name: string;
  readonly where: MdmWhere;
  /** Global, case-insensitive: use with `matchAll`, never `exec`. */
  readonly pattern: RegExp;
}

/** The E/M tables and cue lexicons, loaded once from `dictionaries/lexicon/em-*.tsv`. */
export interface EmKnowledge {
  readonly levels: readonly EmLevelRow[];
  readonly prolonged: readonly EmProlongedRow[];
  readonly cues: readonly EmCue[];
  readonly mdm: readonly MdmCue[];
}

/** A character range of the note. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
