import { existsSync, readFileSync } from 'node:fs';
import { canonicalIcd } from '../codes/code-format.js';
import { createError } from '../core/errors.js';
import { splitSentences } from '../text/sentences.js';
import type { EvidencedDoc } from './codiesp-evidence.js';

/** One code of a coded note as the team writes it (`eval/datasets/mtsamples-team/train-codes.jsonl`). */
interface CodedCode {
  readonly system?: unknown;
  readonly code?: unknown;
  readonly optional?: unknown;
  readonly evidence?: unknown;
}

/** Collapses runs of white space and lower-cases: evidence quoted across a line break still matches. */
function squeeze(text: string): { flat: string; at: number[] } {
  let flat = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      space = flat.length > 0;
      continue;
    }
    if (space) {
      flat += ' ';
      at.push(i);
      space = false;
    }
    flat += ch.toLowerCase();
    at.push(i);
  }
  return { flat, at };
}

/**
 * Reads coded US notes as training documents for `notecoder train`: each note's **required**
 * ICD-10-CM codes are its gold codes (an optional code is defensible, not what a coder must report, so
 * it is neither a positive nor a negative), and the coder's evidence quote is found in the note's text
 * (case and white space aside) to give the sentences that evidence the code. A code whose quote is not
 * in the text keeps only document-level evidence; a note without a required ICD-10-CM code is skipped.
 * @param file - JSONL of `{"id", "codes": [{"system", "code", "optional", "evidence"}], "text"?}`
 * @param texts - note texts by id, for label files that carry codes only (`--texts`)
 * @throws NotecoderError DATASET_INVALID naming the file and line
 */
export function codedNotesEvidence(
  file: string,
  texts: ReadonlyMap<string, string> = new Map(),
): EvidencedDoc[] {
  if (!existsSync(file)) {
    throw createError('DATASET_INVALID', 'no such file', { file });
  }
  const docs: EvidencedDoc[] = [];
  const ids = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') {
        return;
      }
      const where = { file, line: i + 1 };
      let row: { id?: unknown; text?: unknown; codes?: unknown };
      try {
        row = (JSON.parse(line) ?? {}) as typeof row;
      } catch {
        throw createError('DATASET_INVALID', 'not valid JSON', where);
      }
      const id = typeof row.id === 'string' || typeof row.id === 'number' ? String(row.id) : '';
      if (id === '' || !Array.isArray(row.codes)) {
        throw createError('DATASET_INVALID', 'expected {"id", "codes": [...]}', where);
      }
      if (ids.has(id)) {
        throw createError('DATASET_INVALID', `duplicate id "${id}"`, where);
      }
      ids.add(id);
      const text = typeof row.text === 'string' ? row.text : texts.get(id);
      if (text === undefined) {
        throw createError(
          'DATASET_INVALID',
          `no text for note "${id}": give the note texts with --texts`,
          where,
        );
      }
      const doc = evidencedNote(id, text, row.codes as readonly CodedCode[]);
      if (doc !== undefined) {
        docs.push(doc);
      }
    });
  return docs;
}

/** One note's required ICD-10-CM codes with the sentences their evidence quotes fall in. */
function evidencedNote(
  id: string,
  text: string,
  codes: readonly CodedCode[],
): EvidencedDoc | undefined {
  const sentences = splitSentences(text);
  const { flat, at } = squeeze(text);
  const gold: string[] = [];
  const evidence = new Map<string, Set<number>>();
  for (const c of codes) {
    const code =
      c.system === 'ICD-10-CM' && typeof c.code === 'string' ? canonicalIcd(c.code) : undefined;
    if (code === undefined || c.optional === true) {
      continue;
    }
    if (!gold.includes(code)) {
      gold.push(code);
    }
    const quote = typeof c.evidence === 'string' ? squeeze(c.evidence).flat : '';
    const found = quote === '' ? -1 : flat.indexOf(quote);
    if (found < 0) {
      continue;
    }
    const start = at[found] ?? 0;
    const end = (at[found + quote.length - 1] ?? start) + 1;
    const set = evidence.get(code) ?? new Set<number>();
    sentences.forEach((s, k) => {
      if (s.start < end && start < s.end) {
        set.add(k);
      }
    });
    evidence.set(code, set);
  }
  return gold.length === 0 ? undefined : { id, text, gold, evidence, spans: new Map() };
}
