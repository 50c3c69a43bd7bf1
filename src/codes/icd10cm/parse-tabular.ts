import { walkXml } from '../xml-events.js';
import {
  NOTE_KINDS,
  noteKey,
  type NoteKind,
  type TabularChapter,
  type TabularDiag,
  type TabularList,
  type TabularNotes,
  type TabularSection,
} from './tabular-types.js';

const NOTE_KIND_SET = new Set<string>(NOTE_KINDS);

function addNote(notes: TabularNotes, kind: NoteKind, text: string): void {
  const key = noteKey(kind);
  (notes[key] ??= []).push(text);
}

/** What the parse has read so far, and where in the tree it is. */
interface TabularState {
  readonly result: TabularList;
  chapter: TabularChapter | undefined;
  section: TabularSection | undefined;
  readonly diagStack: TabularDiag[];
  extensionChar: string | undefined;
}

function openElement(
  state: TabularState,
  name: string,
  attributes: Readonly<Record<string, string>>,
): void {
  switch (name) {
    case 'chapter':
      state.chapter = { id: '', title: '', notes: {} };
      state.result.chapters.push(state.chapter);
      break;
    case 'section':
      state.section = {
        id: attributes.id ?? '',
        chapter: state.chapter?.id ?? '',
        title: '',
        notes: {},
      };
      state.result.sections.push(state.section);
      break;
    case 'diag': {
      const diag: TabularDiag = {
        code: '',
        title: '',
        section: state.section?.id ?? '',
        notes: {},
      };
      state.diagStack.push(diag);
      state.result.diags.push(diag);
      break;
    }
    case 'extension':
      state.extensionChar = attributes.char;
      break;
    default:
      break;
  }
}

/** A closing note: a 7th-character note, or an instructional note of the innermost diag, section or chapter. */
function closeNote(
  state: TabularState,
  value: string,
  parent: string | undefined,
  grand: string | undefined,
): void {
  if (parent === 'sevenChrNote' || parent === 'sevenChrDef') {
    const diag = state.diagStack.at(-1);
    if (diag) {
      diag.sevenths ??= { chars: {} };
      if (parent === 'sevenChrNote') {
        diag.sevenths.note = value;
      }
    }
    return;
  }
  if (parent !== undefined && NOTE_KIND_SET.has(parent) && grand !== 'introSection') {
    const notes = state.diagStack.at(-1)?.notes ?? state.section?.notes ?? state.chapter?.notes;
    if (notes) {
      addNote(notes, parent as NoteKind, value);
    }
  }
}

/** A closing name or desc: the code or title of the diag, section or chapter it sits in. */
function closeLabel(
  state: TabularState,
  name: string,
  value: string,
  parent: string | undefined,
): void {
  const diag = parent === 'diag' ? state.diagStack.at(-1) : undefined;
  if (name === 'name') {
    if (diag) {
      diag.code = value;
    } else if (parent === 'chapter' && state.chapter) {
      state.chapter.id = value;
    }
    return;
  }
  if (diag) {
    diag.title = value;
  } else if (parent === 'section' && state.section) {
    state.section.title = value;
  } else if (parent === 'chapter' && state.chapter) {
    state.chapter.title = value;
  }
}

function closeElement(
  state: TabularState,
  name: string,
  value: string,
  path: readonly string[],
): void {
  const parent = path[path.length - 2];
  switch (name) {
    case 'version':
      if (parent === 'ICD10CM.tabular') {
        state.result.year = Number(value) || undefined;
      }
      return;
    case 'name':
    case 'desc':
      closeLabel(state, name, value, parent);
      return;
    case 'note':
      closeNote(state, value, parent, path[path.length - 3]);
      return;
    case 'extension': {
      const diag = state.diagStack.at(-1);
      if (diag && state.extensionChar !== undefined) {
        diag.sevenths ??= { chars: {} };
        diag.sevenths.chars[state.extensionChar] = value;
      }
      state.extensionChar = undefined;
      return;
    }
    case 'diag':
      state.diagStack.pop();
      return;
    case 'section':
      state.section = undefined;
      return;
    case 'chapter':
      state.chapter = undefined;
      return;
    default:
      return;
  }
}

/**
 * Parses the official Tabular List XML (`icd10cm_tabular_YYYY.xml`): chapters, sections, every
 * `diag` with its title, instructional notes and 7th-character definitions.
 * @param text - the XML document
 * @param file - display name used in errors
 * @throws NotecoderError SOURCE_XML_MALFORMED with file and line
 */
export function parseTabular(text: string, file: string): TabularList {
  const state: TabularState = {
    result: { year: undefined, chapters: [], sections: [], diags: [] },
    chapter: undefined,
    section: undefined,
    diagStack: [],
    extensionChar: undefined,
  };
  walkXml(text, file, {
    collect: new Set(['version', 'name', 'desc', 'note', 'extension']),
    open(name, attributes) {
      openElement(state, name, attributes);
    },
    close(name, value, path) {
      closeElement(state, name, value, path);
    },
  });
  return state.result;
}
