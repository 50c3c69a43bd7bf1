import type { Assertion, CodeSystem, Evidence } from '../core/types.js';

/** How a candidate was found. */
export type MentionSource =
  | 'index'
  | 'title'
  | 'inclusion'
  | 'synonym'
  | 'neoplasm'
  | 'cpt-trigger'
  | 'learned'
  | 'learned-doc'
  | 'tagger'
  | 'radiology'
  | 'em-time'
  | 'rule';

/** True for evidence mined from coded notes (sentence or document associations), not read by a rule. */
export function isLearned(source: MentionSource): boolean {
  return source === 'learned' || source === 'learned-doc';
}

/** One place in the note that supports a candidate code. */
export interface Mention {
  readonly first: number;
  readonly last: number;
  readonly evidence: Evidence;
  readonly source: MentionSource;
  /** 0..1 match quality (dictionary) or association precision (learned). */
  readonly quality: number;
  readonly assertion: Assertion;
  /** The context trigger that set the assertion. */
  readonly trigger?: Evidence;
  /** Number of required words of the dictionary term (longer terms are more specific). */
  readonly length: number;
  /** The term or n-gram that matched. */
  readonly term: string;
  /** Another match in the same category covers this one's words: it is the less specific reading. */
  readonly subsumed?: boolean;
}

/** A code under consideration for one note. */
export interface Candidate {
  readonly system: CodeSystem;
  code: string;
  title: string;
  readonly mentions: Mention[];
  reasons: string[];
  /** Linker took a default (unspecified child, assumed 7th character). */
  guessed: boolean;
  /** Learned-association features. */
  learnedMax: number;
  learnedOr: number;
  learnedSupport: number;
  learnedCount: number;
  /** Document-level association features. */
  docMax: number;
  docOr: number;
  modifiers: string[];
  /** Fixed confidence for rule-based detectors (CPT); undefined → the scorer decides. */
  fixedConfidence?: number;
  confidence: number;
}

/**
 * The assertion of a candidate: present if any deciding mention is present (of learned phrases only, if
 * the most reliable one is), else the most frequent other assertion among the deciding mentions.
 */
export function candidateAssertion(c: Candidate): Assertion {
  // Where the dictionary found the condition, its mentions decide: a learned word nearby ("mediastinal")
  // must not turn "no pleural effusion" into a present one. Failing those, the learned phrases of a
  // sentence decide over the document-level ones, which say only that such notes tend to carry the
  // code ("arising" must not make "no retroperitoneal adenopathy" present).
  // Counted, not filtered: this runs for every candidate in several stages.
  let direct = 0;
  let sentence = 0;
  for (const m of c.mentions) {
    if (!isLearned(m.source)) {
      direct++;
    } else if (m.source === 'learned') {
      sentence++;
    }
  }
  if (c.mentions.length === 0) {
    return 'present';
  }
  const decides = (m: Mention): boolean =>
    direct > 0 ? !isLearned(m.source) : sentence > 0 ? m.source === 'learned' : true;
  if (direct === 0) {
    // Learned phrases only: the phrase that points to the code most reliably decides, so "sputum"
    // (a weak pointer to pneumonia) cannot outvote "no pneumonia on imaging".
    let present = -1;
    let other = -1;
    for (const m of c.mentions) {
      if (!decides(m)) {
        continue;
      }
      if (m.assertion === 'present') {
        present = Math.max(present, m.quality);
      } else {
        other = Math.max(other, m.quality);
      }
    }
    if (present >= other) {
      return 'present';
    }
  } else if (c.mentions.some((m) => decides(m) && m.assertion === 'present')) {
    return 'present';
  }
  // The most frequent; of equally frequent ones, the first met (as a stable sort of the counts would
  // give), counted in two small arrays instead of a Map sorted per call.
  const kinds: Assertion[] = [];
  const counts: number[] = [];
  for (const m of c.mentions) {
    if (decides(m) && m.assertion !== 'present') {
      const k = kinds.indexOf(m.assertion);
      if (k < 0) {
        kinds.push(m.assertion);
        counts.push(1);
      } else {
        counts[k] = (counts[k] ?? 0) + 1;
      }
    }
  }
  let best = 0;
  for (let k = 1; k < kinds.length; k++) {
    if ((counts[k] ?? 0) > (counts[best] ?? 0)) {
      best = k;
    }
  }
  return kinds[best] ?? 'present';
}

/** A candidate with no evidence or features yet. */
export function newCandidate(system: CodeSystem, code: string, title: string): Candidate {
  return {
    system,
    code,
    title,
    mentions: [],
    reasons: [],
    guessed: false,
    learnedMax: 0,
    learnedOr: 0,
    learnedSupport: 0,
    learnedCount: 0,
    docMax: 0,
    docOr: 0,
    modifiers: [],
    confidence: 0,
  };
}
