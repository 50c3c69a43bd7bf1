import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { createEmbeddedQueue } from '../../../src/jobs/embedded/embedded-queue.js';
import { createNoteCipher } from '../../../src/jobs/note-cipher.js';
import { fixturePipeline, gated, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { runQueueConformance } from './queue-conformance.js';

let shared: { dir: string; cleanup: () => void } | undefined;
let fixture: FixturePipeline | undefined;
beforeAll(() => {
  shared = tempDir();
  fixture = fixturePipeline(shared.dir);
});
afterAll(() => shared?.cleanup());

runQueueConformance('embedded (SQLite + pool)', ({ chunkSize, encrypt, resultTtlMs }) => {
  if (fixture === undefined) {
    throw new Error('fixture pipeline not built');
  }
  const t = tempDir();
  const gate = gated(fixture.process);
  const cipher = createNoteCipher(encrypt ? Buffer.alloc(32, 7) : undefined);
  const make = () =>
    createEmbeddedQueue({
      dataDir: t.dir,
      process: gate.process,
      concurrency: 2,
      chunkSize,
      resultTtlMs: resultTtlMs ?? 3_600_000,
      sweepMs: 200,
      cipher,
      log: createLogger('error'),
    });
  let queue = make();
  return Promise.resolve({
    get queue() {
      return queue;
    },
    pause: gate.pause,
    resume: gate.resume,
    async reopen() {
      // Simulates a crash: the old instance stops without recording its in-flight chunks.
      const old = queue;
      const closing = old.close();
      queue = make();
      gate.resume();
      await closing;
      return queue;
    },
    dump() {
      return Promise.resolve(
        readdirSync(t.dir)
          .map((f) => readFileSync(join(t.dir, f)).toString('latin1'))
          .join('\n'),
      );
    },
    async close() {
      gate.resume();
      await queue.close();
      t.cleanup();
    },
  });
});
