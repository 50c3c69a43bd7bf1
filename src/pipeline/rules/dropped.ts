import type { Candidate } from '../candidate.js';

/** A candidate the rules dropped, and why. */
export interface Dropped {
  readonly candidate: Candidate;
  /** A stable reason code (`negated`, `excludes1-conflict`, `less-specific`, ...). */
  readonly reason: string;
  /** The rule's words, for the coder. */
  readonly detail: string;
}
