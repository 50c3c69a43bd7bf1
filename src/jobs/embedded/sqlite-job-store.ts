import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { JobFinishedEvent, JobStatus } from '../job-types.js';
import type { JobRecord } from '../job-view.js';
import { migrateTenants, SCHEMA, toRecord, type JobRow } from './sqlite-schema.js';
import type { ListPosition } from '../job-view.js';

/** A processed note's stored outcome. */
export interface StoredOutcome {
  readonly seq: number;
  /** JSON of the NoteOutcome. */
  readonly outcome: string;
  readonly failed: boolean;
}

/**
 * The embedded backend's durable state in SQLite (WAL): jobs, their notes (text only until processed),
 * outcomes, idempotency keys. Every method is one transaction; a process crash loses nothing that a
 * method returned for.
 */
export class SqliteJobStore {
  /** The connection (the review store shares it: see sqlite-review-store.ts). */
  readonly db: Database.Database;

  /**
   * @param file - database file (created with its folder), or `:memory:`. The folder is made `0700`
   * and the file `0600` (SQLite gives its `-wal` and `-shm` files the database file's mode).
   */
  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      chmodSync(dirname(file), 0o700);
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
    }
    this.db = new Database(file);
    // Note payloads and outcomes are kilobytes each: a rowid table (not WITHOUT ROWID) stores them well.
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable against process crashes (only an OS crash can lose the last commits).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Deleted note text is overwritten with zeros, not left in free pages (see scrubFreed).
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    migrateTenants(this.db);
  }

  /**
   * Stores a batch of a job's notes before the job exists (see {@link commitJob}): no read finds them,
   * and a crash before the commit leaves them to {@link dropAllStaged} at the next start.
   * @param from - position of the first payload in the job
   */
  stageNotes(jobId: string, from: number, payloads: readonly string[], now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO staging (job_id, created_at) VALUES (?, ?)')
        .run(jobId, now);
      const insert = this.db.prepare(
        `INSERT INTO notes (job_id, seq, state, payload) VALUES (?, ?, 'queued', ?)`,
      );
      payloads.forEach((payload, i) => insert.run(jobId, from + i, payload));
    })();
  }

  /**
   * Makes a staged job visible, with every note and its idempotency key, in one transaction. When the
   * key was taken meanwhile (a concurrent submission with the same key), nothing is committed, the
   * staged notes are dropped and the job the key points to is returned.
   */
  commitJob(
    job: JobRecord,
    idempotency?: { owner: string; key: string; fingerprint: string; expiresAt: number },
  ): { fingerprint: string; jobId: string } | undefined {
    return this.db.transaction(() => {
      if (idempotency) {
        const prior = this.findIdempotent(idempotency.owner, idempotency.key, job.createdAt);
        if (prior !== undefined && this.getJob(prior.jobId) !== undefined) {
          this.dropStaged(job.id);
          return prior;
        }
      }
      this.db
        .prepare(
          `INSERT INTO jobs (id, tenant, status, total, options, callback_url, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          job.id,
          job.tenant,
          job.status,
          job.total,
          JSON.stringify(job.options),
          job.callbackUrl ?? null,
          job.createdAt,
          job.expiresAt,
        );
      this.db.prepare('DELETE FROM staging WHERE job_id = ?').run(job.id);
      if (idempotency) {
        this.db
          .prepare(
            `INSERT OR REPLACE INTO idempotency (owner, key, fingerprint, job_id, expires_at)
             VALUES (?, ?, ?, ?, ?)`,
          )
          .run(
            idempotency.owner,
            idempotency.key,
            idempotency.fingerprint,
            job.id,
            idempotency.expiresAt,
          );
      }
      return undefined;
    })();
  }

  /** Deletes the staged notes of a job that was never committed. */
  dropStaged(jobId: string): void {
    this.db.transaction(() => {
      if (this.db.prepare('DELETE FROM staging WHERE job_id = ?').run(jobId).changes === 1) {
        this.db.prepare('DELETE FROM notes WHERE job_id = ?').run(jobId);
      }
    })();
  }

  /** At start: deletes every job left staged by a crash mid-submission. Returns how many. */
  dropAllStaged(): number {
    const ids = (this.db.prepare('SELECT job_id AS id FROM staging').all() as { id: string }[]).map(
      (r) => r.id,
    );
    for (const id of ids) {
      this.dropStaged(id);
    }
    return ids.length;
  }

  /** The job an unexpired idempotency key points to. */
  findIdempotent(
    owner: string,
    key: string,
    now: number,
  ): { fingerprint: string; jobId: string } | undefined {
    const row = this.db
      .prepare(
        `SELECT fingerprint, job_id AS jobId FROM idempotency WHERE owner = ? AND key = ? AND expires_at > ?`,
      )
      .get(owner, key, now) as { fingerprint: string; jobId: string } | undefined;
    return row;
  }

  getJob(id: string): JobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toRecord(row);
  }

  /** Up to `limit` jobs of a tenant, newest first, after `after`. */
  listJobs(tenant: string, after: ListPosition | undefined, limit: number): JobRecord[] {
    const rows = (
      after === undefined
        ? this.db
            .prepare(
              `SELECT * FROM jobs WHERE tenant = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(tenant, limit)
        : this.db
            .prepare(
              `SELECT * FROM jobs WHERE tenant = ? AND (created_at < ? OR (created_at = ? AND id < ?))
               ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(tenant, after.createdAt, after.createdAt, after.id, limit)
    ) as JobRow[];
    return rows.map(toRecord);
  }

  /** Jobs that still have work, oldest first. */
  activeJobIds(): string[] {
    return (
      this.db
        .prepare(
          `SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, id`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
  }

  /** After a crash: notes that were running go back to the queue. Returns how many. */
  requeueRunning(): number {
    return this.db.prepare(`UPDATE notes SET state = 'queued' WHERE state = 'running'`).run()
      .changes;
  }

  /** Takes up to `limit` queued notes of a job (marks them running, the job too). */
  claim(jobId: string, limit: number, now: number): { seq: number; payload: string }[] {
    return this.db.transaction(() => {
      // The (job_id, state, seq) index finds queued notes without stepping over processed ones.
      const rows = this.db
        .prepare(
          `SELECT seq, payload FROM notes INDEXED BY notes_state
           WHERE job_id = ? AND state = 'queued' ORDER BY seq LIMIT ?`,
        )
        .all(jobId, limit) as { seq: number; payload: string }[];
      if (rows.length === 0) {
        return rows;
      }
      this.db
        .prepare(
          `UPDATE notes SET state = 'running', attempts = attempts + 1
           WHERE job_id = ? AND state = 'queued' AND seq BETWEEN ? AND ?`,
        )
        .run(jobId, rows[0]?.seq, rows[rows.length - 1]?.seq);
      this.db
        .prepare(
          `UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, ?)
           WHERE id = ? AND status = 'queued'`,
        )
        .run(now, jobId);
      return rows;
    })();
  }

  /** Attempts so far for the given notes. */
  attempts(jobId: string, seqs: readonly number[]): Map<number, number> {
    const get = this.db.prepare('SELECT attempts FROM notes WHERE job_id = ? AND seq = ?');
    return new Map(
      seqs.map((seq) => [
        seq,
        (get.get(jobId, seq) as { attempts: number } | undefined)?.attempts ?? 0,
      ]),
    );
  }

  /** Hands notes back to the queue (their worker failed). */
  release(jobId: string, seqs: readonly number[]): void {
    const update = this.db.prepare(
      `UPDATE notes SET state = 'queued' WHERE job_id = ? AND seq = ? AND state = 'running'`,
    );
    this.db.transaction(() => {
      for (const seq of seqs) {
        update.run(jobId, seq);
      }
    })();
  }

  /**
   * Stores outcomes of running notes (text dropped), counts them, and finalises the job when every note
   * is processed. Returns the job after the update and whether this call finished it.
   */
  complete(
    jobId: string,
    outcomes: readonly StoredOutcome[],
    now: number,
    ttlMs: number,
    final: (total: number, failed: number) => JobStatus,
  ): { job: JobRecord | undefined; finished: boolean } {
    return this.db.transaction(() => {
      const update = this.db.prepare(
        `UPDATE notes SET state = 'done', payload = NULL, outcome = ?
         WHERE job_id = ? AND seq = ? AND state = 'running'`,
      );
      let done = 0;
      let failed = 0;
      for (const o of outcomes) {
        if (update.run(o.outcome, jobId, o.seq).changes === 1) {
          done += 1;
          failed += o.failed ? 1 : 0;
        }
      }
      this.db
        .prepare('UPDATE jobs SET done = done + ?, failed = failed + ? WHERE id = ?')
        .run(done, failed, jobId);
      this.db
        .prepare(
          `INSERT INTO counters (name, value) VALUES ('processed', ?)
           ON CONFLICT(name) DO UPDATE SET value = value + excluded.value`,
        )
        .run(done);
      const job = this.getJob(jobId);
      if (job === undefined || job.done < job.total || job.finishedAt !== undefined) {
        return { job, finished: false };
      }
      const status = job.status === 'cancelled' ? 'cancelled' : final(job.total, job.failed);
      this.db
        .prepare('UPDATE jobs SET status = ?, finished_at = ?, expires_at = ? WHERE id = ?')
        .run(status, now, now + ttlMs, jobId);
      const after = this.getJob(jobId);
      if (after?.callbackUrl !== undefined) {
        // Stored with the final status, in the same transaction: a crash cannot lose the notification.
        const event: JobFinishedEvent = {
          jobId,
          status: after.status,
          progress: { done: after.done, failed: after.failed, total: after.total },
          finishedAt: new Date(now).toISOString(),
          callbackUrl: after.callbackUrl,
        };
        this.db
          .prepare(
            'INSERT OR IGNORE INTO callbacks (job_id, tenant, event, next_at) VALUES (?, ?, ?, ?)',
          )
          .run(jobId, after.tenant, JSON.stringify(event), now);
      }
      return { job: after, finished: true };
    })();
  }

  /** Cancels a job that is not final; queued notes are dropped. Returns the job after. */
  cancel(id: string, now: number, ttlMs: number): JobRecord | undefined {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE jobs SET status = 'cancelled', finished_at = ?, expires_at = ?
           WHERE id = ? AND status IN ('queued', 'running')`,
        )
        .run(now, now + ttlMs, id);
      this.db
        .prepare(
          `UPDATE notes SET state = 'cancelled', payload = NULL WHERE job_id = ? AND state = 'queued'`,
        )
        .run(id);
      return this.getJob(id);
    })();
  }

  /**
   * Deletes a job, its idempotency keys, callback and reviews in one transaction, and leaves its notes
   * staged (invisible) for {@link deleteNotes} to delete in batches; a crash meanwhile leaves them to
   * {@link dropAllStaged}. False when there is no such job.
   */
  detach(id: string, now: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM idempotency WHERE job_id = ?').run(id);
      this.db.prepare('DELETE FROM callbacks WHERE job_id = ?').run(id);
      this.db.prepare('DELETE FROM reviews WHERE job_id = ?').run(id);
      if (this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id).changes === 0) {
        return false;
      }
      this.db
        .prepare('INSERT OR IGNORE INTO staging (job_id, created_at) VALUES (?, ?)')
        .run(id, now);
      return true;
    })();
  }

  /** Deletes up to `limit` notes of a detached job; returns how many (0: none left). */
  deleteNotes(jobId: string, limit: number): number {
    return this.db
      .prepare(
        'DELETE FROM notes WHERE rowid IN (SELECT rowid FROM notes WHERE job_id = ? LIMIT ?)',
      )
      .run(jobId, limit).changes;
  }

  /** Outcomes of processed notes from position `cursor`, in order. */
  outcomes(jobId: string, cursor: number, limit: number): { seq: number; outcome: string }[] {
    return this.db
      .prepare(
        `SELECT seq, outcome FROM notes WHERE job_id = ? AND seq >= ? AND state = 'done'
         ORDER BY seq LIMIT ?`,
      )
      .all(jobId, cursor, limit) as { seq: number; outcome: string }[];
  }

  /** Ids of finished jobs past their expiry, and expired idempotency keys (deleted). */
  expired(now: number): string[] {
    this.db.prepare('DELETE FROM idempotency WHERE expires_at <= ?').run(now);
    return (
      this.db
        .prepare(
          `SELECT id FROM jobs WHERE expires_at <= ? AND status NOT IN ('queued', 'running')`,
        )
        .all(now) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Jobs by status, queued notes and the processed counter. */
  stats(): { byStatus: Map<string, number>; queuedNotes: number; processed: number } {
    const byStatus = new Map(
      (
        this.db.prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
    const queued = this.db
      .prepare(
        `SELECT COALESCE(SUM(total - done), 0) AS n FROM jobs WHERE status IN ('queued', 'running')`,
      )
      .get() as { n: number };
    const processed = this.db
      .prepare(`SELECT value FROM counters WHERE name = 'processed'`)
      .get() as { value: number } | undefined;
    return { byStatus, queuedNotes: queued.n, processed: processed?.value ?? 0 };
  }

  /** Job-finished notifications due for a (re)try. */
  dueCallbacks(now: number, limit: number): { event: JobFinishedEvent; attempts: number }[] {
    return (
      this.db
        .prepare(
          'SELECT event, attempts FROM callbacks WHERE next_at <= ? ORDER BY next_at LIMIT ?',
        )
        .all(now, limit) as { event: string; attempts: number }[]
    ).map((r) => ({ event: JSON.parse(r.event) as JobFinishedEvent, attempts: r.attempts }));
  }

  /** Records a failed delivery: try again at `nextAt`, or drop it when `nextAt` is undefined. */
  callbackFailed(jobId: string, nextAt: number | undefined): void {
    if (nextAt === undefined) {
      this.callbackDone(jobId);
      return;
    }
    this.db
      .prepare('UPDATE callbacks SET attempts = attempts + 1, next_at = ? WHERE job_id = ?')
      .run(nextAt, jobId);
  }

  /** Removes a delivered notification. */
  callbackDone(jobId: string): void {
    this.db.prepare('DELETE FROM callbacks WHERE job_id = ?').run(jobId);
  }

  /**
   * Moves every committed page into the database file and empties the write-ahead log, whose older
   * frames still hold the text of notes since processed, purged or expired (called when a job
   * finishes, after a purge and after expired jobs are deleted: with `secure_delete` the files then
   * hold no trace of the deleted text).
   */
  scrubFreed(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** True when a trivial query answers. */
  ping(): boolean {
    return this.db.prepare('SELECT 1 AS one').get() !== undefined;
  }

  close(): void {
    this.db.close();
  }
}
