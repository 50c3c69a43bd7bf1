import { randomBytes } from 'node:crypto';

/** A new job id: `job_` + 20 random base32 characters (100 bits), sortable by nothing, guessable by no one. */
export function newJobId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(20);
  let id = 'job_';
  for (const b of bytes) {
    id += alphabet[b & 31] ?? 'a';
  }
  return id;
}

/** True for a string shaped like a job id (cheap check before touching a store). */
export function isJobId(value: string): boolean {
  return /^job_[a-z2-7]{20}$/.test(value);
}
