import type { Redis } from 'ioredis';
import { isJobId } from '../job-id.js';
import type { JobRecord, ListPosition } from '../job-view.js';
import { DEFAULT_TENANT } from '../tenant.js';

/**
 * Each tenant's job ids in Redis: a sorted set scored by creation time, so a tenant lists its own jobs
 * without scanning anyone else's. Entries of jobs that expired (their hashes are gone) are pruned when
 * a list meets them.
 */
export class RedisTenantIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The sorted set of a tenant's jobs. */
  key(tenant: string): string {
    return `${this.prefix}:tenant:${tenant}:jobs`;
  }

  /**
   * Up to `limit` of a tenant's jobs, newest first (ties by id, descending, like the embedded store).
   * @param get - reads a job's record (undefined once it expired)
   */
  async list(
    tenant: string,
    after: ListPosition | undefined,
    limit: number,
    get: (id: string) => Promise<JobRecord | undefined>,
  ): Promise<JobRecord[]> {
    const key = this.key(tenant);
    const max = after === undefined ? '+inf' : String(after.createdAt);
    const out: JobRecord[] = [];
    const stale: string[] = [];
    for (let offset = 0; out.length < limit;) {
      const batch = limit - out.length + 16;
      const reply = await this.redis.zrevrangebyscore(
        key,
        max,
        '-inf',
        'WITHSCORES',
        'LIMIT',
        offset,
        batch,
      );
      offset += batch;
      for (let i = 0; i + 1 < reply.length && out.length < limit; i += 2) {
        const id = reply[i] ?? '';
        if (after !== undefined && Number(reply[i + 1]) === after.createdAt && id >= after.id) {
          continue;
        }
        const job = await get(id);
        if (job === undefined || job.tenant !== tenant) {
          stale.push(id);
        } else {
          out.push(job);
        }
      }
      if (reply.length < batch * 2) {
        break;
      }
    }
    if (stale.length > 0) {
      await this.redis.zrem(key, ...stale);
    }
    return out;
  }

  /**
   * One-time upgrade of a store made before tenants: every job hash without a tenant is given the
   * default tenant and listed under it. Guarded by a marker key, so later starts skip the scan.
   * @param jobKey - the hash key of a job id
   * @returns how many jobs were upgraded
   */
  async migrate(jobKey: (id: string) => string): Promise<number> {
    const marker = `${this.prefix}:migrated:tenants`;
    if ((await this.redis.exists(marker)) === 1) {
      return 0;
    }
    const head = jobKey('');
    let cursor = '0';
    let migrated = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${head}job_*`, 'COUNT', 500);
      cursor = next;
      for (const k of keys) {
        const id = k.slice(head.length);
        if (!isJobId(id)) {
          continue; // a job's notes, results or chunks
        }
        const [tenant, createdAt] = await this.redis.hmget(k, 'tenant', 'createdAt');
        if ((tenant === null || tenant === undefined) && typeof createdAt === 'string') {
          await this.redis.hset(k, 'tenant', DEFAULT_TENANT);
          await this.redis.zadd(this.key(DEFAULT_TENANT), createdAt, id);
          migrated += 1;
        }
      }
    } while (cursor !== '0');
    await this.redis.set(marker, '1');
    return migrated;
  }
}
