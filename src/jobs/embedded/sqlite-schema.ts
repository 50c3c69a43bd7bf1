import type Database from 'better-sqlite3';
import type { JobOptions, JobStatus } from '../job-types.js';
import { DEFAULT_TENANT } from '../tenant.js';
import type { JobRecord } from '../job-view.js';

/** Tables of the embedded job store (created when missing). */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL DEFAULT 'default',
  status TEXT NOT NULL,
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL,
  callback_url TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, created_at);
CREATE TABLE IF NOT EXISTS notes (
  job_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  payload TEXT,
  outcome TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX IF NOT EXISTS notes_state ON notes(job_id, state, seq);
CREATE TABLE IF NOT EXISTS idempotency (
  -- the tenant: one tenant's keys share its Idempotency-Key space
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  job_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (owner, key)
);
-- notes of no visible job: being stored (the job row comes last) or being deleted (it went first);
-- a row left over after a crash has its notes deleted at the next start
CREATE TABLE IF NOT EXISTS staging (job_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS callbacks (
  job_id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL DEFAULT 'default',
  event TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
  job_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- JSON of the review (decisions, added codes, note, text, audit), encrypted with the notes' key
  body TEXT NOT NULL,
  PRIMARY KEY (job_id, note_id)
);
CREATE INDEX IF NOT EXISTS reviews_updated ON reviews(tenant, updated_at);
`;

/**
 * Stores made before tenants existed get a `tenant` column; their rows belong to the default tenant
 * (the column default). Run after {@link SCHEMA}; idempotent.
 */
export function migrateTenants(db: Database.Database): void {
  for (const table of ['jobs', 'callbacks']) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'tenant')) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN tenant TEXT NOT NULL DEFAULT '${DEFAULT_TENANT}'`);
    }
  }
  db.exec('CREATE INDEX IF NOT EXISTS jobs_tenant ON jobs(tenant, created_at, id)');
}

/** A `jobs` row as SQLite returns it. */
export interface JobRow {
  id: string;
  tenant: string;
  status: JobStatus;
  total: number;
  done: number;
  failed: number;
  options: string;
  callback_url: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  expires_at: number;
}

/** A `jobs` row as a job record. */
export const toRecord = (row: JobRow): JobRecord => ({
  id: row.id,
  tenant: row.tenant,
  status: row.status,
  total: row.total,
  done: row.done,
  failed: row.failed,
  options: JSON.parse(row.options) as JobOptions,
  callbackUrl: row.callback_url ?? undefined,
  createdAt: row.created_at,
  startedAt: row.started_at ?? undefined,
  finishedAt: row.finished_at ?? undefined,
  expiresAt: row.expires_at,
});
