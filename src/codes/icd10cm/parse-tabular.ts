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

/**
 * Parses the official Tabular List XML (`icd10cm_tabular_YYYY.xml`): chapters, sections, every
 * `diag` with its title, instructional notes and 7th-character definitions.
 * @param text - the XML document
 * @param file - display name used in errors
 * @throws NotecoderError SOURCE_XML_MALFORMED with file and line
 */
export function parseTabular(text: string, file: string): TabularList {
  const result: TabularList = { year: undefined, chapters: [], sections: [], diags: [] };
  let chapter: TabularChapter | undefined;
  let section: TabularSection | undefined;
  const diagStack: TabularDiag[] = [];
  let extensionChar: string | undefined;

  const owner = (): TabularNotes | undefined =>
    diagStack.at(-1)?.notes ?? section?.notes ?? chapter?.notes;

  walkXml(text, file, {
    collect: new Set(['version', 'name', 'desc', 'note', 'extension']),
    open(name, attributes) {
      switch (name) {
        case 'chapter':
          chapter = { id: '', title: '', notes: {} };
          result.chapters.push(chapter);
          break;
        case 'section':
          section = { id: attributes.id ?? '', chapter: chapter?.id ?? '', title: '', notes: {} };
          result.sections.push(section);
          break;
        case 'diag': {
          const diag: TabularDiag = { code: '', title: '', section: section?.id ?? '', notes: {} };
          diagStack.push(diag);
          result.diags.push(diag);
          break;
        }
        case 'extension':
          extensionChar = attributes.char;
          break;
        default:
          break;
      }
    },
    close(name, value, path) {
      const parent = path[path.length - 2];
      const grand = path[path.length - 3];
      switch (name) {
        case 'version':
          if (parent === 'ICD10CM.tabular') {
            result.year = Number(value) || undefined;
          }
          return;
        case 'name':
          if (parent === 'diag') {
            const diag = diagStack.at(-1);
            if (diag) {
              diag.code = value;
            }
          } else if (parent === 'chapter' && chapter) {
            chapter.id = value;
          }
          return;
        case 'desc':
          if (parent === 'diag') {
            const diag = diagStack.at(-1);
            if (diag) {
              diag.title = value;
            }
          } else if (parent === 'section' && section) {
            section.title = value;
          } else if (parent === 'chapter' && chapter) {
            chapter.title = value;
          }
          return;
        case 'note': {
          if (parent === 'sevenChrNote' || parent === 'sevenChrDef') {
            const diag = diagStack.at(-1);
            if (diag) {
              diag.sevenths ??= { chars: {} };
              if (parent === 'sevenChrNote') {
                diag.sevenths.note = value;
              }
            }
            return;
          }
          if (parent !== undefined && NOTE_KIND_SET.has(parent) && grand !== 'introSection') {
            const notes = owner();
            if (notes) {
              addNote(notes, parent as NoteKind, value);
            }
          }
          return;
        }
        case 'extension': {
          const diag = diagStack.at(-1);
          if (diag && extensionChar !== undefined) {
            diag.sevenths ??= { chars: {} };
            diag.sevenths.chars[extensionChar] = value;
          }
          extensionChar = undefined;
          return;
        }
        case 'diag':
          diagStack.pop();
          return;
        case 'section':
          section = undefined;
          return;
        case 'chapter':
          chapter = undefined;
          return;
        default:
          return;
      }
    },
  });
  return result;
}
