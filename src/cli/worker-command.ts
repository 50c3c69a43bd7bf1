import { Command } from 'commander';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createNoteCipher } from '../jobs/note-cipher.js';
import { openDetectPool } from '../../workers/open-detect-pool.js';
import { initDetectWorker } from '../../workers/detect-worker.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';
import { onShutdown, parseWhole } from './serve-command.js';

/** `notecoder worker [--concurrency N]`: processes jobs from Redis (REDIS_URL). */
export function workerCommand(getConfig: () => Config): Command {
  return new Command('worker')
    .description('process queued jobs from Redis (needs REDIS_URL); run any number, anywhere')
    .option('--concurrency <n>', 'chunks at once, one worker thread each (default: CPU count)')
    .action(async (opts: { concurrency?: string }) => {
      const config = getConfig();
      if (config.redisUrl === undefined) {
        throw createError(
          'CONFIG_INVALID',
          'notecoder worker needs REDIS_URL (the embedded default runs its pool inside `notecoder serve`)',
          { variable: 'REDIS_URL' },
        );
      }
      const concurrency =
        opts.concurrency === undefined
          ? config.workerThreads
          : parseWhole(opts.concurrency, '--concurrency', 1, 256);
      const log = createLogger(config.logLevel);
      const codeSet = await ensureCodeSet(config, log, createProgressBar());
      const { pool } = await openDetectPool(config, codeSet, log, concurrency);
      const worker = initDetectWorker({
        redisUrl: config.redisUrl,
        concurrency,
        process: pool.process,
        cipher: createNoteCipher(config.encryptionKey),
        log,
        resultTtlMs: config.resultTtlMs,
        lockMs: config.lockMs,
        callbackSecret: config.callbackSecret,
      });
      onShutdown(log, async () => {
        await worker.close();
        await pool.close();
      });
    });
}
