import { walkXml } from '../xml-events.js';

/** Which index an entry came from. */
export type IndexKind = 'index' | 'neoplasm' | 'drug' | 'external';

/** A flattened index path that leads to a code, e.g. "Diabetes, type 2, with, hyperglycemia" → E11.65. */
export interface IndexEntry {
  /** Main term and sub-terms joined by ", "; nonessential modifiers kept in parentheses. */
  readonly phrase: string;
  /** The term node the entry hangs on (see {@link IndexFile.nodes}). */
  readonly node: number;
  /** The code as printed in the index (may end in `-`: more characters are needed). */
  readonly code: string;
  /** For table cells: the column heading ("Malignant Primary", "Adverse effect"). */
  readonly column?: string;
  /** A manifestation code printed in brackets beside the code (coded second). */
  readonly manif?: string;
}

/** A cross-reference without a code: "Abandonment — see Maltreatment". */
export interface IndexSeeRef {
  readonly phrase: string;
  readonly node: number;
  readonly target: string;
  readonly also: boolean;
}

/** Everything read from one index or table XML. */
export interface IndexFile {
  readonly kind: IndexKind;
  readonly year: number | undefined;
  /** The term tree: each main term or sub-term once, with its parent (-1 for main terms). */
  readonly nodes: { readonly title: string; readonly parent: number }[];
  readonly entries: IndexEntry[];
  readonly seeRefs: IndexSeeRef[];
}

interface TermFrame {
  title: string;
  node: number;
  codes: string[];
  manif: string[];
  cells: { col: string; code: string }[];
}

const NO_CODE = /^-+$/;

/** What the parse has read so far. */
interface IndexState {
  readonly entries: IndexEntry[];
  readonly seeRefs: IndexSeeRef[];
  readonly nodes: { title: string; parent: number }[];
  /** Table column headings by column number. */
  readonly headings: Map<string, string>;
  /** The open main term and sub-terms, outermost first. */
  readonly stack: TermFrame[];
  year: number | undefined;
  cellCol: string | undefined;
  headCol: string | undefined;
}

const phraseOf = (state: IndexState): string => state.stack.map((frame) => frame.title).join(', ');

/** A closing term: its codes (with their manifestation codes) and table cells become entries. */
function closeTerm(state: IndexState): void {
  const top = state.stack.at(-1);
  if (top) {
    const phrase = phraseOf(state);
    top.codes.forEach((code, i) => {
      const manif = top.manif[i];
      state.entries.push(
        manif === undefined
          ? { phrase, node: top.node, code }
          : { phrase, node: top.node, code, manif },
      );
    });
    for (const cell of top.cells) {
      state.entries.push({
        phrase,
        node: top.node,
        code: cell.code,
        column: state.headings.get(cell.col) ?? `column ${cell.col}`,
      });
    }
  }
  state.stack.pop();
}

/** A closing element with its text, inside `parent`. */
function closeElement(
  state: IndexState,
  name: string,
  value: string,
  parent: string | undefined,
): void {
  const top = state.stack.at(-1);
  switch (name) {
    case 'version':
      state.year = Number(value) || undefined;
      return;
    case 'head':
      if (state.headCol !== undefined) {
        state.headings.set(state.headCol, value);
      }
      return;
    case 'title':
      if (top && (parent === 'mainTerm' || parent === 'term')) {
        top.title = value;
        top.node = state.nodes.length;
        state.nodes.push({ title: value, parent: state.stack.at(-2)?.node ?? -1 });
      }
      return;
    case 'code':
      top?.codes.push(value);
      return;
    case 'manif':
      top?.manif.push(value);
      return;
    case 'cell':
      if (top && state.cellCol !== undefined && value !== '' && !NO_CODE.test(value)) {
        top.cells.push({ col: state.cellCol, code: value });
      }
      return;
    case 'see':
    case 'seeAlso':
      if (top) {
        const also = name === 'seeAlso';
        state.seeRefs.push({ phrase: phraseOf(state), node: top.node, target: value, also });
      }
      return;
    case 'mainTerm':
    case 'term':
      closeTerm(state);
      return;
    default:
      return;
  }
}

/**
 * Parses an Alphabetic Index XML (`ICD10CM.index` schema: letter > mainTerm > term[@level]) — the
 * Index to Diseases, the External Cause index, and the Neoplasm and Drug tables, whose `cell[@col]`
 * elements are read by their column headings.
 * @param text - the XML document
 * @param file - display name used in errors
 * @param kind - which index this file is
 * @throws NotecoderError SOURCE_XML_MALFORMED with file and line
 */
export function parseIndex(text: string, file: string, kind: IndexKind): IndexFile {
  const state: IndexState = {
    entries: [],
    seeRefs: [],
    nodes: [],
    headings: new Map(),
    stack: [],
    year: undefined,
    cellCol: undefined,
    headCol: undefined,
  };
  walkXml(text, file, {
    collect: new Set([
      'version',
      'title',
      'nemod',
      'code',
      'manif',
      'see',
      'seeAlso',
      'cell',
      'head',
    ]),
    open(name, attributes) {
      if (name === 'mainTerm' || name === 'term') {
        state.stack.push({ title: '', node: -1, codes: [], manif: [], cells: [] });
      } else if (name === 'cell') {
        state.cellCol = attributes.col;
      } else if (name === 'head') {
        state.headCol = attributes.col;
      }
    },
    close(name, value, path) {
      closeElement(state, name, value, path[path.length - 2]);
    },
  });
  const { entries, seeRefs, nodes, year } = state;
  return { kind, year, nodes, entries, seeRefs };
}
