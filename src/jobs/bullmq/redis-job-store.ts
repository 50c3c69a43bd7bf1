import type { Redis } from 'ioredis';
import {
  JOB_STATUSES,
  type JobOptions,
  type JobStatus,
  type SerializedOutcome,
} from '../job-types.js';
import type { JobRecord, ListPosition } from '../job-view.js';
import { DEFAULT_TENANT } from '../tenant.js';
import { reviewsKey } from './redis-review-store.js';
import { RedisTenantIndex } from './redis-tenant-index.js';

/** Queue names: bulk chunks, the interactive `/v1/detect` lane, and job-finished callbacks. */
export const QUEUE_NAMES = {
  chunks: 'notecoder-chunks',
  interactive: 'notecoder-interactive',
  callbacks: 'notecoder-callbacks',
} as const;

/** Data of one chunk job: positions [from, to) of a job's notes; the notes themselves stay in a hash. */
export interface ChunkJobData {
  readonly jobId: string;
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

const STATUSES = JOB_STATUSES;

// KEYS: meta, notes, done-chunks, queued-set, running-set. ARGV: jobId, index, from, to, now.
// Returns {'ok', options, payload...}, or {why}: nothing to do (missing, done, a final status).
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'queued' and status ~= 'running' then return {status} end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then return {'done'} end
if status == 'queued' then
  redis.call('HSET', KEYS[1], 'status', 'running', 'startedAt', ARGV[5])
  redis.call('ZREM', KEYS[4], ARGV[1])
  redis.call('ZADD', KEYS[5], redis.call('HGET', KEYS[1], 'expiresAt'), ARGV[1])
end
local fields = {}
for i = tonumber(ARGV[3]), tonumber(ARGV[4]) - 1 do fields[#fields + 1] = tostring(i) end
local out = {'ok', redis.call('HGET', KEYS[1], 'options') or '{}'}
local values = redis.call('HMGET', KEYS[2], unpack(fields))
for i = 1, #fields do out[#out + 1] = values[i] or '' end
return out
`;

// KEYS: meta, notes, results, done-chunks, processed, pending, running, succeeded, partially_succeeded,
// failed, queued. ARGV: jobId, index, now, ttlMs, n, then (seq, outcome, failed 0/1) n times.
// Exactly once per chunk (SADD guards), so a chunk retried after a crash never counts twice.
// Returns -1 (job gone), -2 (chunk already recorded), 0 (recorded), 1 (recorded and the job finished).
const COMPLETE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('SADD', KEYS[4], ARGV[2]) == 0 then return -2 end
local n = tonumber(ARGV[5])
local failed = 0
for i = 0, n - 1 do
  local seq = ARGV[6 + i * 3]
  redis.call('HSET', KEYS[3], seq, ARGV[7 + i * 3])
  redis.call('HDEL', KEYS[2], seq)
  if ARGV[8 + i * 3] == '1' then failed = failed + 1 end
end
local status = redis.call('HGET', KEYS[1], 'status')
local done = redis.call('HINCRBY', KEYS[1], 'done', n)
local f = redis.call('HINCRBY', KEYS[1], 'failed', failed)
redis.call('INCRBY', KEYS[5], n)
local exp = redis.call('HGET', KEYS[1], 'expiresAt')
redis.call('PEXPIREAT', KEYS[3], exp)
redis.call('PEXPIREAT', KEYS[4], exp)
if status ~= 'queued' and status ~= 'running' then return 0 end
redis.call('DECRBY', KEYS[6], n)
local total = tonumber(redis.call('HGET', KEYS[1], 'total'))
if done < total then return 0 end
local final = 'succeeded'
local target = KEYS[8]
if f >= total then final = 'failed'; target = KEYS[10] elseif f > 0 then final = 'partially_succeeded'; target = KEYS[9] end
local newExp = tonumber(ARGV[3]) + tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'status', final, 'finishedAt', ARGV[3], 'expiresAt', newExp)
for i = 1, 4 do redis.call('PEXPIREAT', KEYS[i], newExp) end
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('ZREM', KEYS[11], ARGV[1])
redis.call('ZADD', target, newExp, ARGV[1])
return 1
`;

// KEYS: meta, notes, results, done-chunks, pending, queued, running, cancelled. ARGV: jobId, now, ttlMs.
const CANCEL = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'queued' and status ~= 'running' then return 1 end
local remaining = tonumber(redis.call('HGET', KEYS[1], 'total')) - tonumber(redis.call('HGET', KEYS[1], 'done'))
local newExp = tonumber(ARGV[2]) + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finishedAt', ARGV[2], 'expiresAt', newExp)
redis.call('DECRBY', KEYS[5], remaining)
redis.call('DEL', KEYS[2])
for i = 1, 4 do redis.call('PEXPIREAT', KEYS[i], newExp) end
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('ZADD', KEYS[8], newExp, ARGV[1])
return 1
`;

/**
 * Job state in Redis, shared by the API side (submit, poll, cancel) and `notecoder worker` (claim,
 * complete). Every key of a job expires with it (`expiresAt`); counters and per-status sets feed metrics.
 */
export class RedisJobStore {
  private readonly tenants: RedisTenantIndex;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'notecoder',
  ) {
    this.tenants = new RedisTenantIndex(redis, prefix);
  }

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }
  private jobKeys(id: string): [string, string, string, string] {
    return [
      this.key('job', id),
      this.key('job', id, 'notes'),
      this.key('job', id, 'results'),
      this.key('job', id, 'chunks'),
    ];
  }
  private statusKey(status: JobStatus): string {
    return this.key('status', status);
  }
  private tenantKey(tenant: string): string {
    return this.tenants.key(tenant);
  }

  /**
   * Stores a batch of a job's note payloads before the job exists (see {@link commit}): nothing reads a
   * job's notes without its meta hash, and notes left by a crash before the commit expire with the job's
   * expiry time.
   * @param from - position of the first payload in the job
   */
  async stageNotes(
    jobId: string,
    from: number,
    payloads: readonly string[],
    expiresAt: number,
  ): Promise<void> {
    const [, notes] = this.jobKeys(jobId);
    const batch: Record<string, string> = {};
    payloads.forEach((p, j) => (batch[String(from + j)] = p));
    await this.redis.multi().hset(notes, batch).pexpireat(notes, expiresAt).exec();
  }

  /** True while a job's notes are stored and the job is not (a submission in progress, or cut short). */
  async isStaged(jobId: string): Promise<boolean> {
    const [meta, notes] = this.jobKeys(jobId);
    const [m, n] = await Promise.all([this.redis.exists(meta), this.redis.exists(notes)]);
    return m === 0 && n === 1;
  }

  /** Makes a job whose notes are staged visible: its meta hash, status, tenant index and counters at once. */
  async commit(job: JobRecord): Promise<void> {
    const [meta] = this.jobKeys(job.id);
    const multi = this.redis.multi();
    multi.hset(meta, {
      tenant: job.tenant,
      status: job.status,
      total: job.total,
      done: 0,
      failed: 0,
      options: JSON.stringify(job.options),
      ...(job.callbackUrl === undefined ? {} : { callbackUrl: job.callbackUrl }),
      createdAt: job.createdAt,
      expiresAt: job.expiresAt,
    });
    multi.pexpireat(meta, job.expiresAt);
    multi.zadd(this.statusKey('queued'), job.expiresAt, job.id);
    multi.zadd(this.tenantKey(job.tenant), job.createdAt, job.id);
    multi.incrby(this.key('pending'), job.total);
    await multi.exec();
  }

  /** Removes a job that could not be enqueued. */
  async remove(id: string, tenant: string): Promise<void> {
    await this.redis.del(...this.jobKeys(id));
    const multi = this.redis.multi();
    multi.zrem(this.tenantKey(tenant), id);
    for (const s of STATUSES) {
      multi.zrem(this.statusKey(s), id);
    }
    await multi.exec();
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const h = await this.redis.hgetall(this.key('job', id));
    if (h.status === undefined) {
      return undefined;
    }
    const num = (v: string | undefined): number | undefined =>
      v === undefined ? undefined : Number(v);
    return {
      id,
      // Jobs stored before tenants existed belong to the default tenant.
      tenant: h.tenant ?? DEFAULT_TENANT,
      status: h.status as JobStatus,
      total: Number(h.total),
      done: Number(h.done),
      failed: Number(h.failed),
      options: JSON.parse(h.options ?? '{}') as JobOptions,
      callbackUrl: h.callbackUrl,
      createdAt: Number(h.createdAt),
      startedAt: num(h.startedAt),
      finishedAt: num(h.finishedAt),
      expiresAt: Number(h.expiresAt),
    };
  }

  /** Idempotency record: `fingerprint jobId`, 24 h. Returns the existing one when the key is taken. */
  async claimIdempotency(
    owner: string,
    key: string,
    fingerprint: string,
    jobId: string,
  ): Promise<{ fingerprint: string; jobId: string } | undefined> {
    const k = this.key('idem', owner, key);
    const set = await this.redis.set(k, `${fingerprint} ${jobId}`, 'EX', 86_400, 'NX');
    if (set === 'OK') {
      return undefined;
    }
    const value = (await this.redis.get(k)) ?? '';
    const [fp = '', id = ''] = value.split(' ');
    return { fingerprint: fp, jobId: id };
  }

  async releaseIdempotency(owner: string, key: string): Promise<void> {
    await this.redis.del(this.key('idem', owner, key));
  }

  /**
   * Marks the chunk's job running and returns the job's options and the chunk's note payloads (one
   * round trip), or why there is nothing to do.
   */
  async claim(
    data: ChunkJobData,
    now: number,
  ): Promise<{ state: 'ok'; options: JobOptions; payloads: string[] } | { state: string }> {
    const [meta, notes, , chunks] = this.jobKeys(data.jobId);
    const reply = (await this.redis.eval(
      CLAIM,
      5,
      meta,
      notes,
      chunks,
      this.statusKey('queued'),
      this.statusKey('running'),
      data.jobId,
      data.index,
      data.from,
      data.to,
      now,
    )) as string[];
    const [state = 'missing', options = '{}', ...payloads] = reply;
    return state === 'ok'
      ? { state, options: JSON.parse(options) as JobOptions, payloads }
      : { state };
  }

  /** Records a chunk's outcomes exactly once; returns true when this finished the job. */
  async complete(
    data: ChunkJobData,
    outcomes: readonly SerializedOutcome[],
    now: number,
    ttlMs: number,
  ): Promise<boolean> {
    const [meta, notes, results, chunks] = this.jobKeys(data.jobId);
    const args: (string | number)[] = [data.jobId, data.index, now, ttlMs, outcomes.length];
    outcomes.forEach((o, i) => {
      args.push(data.from + i, o.json, o.failed ? 1 : 0);
    });
    const reply = (await this.redis.eval(
      COMPLETE,
      11,
      meta,
      notes,
      results,
      chunks,
      this.key('processed'),
      this.key('pending'),
      this.statusKey('running'),
      this.statusKey('succeeded'),
      this.statusKey('partially_succeeded'),
      this.statusKey('failed'),
      this.statusKey('queued'),
      ...args,
    )) as number;
    return reply === 1;
  }

  /** Cancels a job that is not final. False when it does not exist. */
  async cancel(id: string, now: number, ttlMs: number): Promise<boolean> {
    const keys = this.jobKeys(id);
    const reply = (await this.redis.eval(
      CANCEL,
      8,
      ...keys,
      this.key('pending'),
      this.statusKey('queued'),
      this.statusKey('running'),
      this.statusKey('cancelled'),
      id,
      now,
      ttlMs,
    )) as number;
    return reply === 1;
  }

  /** Up to `limit` of a tenant's jobs, newest first, after `after`. */
  list(tenant: string, after: ListPosition | undefined, limit: number): Promise<JobRecord[]> {
    return this.tenants.list(tenant, after, limit, (id) => this.get(id));
  }

  /** One-time upgrade of a store made before tenants (see {@link RedisTenantIndex.migrate}). */
  migrateTenants(): Promise<number> {
    return this.tenants.migrate((id) => this.key('job', id));
  }

  /** Deletes every key of a job. */
  async purge(id: string, tenant: string): Promise<boolean> {
    const removed = await this.redis.del(...this.jobKeys(id), reviewsKey(this.prefix, id));
    const multi = this.redis.multi();
    multi.zrem(this.tenantKey(tenant), id);
    for (const s of STATUSES) {
      multi.zrem(this.statusKey(s), id);
    }
    await multi.exec();
    return removed > 0;
  }

  /** Outcomes from position `cursor` up to `limit`, in order, stopping at the first gap. */
  async outcomes(
    id: string,
    cursor: number,
    limit: number,
    total: number,
  ): Promise<{ seq: number; outcome: string }[]> {
    const end = Math.min(total, cursor + limit);
    if (end <= cursor) {
      return [];
    }
    const fields = Array.from({ length: end - cursor }, (_, i) => String(cursor + i));
    const values = await this.redis.hmget(this.key('job', id, 'results'), ...fields);
    const out: { seq: number; outcome: string }[] = [];
    values.forEach((v, i) => {
      if (v !== null) {
        out.push({ seq: cursor + i, outcome: v });
      }
    });
    return out;
  }

  /** Jobs by status (expired ones pruned), pending notes and processed notes. */
  async stats(
    now: number,
  ): Promise<{ jobs: Record<JobStatus, number>; pending: number; processed: number }> {
    const multi = this.redis.multi();
    for (const s of STATUSES) {
      multi.zremrangebyscore(this.statusKey(s), '-inf', now);
      multi.zcard(this.statusKey(s));
    }
    multi.get(this.key('pending'));
    multi.get(this.key('processed'));
    const replies = (await multi.exec()) ?? [];
    const value = (i: number): number => Number(replies[i]?.[1] ?? 0);
    const jobs = Object.fromEntries(STATUSES.map((s, i) => [s, value(i * 2 + 1)])) as Record<
      JobStatus,
      number
    >;
    return {
      jobs,
      pending: Math.max(0, value(STATUSES.length * 2)),
      processed: value(STATUSES.length * 2 + 1),
    };
  }
}
