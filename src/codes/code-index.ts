import type { CodeSetArtifact } from './artifact-types.js';
import { canonicalCpt, canonicalHcpcs, canonicalIcd, type CodeSystem } from './code-format.js';
import type { CodeInfo, CptCodeInfo, HcpcsCodeInfo, IcdCodeInfo } from './code-info.js';
import type { CptEntry } from './cpt/cpt-types.js';
import type { TabularChapter, TabularNotes, TabularSection } from './icd10cm/tabular-types.js';

/**
 * The artifact's codes by position, and their info objects: what lookup, hierarchy, notes and search all
 * stand on. Every code has one number (key): ICD-10-CM codes first, then HCPCS, then CPT.
 */
export interface CodeIndex {
  readonly artifact: CodeSetArtifact;
  /** Canonical ICD-10-CM code → its position in `artifact.icd.codes`. */
  readonly icdIndex: ReadonlyMap<string, number>;
  /** First key of the HCPCS codes, then of the CPT codes. */
  readonly hcpcsBase: number;
  readonly cptBase: number;
  /** Position of an ICD-10-CM code in any spelling, canonical form first. */
  readonly icdIndexOf: (raw: string) => number | undefined;
  /** The info of the ICD-10-CM code at a position (made once, on first look-up). */
  readonly icdInfo: (i: number) => IcdCodeInfo;
  /** One system's entry for a code in any spelling. */
  readonly getIn: (raw: string, system: CodeSystem) => CodeInfo | undefined;
  /** The info of a key (see above). */
  readonly infoOfKey: (key: number) => CodeInfo | undefined;
  readonly systemOf: (key: number) => CodeSystem;
  /** The Tabular section (a category range) that holds an ICD-10-CM code. */
  readonly sectionOf: (code: string) => TabularSection | undefined;
  readonly chapterOf: (section: TabularSection) => TabularChapter | undefined;
}

const EMPTY_NOTES: TabularNotes = {};

/** A binary search over the sections' category ranges. */
function sectionFinder(
  sections: readonly TabularSection[],
): (code: string) => TabularSection | undefined {
  const ranges = sections.map((section) => {
    const [from = '', to = from] = section.id.split('-');
    return { from, to, section };
  });
  return (code) => {
    const category = code.slice(0, 3);
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid];
      if (range === undefined) {
        break;
      }
      if (category < range.from) {
        hi = mid - 1;
      } else if (category > range.to) {
        lo = mid + 1;
      } else {
        return range.section;
      }
    }
    return undefined;
  };
}

/** The HCPCS and CPT info makers. */
function procedureInfos(artifact: CodeSetArtifact): {
  hcpcsInfo: (i: number) => HcpcsCodeInfo;
  cptInfo: (entry: CptEntry) => CptCodeInfo;
} {
  const { hcpcs, cpt } = artifact;
  return {
    hcpcsInfo: (i) => {
      const code = hcpcs?.codes[i] ?? '';
      const title = hcpcs?.longTitles[i] ?? '';
      const terminated = hcpcs?.terminated[code];
      return {
        system: 'HCPCS',
        code,
        title,
        shortTitle: hcpcs?.shortTitles[i] || title,
        kind: hcpcs?.kinds[i] === 'M' ? 'modifier' : 'procedure',
        ...(terminated === undefined ? {} : { terminated }),
      };
    },
    cptInfo: (entry) => {
      const { description, ...rest } = entry;
      const modifierDescriptions: Record<string, string> = {};
      for (const modifier of entry.modifiers) {
        modifierDescriptions[modifier] = cpt.modifiers[modifier] ?? '';
      }
      return { ...rest, system: 'CPT', title: description, modifierDescriptions };
    },
  };
}

