/** A CPT code as notecoder knows it. */
export interface CptEntry {
  readonly code: string;
  /** radiology, evaluation-management, procedure, laboratory, immunization, cardiology, … */
  readonly category: string;
  /** The description shown: the licensed descriptor when one was loaded, else our own words. */
  readonly description: string;
  /** Our own plain-language description (never the AMA descriptor). Empty for licensed-only codes. */
  readonly ownDescription: string;
  /** Modifiers the code may take (26/TC for radiology, LT/RT/50 for sided procedures, …). */
  readonly modifiers: readonly string[];
  /** Phrases a note may use for the service. */
  readonly triggers: readonly string[];
  /** Structured facets: modality, region, contrast, views, patient, level, … */
  readonly attributes: Readonly<Record<string, string>>;
  /** Where the description comes from. */
  readonly source: 'lexicon' | 'licensed';
}

/** The CPT knowledge shipped with notecoder plus what a licensed file adds. */
export interface CptLexicon {
  readonly entries: readonly CptEntry[];
  /** Modifier → our own description. */
  readonly modifiers: Readonly<Record<string, string>>;
}
