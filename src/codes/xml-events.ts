import { SaxesParser } from 'saxes';
import { createError } from '../core/errors.js';

/** Callbacks for a streaming walk over an XML document. */
export interface XmlHandlers {
  /** Elements whose text is collected (with the text of elements nested in them); others get ''. */
  readonly collect: ReadonlySet<string>;
  /** An element opened; `path` holds the names of its ancestors and itself. */
  open(name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]): void;
  /** An element closed; `text` is its own text content (children's text included), whitespace folded. */
  close(name: string, text: string, path: readonly string[]): void;
}

/**
 * Walks an XML document with a non-validating streaming parser (saxes), collecting element text.
 * @param text - the document
 * @param file - display name used in errors
 * @throws NotecoderError SOURCE_XML_MALFORMED with the file and the line of the fault
 */
export function walkXml(text: string, file: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  // Text buffers of the open collecting elements only: a document root never holds its whole text.
  const texts: string[] = [];
  let failure: Error | undefined;
  let failureLine = 0;
  parser.on('error', (err) => {
    if (failure === undefined) {
      failure = err;
      failureLine = parser.line;
    }
  });
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    if (handlers.collect.has(tag.name)) {
      texts.push('');
    }
    handlers.open(tag.name, tag.attributes as Record<string, string>, path);
  });
  parser.on('text', (chunk) => {
    const last = texts.length - 1;
    if (last >= 0) {
      texts[last] = `${texts[last] ?? ''}${chunk}`;
    }
  });
  parser.on('closetag', (tag) => {
    if (!handlers.collect.has(tag.name)) {
      handlers.close(tag.name, '', path);
      path.pop();
      return;
    }
    const own = (texts.pop() ?? '').replace(/\s+/g, ' ').trim();
    handlers.close(tag.name, own, path);
    path.pop();
    // A collecting parent sees its children's text too (a title's <nemod> is part of the title).
    const parent = texts.length - 1;
    if (parent >= 0) {
      texts[parent] = `${texts[parent] ?? ''} ${own} `;
    }
  });
  try {
    parser.write(text);
    if (failure === undefined) {
      parser.close();
    }
  } catch (err) {
    failure ??= err instanceof Error ? err : new Error(String(err));
  }
  if (failure !== undefined) {
    throw createError(
      'SOURCE_XML_MALFORMED',
      `malformed XML: ${failure.message.replace(/^\d+:\d+:\s*/, '')}`,
      { file, line: failureLine || parser.line },
      failure,
    );
  }
}
