import { existsSync, readFileSync } from 'node:fs';
import { createError } from '../core/errors.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  type BuildSummary,
  type CodeSetArtifact,
  type CodeSetVersions,
} from './artifact-types.js';
import {
  canonicalCpt,
  canonicalHcpcs,
  canonicalIcd,
  candidateSystems,
  type CodeSystem,
} from './code-format.js';
import type {
  AppliedNote,
  CodeInfo,
  CptCodeInfo,
  HcpcsCodeInfo,
  IcdCodeInfo,
  IndexPhraseInfo,
  SearchHit,
  SeventhsInfo,
} from './code-info.js';
import type { CptEntry } from './cpt/cpt-types.js';
import { parseCodeRefs, refCovers, type CodeRef } from './icd10cm/code-refs.js';
import { createIndexPhrases } from './icd10cm/index-phrases.js';
import type { TabularNotes, TabularSection } from './icd10cm/tabular-types.js';
import { createSearcher, type SearchOptions } from './search-code-set.js';

/** The code-set knowledge base: lookup, hierarchy, instructional notes and search. */
export interface CodeSet {
  readonly versions: CodeSetVersions;
  readonly summary: BuildSummary;
  /** The artifact file it was loaded from (worker threads load the same one); absent when built in memory. */
  readonly file?: string;
  /**
   * Looks a code up. Accepts any spacing, case and dot (`e119`, `E11.9`, ` e11.9 `). Without
   * `system`, a dotted code is ICD-10-CM; otherwise systems are tried in the order ICD-10-CM, CPT,
   * HCPCS (J1100 is both HCPCS and ICD J11.00: use `lookup` to see both).
   */
  get(code: string, system?: CodeSystem): CodeInfo | undefined;
  /** Like `get`, but a catalogued error (INVALID_CODE, CODE_NOT_FOUND) when there is no such code. */
  require(code: string, system?: CodeSystem): CodeInfo;
  /** Every system's entry for this code text. */
  lookup(code: string): CodeInfo[];
  /** ICD-10-CM ancestors, nearest first (E11.65 → E11.6, E11). */
  ancestors(code: string): IcdCodeInfo[];
  /** Direct ICD-10-CM children in order-file order. */
  children(code: string): IcdCodeInfo[];
  /** True for a billable ICD-10-CM code; HCPCS procedures and CPT codes are billable. */
  isBillable(code: string, system?: CodeSystem): boolean;
  /** Excludes1 notes that apply to a code: its own, its ancestors', its section's and chapter's. */
  excludes1(code: string): AppliedNote[];
  /** Excludes2 notes that apply to a code. */
  excludes2(code: string): AppliedNote[];
  /** True when an Excludes1 note of either code names the other: never report both. */
  isExcludes1Pair(a: string, b: string): boolean;
  /** The code references of every Excludes1 note that applies to a code (parsed once, cached). */
  excludes1Refs(code: string): readonly CodeRef[];
  /** Valid 7th characters for a code, from the nearest declaring ancestor. */
  sevenths(code: string): SeventhsInfo | undefined;
  /** Alphabetic Index and table phrases that lead to a code. */
  indexPhrases(code: string): IndexPhraseInfo[];
  /** Ranked search over titles, inclusion terms, index phrases, synonyms and CPT descriptions. */
  search(text: string, options?: SearchOptions): SearchHit[];
  /** Every code's title and inclusion terms (ICD-10-CM), titles (HCPCS) and descriptions (CPT). */
  terms(): Iterable<CodeTerm>;
  /** Every Alphabetic Index and table entry: the path of titles (main term first), code, kind, column. */
  indexEntries(): Iterable<IndexEntryInfo>;
  /** Team-written synonyms of ICD-10-CM codes. */
  synonyms(): Iterable<{ readonly code: string; readonly synonyms: readonly string[] }>;
  /** The CPT lexicon entries and E/M time rules. */
  readonly cpt: CodeSetArtifact['cpt'];
}

/** One index or table entry as {@link CodeSet.indexEntries} lists them. */
export interface IndexEntryInfo {
  readonly path: readonly string[];
  readonly code: string;
  readonly kind: IndexPhraseInfo['kind'];
  readonly column?: string;
}

/** A title or inclusion term of a code, as {@link CodeSet.terms} lists them. */
export interface CodeTerm {
  readonly system: CodeSystem;
  readonly code: string;
  readonly text: string;
  readonly kind: 'title' | 'inclusion';
}

const INDEX_KIND = { i: 'index', n: 'neoplasm', d: 'drug', e: 'external' } as const;

/**
 * Reads a compiled artifact from disk.
 * @throws NotecoderError CODESET_NOT_BUILT when the file is missing, CODESET_ARTIFACT_INVALID when unreadable
 */
