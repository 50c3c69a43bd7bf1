import { existsSync, openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { waitForRedis } from '../jobs/bullmq/bullmq-queue.js';
import { RedisJobStore } from '../jobs/bullmq/redis-job-store.js';
import { createRedisReviewStore } from '../jobs/bullmq/redis-review-store.js';
import { SqliteJobStore } from '../jobs/embedded/sqlite-job-store.js';
import { createSqliteReviewStore } from '../jobs/embedded/sqlite-review-store.js';
import { isJobId } from '../jobs/job-id.js';
import { createNoteCipher } from '../jobs/note-cipher.js';
import { createReviewBook, type ReviewBook, type ReviewWithJob } from '../jobs/review-book.js';
import { parseSince, writeReviewedNotes } from '../jobs/review-export.js';
import { ownedBy } from '../jobs/tenant.js';

/** The review book over the store the server uses (REDIS_URL, or the embedded SQLite file). */
async function openBook(config: Config): Promise<{ book: ReviewBook; close: () => void }> {
  const cipher = createNoteCipher(config.encryptionKey);
  if (config.redisUrl !== undefined) {
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
    await waitForRedis(redis, config.redisUrl);
    const store = new RedisJobStore(redis);
    return {
      book: createReviewBook(
        createRedisReviewStore(redis, 'notecoder'),
        cipher,
        async (id, tenant) => ownedBy(await store.get(id), tenant),
        (id) => store.get(id),
      ),
      close: () => {
        redis.disconnect();
      },
    };
  }
  const file = join(config.dataDir, 'jobs.sqlite');
  if (!existsSync(file)) {
    throw createError('SOURCE_NOT_FOUND', 'no job store: start `notecoder serve` first', { file });
  }
  const store = new SqliteJobStore(file);
  return {
    book: createReviewBook(
      createSqliteReviewStore(store.db),
      cipher,
      (id, tenant) => Promise.resolve(ownedBy(store.getJob(id), tenant)),
      (id) => Promise.resolve(store.getJob(id)),
    ),
    close: () => {
      store.close();
    },
  };
}

interface ExportOptions {
  job?: string;
  since?: string;
  tenant?: string;
  out?: string;
}

async function select(book: ReviewBook, opts: ExportOptions): Promise<ReviewWithJob[]> {
  if ((opts.job === undefined) === (opts.since === undefined)) {
    throw createError('INVALID_OPTIONS', 'give one of --job <id> or --since <date>');
  }
  if (opts.job !== undefined) {
    const found = isJobId(opts.job) ? await book.jobReviews(opts.job, opts.tenant) : undefined;
    if (found === undefined) {
      throw createError(
        'JOB_NOT_FOUND',
        `no job ${opts.job}: it never existed, expired or was purged`,
      );
    }
    return found;
  }
  const ms = parseSince(opts.since ?? '');
  if (ms === undefined) {
    throw createError(
      'INVALID_OPTIONS',
      '--since must be a date (2026-01-31) or an ISO date-time',
      {
        value: opts.since,
      },
    );
  }
  return book.reviewsSince(opts.tenant, ms);
}

/**
 * `notecoder review export --job <id> | --since <date> [--tenant <name>] [--out file]`: reviewed notes
 * as eval JSONL (the learning loop: `notecoder eval` and `notecoder train-selection` read it). The note
 * text goes only to the output the user named (a file is created 0600), never to the log.
 */
export function reviewCommand(getConfig: () => Config, print: (text: string) => void): Command {
  const exportCommand = new Command('export')
    .description(
      'write reviewed notes as eval JSONL: confirmed codes required, rejected ones recorded',
    )
    .option('--job <id>', 'the reviews of one job')
    .option('--since <date>', 'reviews saved since this date (2026-01-31 or an ISO date-time)')
    .option('--tenant <name>', 'only this tenant (default: every tenant)')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (opts: ExportOptions) => {
      const { book, close } = await openBook(getConfig());
      try {
        const reviews = await select(book, opts);
        const fd = opts.out === undefined ? 1 : openSync(opts.out, 'w', 0o600);
        try {
          const { written, skipped } = await writeReviewedNotes(reviews, (line) => {
            writeSync(fd, line);
          });
          const where = opts.out === undefined ? '' : ` to ${opts.out}`;
          const why = skipped === 0 ? '' : ` (${String(skipped)} left out: no note text saved)`;
          (opts.out === undefined ? (s: string) => process.stderr.write(`${s}\n`) : print)(
            `wrote ${String(written)} reviewed notes${where}${why}`,
          );
        } finally {
          if (fd !== 1) {
            closeSync(fd);
          }
        }
      } finally {
        close();
      }
    });
  return new Command('review')
    .description("the coders' reviews: export them for evaluation and training")
    .addCommand(exportCommand);
}
