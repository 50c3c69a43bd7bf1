import { join } from 'node:path';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../src/codes/code-set.js';
import type { EditTables } from '../../src/codes/edits/edit-tables.js';
import type { BillingOptions } from '../../src/core/claim-types.js';
import type { CodeSystem, Suggestion, Suppressed } from '../../src/core/types.js';
import type { ClaimInput, ClaimKnowledge } from '../../src/pipeline/claim/claim-input.js';
import { claimKnowledgeOf } from '../../src/pipeline/claim/claim-knowledge.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { detectSections, sectionAt } from '../../src/text/sections.js';
import { LEXICON, fixture } from './fixtures.js';

/** The claim builder's knowledge over the shipped lexicons (the small rules release for the code set). */
export function claimKnowledge(dir: string, edits?: EditTables): ClaimKnowledge {
  const out = join(dir, 'codeset.json');
  buildCodeSet({ icd10cm: [fixture('icd10cm-rules')], out, lexiconDir: LEXICON });
  return claimKnowledgeOf(loadKnowledge(loadCodeSet(out), LEXICON), edits);
}

/** What a test suggestion is: its code and the words of the note that support it. */
export interface Spec {
  readonly code: string;
  /** The exact words in the note (the first occurrence, or the `nth`). */
  readonly words: string;
  readonly nth?: number;
  readonly system?: CodeSystem;
  readonly confidence?: number;
  readonly reason?: string;
}

const systemOf = (code: string): CodeSystem =>
  /^\d{5}$/.test(code) ? 'CPT' : /^[A-Z]\d{4}$/.test(code) ? 'HCPCS' : 'ICD-10-CM';

/** A suggestion whose evidence is `words` in `text`, with the section it lies in. */
export function suggestion(text: string, spec: Spec): Suggestion {
  let start = -1;
  for (let i = 0; i <= (spec.nth ?? 0); i++) {
    start = text.indexOf(spec.words, start + 1);
  }
  if (start < 0) {
    throw new Error(`"${spec.words}" is not in the note`);
  }
  const end = start + spec.words.length;
  const section = sectionAt(detectSections(text), start)?.name;
  return {
    code: spec.code,
    system: spec.system ?? systemOf(spec.code),
    title: `title of ${spec.code}`,
    confidence: spec.confidence ?? 0.9,
    evidence: [{ start, end, text: spec.words, ...(section ? { section } : {}) }],
    assertion: 'present',
    ...(section ? { section } : {}),
    reasons: [],
  };
}

/** The claim input of a note: its suggestions (and bundled codes) as the pipeline would give them. */
export function claimInput(
  text: string,
  specs: readonly Spec[],
  options: BillingOptions & { suppressed?: readonly (Spec & { reason: string })[] } = {},
): ClaimInput {
  const suppressed: Suppressed[] = (options.suppressed ?? []).map((s) => ({
    ...suggestion(text, s),
    reason: s.reason,
  }));
  return {
    text,
    sections: detectSections(text),
    setting: 'outpatient',
    suggestions: specs.map((s) => suggestion(text, s)),
    suppressed,
    component: options.component ?? 'professional',
    componentAsked: options.component !== undefined,
    distinct: options.distinct ?? 'x',
    ...(options.dateOfService === undefined ? {} : { dateOfService: options.dateOfService }),
  };
}
