import { setImmediate as nextTurn } from 'node:timers/promises';
import type { JobNote } from './job-types.js';
import type { NoteCipher } from './note-cipher.js';

/** Notes per batch: about 0.3 MB of text at 1,300 characters a note, a few milliseconds to store. */
export const PAYLOAD_BATCH = 250;

/** One batch of stored note payloads and the position of its first note in the job. */
export interface PayloadBatch {
  readonly from: number;
  readonly payloads: string[];
}

/**
 * A job's notes as the stores keep them (JSON, text encrypted when the cipher has a key), in batches,
 * giving the event loop a turn before each batch after the first: encrypting and storing 50,000 notes
 * never holds it for more than one batch.
 */
export async function* payloadBatches(
  notes: readonly JobNote[],
  cipher: NoteCipher,
  size = PAYLOAD_BATCH,
): AsyncGenerator<PayloadBatch> {
  for (let from = 0; from < notes.length; from += size) {
    if (from > 0) {
      await nextTurn();
    }
    yield {
      from,
      payloads: notes
        .slice(from, from + size)
        .map((n) => JSON.stringify({ ...n, text: cipher.encrypt(n.text) })),
    };
  }
}
