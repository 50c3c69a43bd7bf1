import type { CodeSet } from '../../codes/code-set.js';
import type { Setting } from '../../core/types.js';
import type { Candidate } from '../candidate.js';
import type { Dropped } from './dropped.js';
import type { CodeMaker } from './make-code.js';

/** What every rule family may consult about the note and the code set. */
export interface RuleContext {
  readonly setting: Setting;
  /** `rules: mentions`: every diagnosis mentioned is kept, with its assertion (see `Rules`). */
  readonly mentions: boolean;
  readonly codeSet: CodeSet;
  /** Makes a code the rules add (a history Z code, a combination code) from the candidate it replaces. */
  readonly make: CodeMaker;
  /** Whether a candidate is a clear, present reading: only such a code makes another drop. */
  readonly strong: (c: Candidate) => boolean;
}

/** The candidates still kept and those dropped so far, with why; each rule family moves some across. */
export interface RuleState {
  kept: Candidate[];
  readonly dropped: Dropped[];
}

/** True when the code starts with one of the prefixes. */
export function startsWithAny(code: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) {
    if (code.startsWith(p)) {
      return true;
    }
  }
  return false;
}
