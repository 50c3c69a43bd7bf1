import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { createError } from '../../core/errors.js';

/** Where BERT's pre-tokenizer splits: white space and punctuation. */
const BREAK =
  /[\s\p{P}\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** WordPiece ids of a text and the character span of each token. */
export interface Encoded {
  readonly ids: number[];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** The tagger's tokenizer: `@huggingface/transformers` from local files, with character offsets. */
export interface TaggerTokenizer {
  readonly cls: number;
  readonly sep: number;
  readonly pad: number;
  encode(text: string): Encoded;
}

/**
 * Loads `tokenizer.json` from a model folder with `AutoTokenizer` (local files only: nothing is ever
 * downloaded) and aligns each token back to the note's characters.
 * @param dir - the model folder (`models/tagger`)
 */
export async function loadTaggerTokenizer(dir: string): Promise<TaggerTokenizer> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  let vocab: Record<string, number>;
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    const json = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as {
      model?: { vocab?: Record<string, number> };
    };
    vocab = json.model?.vocab ?? {};
    tokenizer = await AutoTokenizer.from_pretrained(basename(dir), { local_files_only: true });
  } catch (err) {
    throw createError(
      'TAGGER_MODEL_INVALID',
      `the tagger tokenizer cannot be loaded: ${err instanceof Error ? err.message : String(err)}`,
      { file: join(dir, 'tokenizer.json') },
    );
  }
  const pieces: string[] = [];
  for (const [piece, id] of Object.entries(vocab)) {
    pieces[id] = piece.startsWith('##') ? piece.slice(2) : piece;
  }
  const special = (name: string): number => {
    const id = vocab[name];
    if (id === undefined) {
      throw createError('TAGGER_MODEL_INVALID', `the tagger vocabulary has no ${name}`, {
        file: join(dir, 'tokenizer.json'),
      });
    }
    return id;
  };
  const unk = special('[UNK]');
  const cls = special('[CLS]');
  const sep = special('[SEP]');
  const pad = special('[PAD]');
  return {
    cls,
    sep,
    pad,
    encode(text) {
      const ids = tokenizer.encode(text, { add_special_tokens: false });
      // Lower-case per UTF-16 unit, keeping positions (the tokenizer lower-cases, keeps accents).
      let low = '';
      for (const ch of text) {
        const l = ch.toLowerCase();
        low += l.length === ch.length ? l : ch;
      }
      const starts = new Int32Array(ids.length);
      const ends = new Int32Array(ids.length);
      let cursor = 0;
      ids.forEach((id, i) => {
        const piece = id === unk ? undefined : pieces[id];
        let at = piece === undefined ? -1 : low.indexOf(piece, cursor);
        if (piece !== undefined && at >= 0 && at - cursor <= 64) {
          starts[i] = at;
          ends[i] = at + piece.length;
          cursor = at + piece.length;
          return;
        }
        // [UNK] (or a piece the text spells differently): the next run of non-space characters.
        at = cursor;
        while (at < low.length && /\s/u.test(low[at] ?? '')) {
          at++;
        }
        let end = at;
        while (end < low.length && !BREAK.test(low[end] ?? '')) {
          end++;
        }
        end = Math.max(end, Math.min(low.length, at + 1));
        starts[i] = at;
        ends[i] = piece === undefined ? end : at;
        cursor = piece === undefined ? end : at;
      });
      return { ids, starts, ends };
    },
  };
}
