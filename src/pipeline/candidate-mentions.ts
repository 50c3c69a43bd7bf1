import type { Candidate } from './candidate.js';
import type { CandidateMentions } from './pipeline-types.js';

/** A candidate's code, confidence and mention spans with their assertion (silver labels for the tagger). */
export function candidateMentions(c: Candidate): CandidateMentions {
  return {
    system: c.system,
    code: c.code,
    confidence: c.confidence,
    mentions: c.mentions.map((m) => ({
      start: m.evidence.start,
      end: m.evidence.end,
      source: m.source,
      assertion: m.assertion,
    })),
  };
}
