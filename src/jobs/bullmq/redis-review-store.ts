import type { Redis } from 'ioredis';
import type { ReviewStore, StoredReview } from '../review-book.js';

// KEYS: the job's reviews hash, the tenant's review index, the index of all tenants.
// ARGV: noteId, expected version, new version, body, updatedAt, expiresAt, index member.
// Compare-and-set on the version; the hash expires with the job (reviews open only once it is final,
// so its expiresAt no longer moves). Returns 1 when written, 0 on a version mismatch.
const WRITE = `
local current = tonumber(redis.call('HGET', KEYS[1], 'v:' .. ARGV[1]) or '0')
if current ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'v:' .. ARGV[1], ARGV[3], 'b:' .. ARGV[1], ARGV[4])
redis.call('PEXPIREAT', KEYS[1], ARGV[6])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[7])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[7])
return 1
`;

/** The key of a job's reviews hash (deleted by the job store's purge). */
export const reviewsKey = (prefix: string, jobId: string): string =>
  `${prefix}:job:${jobId}:reviews`;

/**
 * Reviews of the BullMQ backend: one hash per job (`v:<noteId>` version, `b:<noteId>` encrypted body)
 * expiring with the job, and sorted sets by update time for exports (entries of expired or purged
 * jobs are dropped when met).
 */
export function createRedisReviewStore(redis: Redis, prefix: string): ReviewStore {
  const index = (tenant: string | undefined): string =>
    tenant === undefined ? `${prefix}:reviewed` : `${prefix}:reviewed:${tenant}`;
  const member = (jobId: string, noteId: string): string => JSON.stringify([jobId, noteId]);
  const read = async (jobId: string, noteId: string): Promise<StoredReview | undefined> => {
    const [v, b] = await redis.hmget(reviewsKey(prefix, jobId), `v:${noteId}`, `b:${noteId}`);
    return v === null || v === undefined || b === null || b === undefined
      ? undefined
      : { jobId, noteId, version: Number(v), body: b };
  };
  return {
    read,
    async write(tenant, review, expected, updatedAt, expiresAt) {
      const reply = (await redis.eval(
        WRITE,
        3,
        reviewsKey(prefix, review.jobId),
        index(tenant),
        index(undefined),
        review.noteId,
        expected,
        review.version,
        review.body,
        updatedAt,
        expiresAt,
        member(review.jobId, review.noteId),
      )) as number;
      return reply === 1;
    },
    async ofJob(jobId) {
      const h = await redis.hgetall(reviewsKey(prefix, jobId));
      const out: StoredReview[] = [];
      for (const [field, v] of Object.entries(h)) {
        const body = field.startsWith('v:') ? h[`b:${field.slice(2)}`] : undefined;
        if (body !== undefined) {
          out.push({ jobId, noteId: field.slice(2), version: Number(v), body });
        }
      }
      return out;
    },
    async since(tenant, since) {
      const members = await redis.zrangebyscore(index(tenant), since, '+inf');
      const out: StoredReview[] = [];
      for (const m of members) {
        const [jobId, noteId] = JSON.parse(m) as [string, string];
        const row = await read(jobId, noteId);
        if (row === undefined) {
          await redis.zrem(index(tenant), m); // its job expired or was purged
        } else {
          out.push(row);
        }
      }
      return out;
    },
  };
}