/** The info object of the ICD-10-CM code at a position: title, billable flag, chapter, section, notes. */
function icdInfoMaker(
  artifact: CodeSetArtifact,
  sectionOf: (code: string) => TabularSection | undefined,
  chapterById: ReadonlyMap<string, TabularChapter>,
): (i: number) => IcdCodeInfo {
  const { icd } = artifact;
  return (i) => {
    const code = icd.codes[i] ?? '';
    const title = icd.longTitles[i] ?? '';
    const section = sectionOf(code);
    const chapter = section ? chapterById.get(section.chapter) : undefined;
    return {
      system: 'ICD-10-CM',
      code,
      title,
      shortTitle: icd.shortTitles[i] || title,
      billable: icd.billable[i] === '1',
      ...(chapter ? { chapter: { id: chapter.id, title: chapter.title } } : {}),
      ...(section ? { section: { id: section.id, title: section.title } } : {}),
      notes: icd.notes[code] ?? EMPTY_NOTES,
      synonyms: artifact.synonyms[code] ?? [],
    };
  };
}

/** Positions of every code of a system, by its canonical form. */
function positions(codes: readonly string[] | undefined): Map<string, number> {
  const index = new Map<string, number>();
  codes?.forEach((code, i) => index.set(code, i));
  return index;
}

/**
 * Builds the maps once; info objects are immutable and made on first look-up (get ≤ 2 µs is a target).
 * @param artifact - the parsed artifact
 */
export function createCodeIndex(artifact: CodeSetArtifact): CodeIndex {
  const { icd, hcpcs, cpt } = artifact;
  const icdIndex = positions(icd.codes);
  const hcpcsIndex = positions(hcpcs?.codes);
  const cptIndex = positions(cpt.entries.map((entry) => entry.code));
  const hcpcsBase = icd.codes.length;
  const cptBase = hcpcsBase + (hcpcs?.codes.length ?? 0);
  const chapterById = new Map(icd.chapters.map((chapter) => [chapter.id, chapter]));
  const sectionOf = sectionFinder(icd.sections);
  const { hcpcsInfo, cptInfo } = procedureInfos(artifact);
  const makeIcdInfo = icdInfoMaker(artifact, sectionOf, chapterById);
  const icdInfos: (IcdCodeInfo | undefined)[] = [];
  const icdInfo = (i: number): IcdCodeInfo => (icdInfos[i] ??= makeIcdInfo(i));
  const icdIndexOf = (raw: string): number | undefined => {
    // The pipeline asks in canonical form thousands of times per note: that needs no rewriting.
    const exact = icdIndex.get(raw);
    if (exact !== undefined) {
      return exact;
    }
    const code = canonicalIcd(raw);
    return code === undefined ? undefined : icdIndex.get(code);
  };
  const getIn = (raw: string, system: CodeSystem): CodeInfo | undefined => {
    switch (system) {
      case 'ICD-10-CM': {
        const i = icdIndexOf(raw);
        return i === undefined ? undefined : icdInfo(i);
      }
      case 'CPT': {
        const code = canonicalCpt(raw);
        const i = code === undefined ? undefined : cptIndex.get(code);
        const entry = i === undefined ? undefined : cpt.entries[i];
        return entry === undefined ? undefined : cptInfo(entry);
      }
      case 'HCPCS': {
        const code =
          canonicalHcpcs(raw) ??
          (/^\s*[A-Z0-9]{2}\s*$/i.test(raw) ? raw.trim().toUpperCase() : undefined);
        const i = code === undefined ? undefined : hcpcsIndex.get(code);
        return i === undefined ? undefined : hcpcsInfo(i);
      }
    }
  };
  return {
    artifact,
    icdIndex,
    hcpcsBase,
    cptBase,
    icdIndexOf,
    icdInfo,
    getIn,
    infoOfKey: (key) => {
      if (key < hcpcsBase) {
        return icdInfo(key);
      }
      if (key < cptBase) {
        return hcpcsInfo(key - hcpcsBase);
      }
      const entry = cpt.entries[key - cptBase];
      return entry ? cptInfo(entry) : undefined;
    },
    systemOf: (key) => (key < hcpcsBase ? 'ICD-10-CM' : key < cptBase ? 'HCPCS' : 'CPT'),
    sectionOf,
    chapterOf: (section) => chapterById.get(section.chapter),
  };
}