export function readArtifact(path: string): CodeSetArtifact {
  if (!existsSync(path)) {
    throw createError(
      'CODESET_NOT_BUILT',
      'no compiled code set here: run `notecoder dict build` first',
      {
        file: path,
      },
    );
  }
  let artifact: Partial<CodeSetArtifact>;
  try {
    // The writer escapes all non-ASCII, so latin1 decoding is exact (and much faster than UTF-8).
    artifact = JSON.parse(readFileSync(path).toString('latin1')) as Partial<CodeSetArtifact>;
  } catch (err) {
    throw createError(
      'CODESET_ARTIFACT_INVALID',
      'the compiled code set is not valid JSON: rebuild it',
      { file: path },
      err,
    );
  }
  if (artifact.format !== ARTIFACT_FORMAT || artifact.formatVersion !== ARTIFACT_VERSION) {
    throw createError(
      'CODESET_ARTIFACT_INVALID',
      `not a notecoder code set of format version ${ARTIFACT_VERSION}: rebuild it with \`notecoder dict build\``,
      { file: path },
    );
  }
  return artifact as CodeSetArtifact;
}

/** Loads a compiled artifact from disk and returns its {@link CodeSet}. */
export function loadCodeSet(path: string): CodeSet {
  return { ...createCodeSet(readArtifact(path)), file: path };
}

