import { join } from 'node:path';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet, type CodeSet } from '../../src/codes/code-set.js';
import type { Assertion, Setting } from '../../src/core/types.js';
import { newCandidate, type Candidate, type MentionSource } from '../../src/pipeline/candidate.js';
import type { GuidelineData } from '../../src/pipeline/knowledge.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createCodeMaker } from '../../src/pipeline/rules/make-code.js';
import type { RuleContext, RuleState } from '../../src/pipeline/rules/rule-context.js';
import { createStrongReading } from '../../src/pipeline/rules/strong-reading.js';
import { LEXICON, fixture } from './fixtures.js';

/**
 * The hand-made release of `test/fixtures/icd10cm-rules` (diabetes, hypertension, CKD, pneumonia, fever,
 * cough, lung cancer and their history Z codes; E10/E11 name each other in Excludes1) and the shipped
 * rule tables.
 */
export function ruleFixtures(dir: string): { codeSet: CodeSet; data: GuidelineData } {
  const out = join(dir, 'codeset.json');
  buildCodeSet({ icd10cm: [fixture('icd10cm-rules')], out, lexiconDir: LEXICON });
  const codeSet = loadCodeSet(out);
  return { codeSet, data: loadKnowledge(codeSet, LEXICON).guidelines };
}

/** How a test candidate was found. */
export interface CandidateSpec {
  readonly system?: Candidate['system'];
  readonly assertion?: Assertion;
  readonly confidence?: number;
  readonly source?: MentionSource;
  /** Match quality of its one mention (default 1: a tight match). */
  readonly quality?: number;
  /** Required words of the term (default 2). */
  readonly length?: number;
  readonly guessed?: boolean;
  /** The words of its mention (default: the code). */
  readonly words?: string;
  /** The section of its mention (default: none). */
  readonly section?: string;
}

/** A scored candidate with one mention, as the stages before the rules would leave it. */
export function candidate(code: string, spec: CandidateSpec = {}): Candidate {
  const c = newCandidate(spec.system ?? 'ICD-10-CM', code, `title of ${code}`);
  const text = spec.words ?? code;
  c.mentions.push({
    first: 0,
    last: 0,
    evidence:
      spec.section === undefined
        ? { start: 0, end: text.length, text }
        : { start: 0, end: text.length, text, section: spec.section },
    source: spec.source ?? 'title',
    quality: spec.quality ?? 1,
    assertion: spec.assertion ?? 'present',
    length: spec.length ?? 2,
    term: text,
  });
  c.confidence = spec.confidence ?? 0.9;
  c.guessed = spec.guessed ?? false;
  return c;
}

/** The rules' context for a note of this setting (outpatient, billing rules, operating threshold 0.3). */
export function ruleContext(
  codeSet: CodeSet,
  options: { setting?: Setting; mentions?: boolean; operating?: number } = {},
): RuleContext {
  return {
    setting: options.setting ?? 'outpatient',
    mentions: options.mentions ?? false,
    codeSet,
    make: createCodeMaker(codeSet),
    strong: createStrongReading(options.operating ?? 0.3),
  };
}

/** A rule state holding these candidates as kept. */
export function keptState(...kept: Candidate[]): RuleState {
  return { kept, dropped: [] };
}

/** The codes of a list of candidates. */
export const codes = (list: readonly Candidate[]): string[] => list.map((c) => c.code);
