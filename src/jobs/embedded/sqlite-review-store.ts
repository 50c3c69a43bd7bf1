import type Database from 'better-sqlite3';
import type { ReviewStore, StoredReview } from '../review-book.js';

/** Reviews of the embedded backend: the `reviews` table, deleted with their job (see purge). */
export function createSqliteReviewStore(db: Database.Database): ReviewStore {
  const cols = 'job_id AS jobId, note_id AS noteId, version, body';
  return {
    read(jobId, noteId) {
      return Promise.resolve(
        db
          .prepare(`SELECT ${cols} FROM reviews WHERE job_id = ? AND note_id = ?`)
          .get(jobId, noteId) as StoredReview | undefined,
      );
    },
    write(tenant, review, expected, updatedAt) {
      const written = db.transaction(() => {
        if (expected === 0) {
          return (
            db
              .prepare(
                `INSERT OR IGNORE INTO reviews (job_id, note_id, tenant, version, updated_at, body)
                 VALUES (?, ?, ?, ?, ?, ?)`,
              )
              .run(review.jobId, review.noteId, tenant, review.version, updatedAt, review.body)
              .changes === 1
          );
        }
        return (
          db
            .prepare(
              `UPDATE reviews SET version = ?, updated_at = ?, body = ?
               WHERE job_id = ? AND note_id = ? AND version = ?`,
            )
            .run(review.version, updatedAt, review.body, review.jobId, review.noteId, expected)
            .changes === 1
        );
      })();
      return Promise.resolve(written);
    },
    ofJob(jobId) {
      return Promise.resolve(
        db
          .prepare(`SELECT ${cols} FROM reviews WHERE job_id = ? ORDER BY rowid`)
          .all(jobId) as StoredReview[],
      );
    },
    since(tenant, since) {
      const rows =
        tenant === undefined
          ? db
              .prepare(`SELECT ${cols} FROM reviews WHERE updated_at >= ? ORDER BY updated_at`)
              .all(since)
          : db
              .prepare(
                `SELECT ${cols} FROM reviews WHERE tenant = ? AND updated_at >= ? ORDER BY updated_at`,
              )
              .all(tenant, since);
      return Promise.resolve(rows as StoredReview[]);
    },
  };
}