/** Wraps a parsed artifact in the {@link CodeSet} API. Maps are built here once; search needs no work. */
export function createCodeSet(artifact: CodeSetArtifact): CodeSet {
  const { icd, hcpcs, cpt } = artifact;
  const icdIndex = new Map<string, number>();
  icd.codes.forEach((code, i) => icdIndex.set(code, i));
  const hcpcsIndex = new Map<string, number>();
  hcpcs?.codes.forEach((code, i) => hcpcsIndex.set(code, i));
  const cptIndex = new Map<string, number>();
  cpt.entries.forEach((entry, i) => cptIndex.set(entry.code, i));
  const hcpcsBase = icd.codes.length;
  const cptBase = hcpcsBase + (hcpcs?.codes.length ?? 0);
  const sectionRanges = icd.sections.map((section) => {
    const [from = '', to = from] = section.id.split('-');
    return { from, to, section };
  });
  const chapterById = new Map(icd.chapters.map((chapter) => [chapter.id, chapter]));
  const emptyNotes: TabularNotes = {};
  const phrases = createIndexPhrases(icd.index);

  let childIndex: Map<string, number[]> | undefined;
  let phraseIndex: Map<string, number[]> | undefined;

  const sectionOf = (code: string): TabularSection | undefined => {
    const category = code.slice(0, 3);
    let lo = 0;
    let hi = sectionRanges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = sectionRanges[mid];
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

  // Info objects are immutable: build each once, on first lookup (get ≤ 2 µs is a target).
  const icdInfos: (IcdCodeInfo | undefined)[] = [];
  const icdInfo = (i: number): IcdCodeInfo => (icdInfos[i] ??= makeIcdInfo(i));
  const makeIcdInfo = (i: number): IcdCodeInfo => {
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
      notes: icd.notes[code] ?? emptyNotes,
      synonyms: artifact.synonyms[code] ?? [],
    };
  };
  const hcpcsInfo = (i: number): HcpcsCodeInfo => {
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
  };
  const cptInfo = (entry: CptEntry): CptCodeInfo => {
    const { description, ...rest } = entry;
    const modifierDescriptions: Record<string, string> = {};
    for (const modifier of entry.modifiers) {
      modifierDescriptions[modifier] = cpt.modifiers[modifier] ?? '';
    }
    return { ...rest, system: 'CPT', title: description, modifierDescriptions };
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

  const icdIndexOf = (raw: string): number | undefined => {
    // The pipeline asks in canonical form thousands of times per note: that needs no rewriting.
    const exact = icdIndex.get(raw);
    if (exact !== undefined) {
      return exact;
    }
    const code = canonicalIcd(raw);
    return code === undefined ? undefined : icdIndex.get(code);
  };

  const ancestorCodes = (code: string): string[] => {
    const out: string[] = [];
    const compact = code.replace('.', '');
    for (let len = compact.length - 1; len >= 3; len--) {
      const prefix = canonicalIcd(compact.slice(0, len));
      if (prefix !== undefined && icdIndex.has(prefix)) {
        out.push(prefix);
      }
    }
    return out;
  };

  const appliedNotes = (raw: string, kind: 'excludes1' | 'excludes2'): AppliedNote[] => {
    const i = icdIndexOf(raw);
    if (i === undefined) {
      return [];
    }
    const code = icd.codes[i] ?? '';
    const out: AppliedNote[] = [];
    const push = (declaredAt: string, notes: TabularNotes | undefined): void => {
      for (const note of notes?.[kind] ?? []) {
        out.push({ declaredAt, note, refs: parseCodeRefs(note) });
      }
    };
    for (const owner of [code, ...ancestorCodes(code)]) {
      push(owner, icd.notes[owner]);
    }
    const section = sectionOf(code);
    if (section) {
      push(section.id, section.notes);
      const chapter = chapterById.get(section.chapter);
      if (chapter) {
        push(`chapter ${chapter.id}`, chapter.notes);
      }
    }
    return out;
  };

  const systemOf = (key: number): CodeSystem =>
    key < hcpcsBase ? 'ICD-10-CM' : key < cptBase ? 'HCPCS' : 'CPT';
  // The pipeline asks for Excludes1 pairs of every candidate pair: parse each code's notes once.
  const excludes1Cache = new Map<string, readonly CodeRef[]>();
  const excludes1Refs = (code: string): readonly CodeRef[] => {
    let refs = excludes1Cache.get(code);
    if (refs === undefined) {
      refs = appliedNotes(code, 'excludes1').flatMap((note) => note.refs);
      excludes1Cache.set(code, refs);
    }
    return refs;
  };

  const searcher = createSearcher(artifact.search, {
    keyCount: cptBase + cpt.entries.length,
    systemOf,
    preference: (key) => (key < hcpcsBase ? (icd.billable[key] === '1' ? 1 : 0) : 1),
  });
  const infoOfKey = (key: number): CodeInfo | undefined => {
    if (key < hcpcsBase) {
      return icdInfo(key);
    }
    if (key < cptBase) {
      return hcpcsInfo(key - hcpcsBase);
    }
    const entry = cpt.entries[key - cptBase];
    return entry ? cptInfo(entry) : undefined;
  };
  const FIELD_NAMES: Record<string, string> = {
    L: 'title',
    S: 'short title',
    I: 'inclusion term',
    X: 'index',
    Y: 'synonym',
    T: 'trigger',
    D: 'description',
  };
  const docText = (doc: number, info: CodeInfo): string => {
    const field = searcher.field(doc);
    const ref = searcher.ref(doc);
    if (field === 'X') {
      const column = phrases.column(ref);
      const phrase = phrases.phrase(ref);
      return column === undefined ? phrase : `${phrase} — ${column}`;
    }
    if (ref >= 0) {
      return artifact.search.texts[ref] ?? '';
    }
    return field === 'S' && info.system !== 'CPT' ? info.shortTitle : info.title;
  };

  const codeSet: CodeSet = {
    versions: artifact.versions,
    summary: artifact.summary,
    get(code, system) {
      if (system !== undefined) {
        return getIn(code, system);
      }
      // Fast path: the canonical ICD-10-CM form, as the pipeline and stored results use it.
      const direct = icdIndex.get(code);
      if (direct !== undefined) {
        return icdInfo(direct);
      }
      for (const candidate of candidateSystems(code)) {
        const info = getIn(code, candidate);
        if (info !== undefined) {
          return info;
        }
      }
      return /^\s*[A-Z0-9]{2}\s*$/i.test(code) ? getIn(code, 'HCPCS') : undefined;
    },
    require(code, system) {
      const info = codeSet.get(code, system);
      if (info !== undefined) {
        return info;
      }
      const shapes = system === undefined ? candidateSystems(code) : [system];
      if (shapes.length === 0 && !/^\s*[A-Z0-9]{2}\s*$/i.test(code)) {
        throw createError(
          'INVALID_CODE',
          `"${code.trim()}" is not shaped like an ICD-10-CM, CPT or HCPCS code`,
          {
            code: code.trim(),
          },
        );
      }
      throw createError(
        'CODE_NOT_FOUND',
        `${code.trim()} is not in the loaded code set (${artifact.versions.codeSet})`,
        {
          code: code.trim(),
        },
      );
    },
    lookup(code) {
      const found: CodeInfo[] = [];
      for (const system of ['ICD-10-CM', 'CPT', 'HCPCS'] as const) {
        const info = getIn(code, system);
        if (info !== undefined) {
          found.push(info);
        }
      }
      return found;
    },
    ancestors(code) {
      const i = icdIndexOf(code);
      return i === undefined
        ? []
        : ancestorCodes(icd.codes[i] ?? '').map((ancestor) => icdInfo(icdIndex.get(ancestor) ?? 0));
    },
    children(code) {
      const i = icdIndexOf(code);
      if (i === undefined) {
        return [];
      }
      if (childIndex === undefined) {
        const built = new Map<string, number[]>();
        icd.codes.forEach((child, j) => {
          const parent = ancestorCodes(child)[0];
          if (parent !== undefined) {
            const list = built.get(parent) ?? [];
            list.push(j);
            built.set(parent, list);
          }
        });
        childIndex = built;
      }
      return (childIndex.get(icd.codes[i] ?? '') ?? []).map(icdInfo);
    },
    isBillable(code, system) {
      const info = codeSet.get(code, system);
      if (info === undefined) {
        return false;
      }
      return info.system === 'ICD-10-CM'
        ? info.billable
        : info.system === 'HCPCS'
          ? info.terminated === undefined
          : true;
    },
    excludes1: (code) => appliedNotes(code, 'excludes1'),
    excludes1Refs: (code) =>
      excludes1Refs(icdIndex.has(code) ? code : (canonicalIcd(code) ?? code)),
    excludes2: (code) => appliedNotes(code, 'excludes2'),
    isExcludes1Pair(a, b) {
      // Canonical codes (what the pipeline passes) skip re-parsing.
      const ca = icdIndex.has(a) ? a : canonicalIcd(a);
      const cb = icdIndex.has(b) ? b : canonicalIcd(b);
      if (ca === undefined || cb === undefined) {
        return false;
      }
      const names = (from: string, to: string): boolean => {
        const refs = excludes1Refs(from);
        if (refs.length === 0) {
          return false;
        }
        const compact = to.replace('.', '');
        return refs.some((ref) => refCovers(ref, compact));
      };
      return names(ca, cb) || names(cb, ca);
    },
    sevenths(code) {
      const i = icdIndexOf(code);
      if (i === undefined) {
        return undefined;
      }
      const own = icd.codes[i] ?? '';
      for (const owner of [own, ...ancestorCodes(own)]) {
        const def = icd.sevenths[owner];
        if (def !== undefined && Object.keys(def.chars).length > 0) {
          return {
            declaredAt: owner,
            ...(def.note === undefined ? {} : { note: def.note }),
            chars: def.chars,
          };
        }
      }
      return undefined;
    },
    indexPhrases(code) {
      const canonical = canonicalIcd(code);
      if (canonical === undefined) {
        return [];
      }
      if (phraseIndex === undefined) {
        const built = new Map<string, number[]>();
        icd.index.codes.forEach((target, n) => {
          const list = built.get(target) ?? [];
          list.push(n);
          built.set(target, list);
        });
        phraseIndex = built;
      }
      return (phraseIndex.get(canonical) ?? []).map((n) => {
        const column = phrases.column(n);
        const manif = icd.index.manif[String(n)];
        return {
          phrase: phrases.phrase(n),
          kind: INDEX_KIND[(icd.index.kinds[n] ?? 'i') as keyof typeof INDEX_KIND],
          ...(column === undefined ? {} : { column }),
          ...(manif === undefined ? {} : { manif }),
        };
      });
    },
    cpt,
    *indexEntries() {
      for (let n = 0; n < phrases.size; n++) {
        const column = phrases.column(n);
        yield {
          path: phrases.path(n),
          code: icd.index.codes[n] ?? '',
          kind: INDEX_KIND[(icd.index.kinds[n] ?? 'i') as keyof typeof INDEX_KIND],
          ...(column === undefined ? {} : { column }),
        };
      }
    },
    *synonyms() {
      for (const [code, synonyms] of Object.entries(artifact.synonyms)) {
        yield { code, synonyms };
      }
    },
    *terms() {
      for (let i = 0; i < icd.codes.length; i++) {
        const code = icd.codes[i] ?? '';
        yield { system: 'ICD-10-CM', code, text: icd.longTitles[i] ?? '', kind: 'title' };
        const notes = icd.notes[code];
        for (const text of [...(notes?.inclusionTerms ?? []), ...(notes?.includes ?? [])]) {
          yield { system: 'ICD-10-CM', code, text, kind: 'inclusion' };
        }
      }
      for (let i = 0; i < (hcpcs?.codes.length ?? 0); i++) {
        if (hcpcs?.kinds[i] === 'P') {
          yield {
            system: 'HCPCS',
            code: hcpcs.codes[i] ?? '',
            text: hcpcs.longTitles[i] ?? '',
            kind: 'title',
          };
        }
      }
      for (const entry of cpt.entries) {
        yield { system: 'CPT', code: entry.code, text: entry.description, kind: 'title' };
      }
    },
    search(text, options = {}) {
      if (text.trim() === '') {
        throw createError('EMPTY_QUERY', 'the search query is empty');
      }
      return searcher.search(text, options).flatMap((hit) => {
        const info = infoOfKey(hit.key);
        if (info === undefined) {
          return [];
        }
        const field = searcher.field(hit.doc);
        return [
          {
            system: info.system,
            code: info.code,
            title: info.title,
            score: Math.round(hit.score * 1000) / 1000,
            matched: { field: FIELD_NAMES[field] ?? field, text: docText(hit.doc, info) },
            ...(info.system === 'ICD-10-CM' ? { billable: info.billable } : {}),
          },
        ];
      });
    },
  };
  return codeSet;
}
