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
  const entries: IndexEntry[] = [];
  const seeRefs: IndexSeeRef[] = [];
  const nodes: IndexFile['nodes'] = [];
  const headings = new Map<string, string>();
  const stack: TermFrame[] = [];
  let year: number | undefined;
  let cellCol: string | undefined;
  let headCol: string | undefined;

  const phraseOf = (): string => stack.map((frame) => frame.title).join(', ');

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
        stack.push({ title: '', node: -1, codes: [], manif: [], cells: [] });
      } else if (name === 'cell') {
        cellCol = attributes.col;
      } else if (name === 'head') {
        headCol = attributes.col;
      }
    },
    close(name, value, path) {
      const parent = path[path.length - 2];
      const top = stack.at(-1);
      switch (name) {
        case 'version':
          year = Number(value) || undefined;
          return;
        case 'head':
          if (headCol !== undefined) {
            headings.set(headCol, value);
          }
          return;
        case 'title':
          if (top && (parent === 'mainTerm' || parent === 'term')) {
            top.title = value;
            top.node = nodes.length;
            nodes.push({ title: value, parent: stack.at(-2)?.node ?? -1 });
          }
          return;
        case 'code':
          top?.codes.push(value);
          return;
        case 'manif':
          top?.manif.push(value);
          return;
        case 'cell':
          if (top && cellCol !== undefined && value !== '' && !NO_CODE.test(value)) {
            top.cells.push({ col: cellCol, code: value });
          }
          return;
        case 'see':
        case 'seeAlso':
          if (top) {
            seeRefs.push({
              phrase: phraseOf(),
              node: top.node,
              target: value,
              also: name === 'seeAlso',
            });
          }
          return;
        case 'mainTerm':
        case 'term': {
          if (top) {
            const phrase = phraseOf();
            top.codes.forEach((code, i) => {
              const manif = top.manif[i];
              entries.push(
                manif === undefined
                  ? { phrase, node: top.node, code }
                  : { phrase, node: top.node, code, manif },
              );
            });
            for (const cell of top.cells) {
              entries.push({
                phrase,
                node: top.node,
                code: cell.code,
                column: headings.get(cell.col) ?? `column ${cell.col}`,
              });
            }
          }
          stack.pop();
          return;
        }
        default:
          return;
      }
    },
  });
  return { kind, year, nodes, entries, seeRefs };
}
