/** Instructional notes the Tabular List attaches to a chapter, section or code. */
export interface TabularNotes {
  inclusionTerms?: string[];
  includes?: string[];
  excludes1?: string[];
  excludes2?: string[];
  codeFirst?: string[];
  useAdditionalCode?: string[];
  codeAlso?: string[];
  notes?: string[];
}

/** The note kinds of {@link TabularNotes}, as named in the Tabular XML. */
export const NOTE_KINDS = [
  'inclusionTerm',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
] as const;

/** One note kind of the Tabular XML. */
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Maps an XML note element to its {@link TabularNotes} key. */
export function noteKey(kind: NoteKind): keyof TabularNotes {
  return kind === 'inclusionTerm' ? 'inclusionTerms' : kind;
}

/** 7th-character definitions declared at a category or subcategory, applying to all codes below it. */
export interface SeventhDefinition {
  note?: string;
  /** 7th character → meaning, e.g. `A` → "initial encounter for closed fracture". */
  chars: Record<string, string>;
}

/** A chapter of the Tabular List. */
export interface TabularChapter {
  /** Chapter number as written (`1` … `22`). */
  id: string;
  title: string;
  notes: TabularNotes;
}

/** A block of categories (`E08-E13`). */
export interface TabularSection {
  /** Range id as written, e.g. `E08-E13`. */
  id: string;
  chapter: string;
  title: string;
  notes: TabularNotes;
}

/** One `diag` element. */
export interface TabularDiag {
  code: string;
  title: string;
  section: string;
  notes: TabularNotes;
  sevenths?: SeventhDefinition;
}

/** Everything read from one Tabular List XML. */
export interface TabularList {
  year: number | undefined;
  chapters: TabularChapter[];
  sections: TabularSection[];
  diags: TabularDiag[];
}
