import type { Assertion } from '../core/types.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { EvidencedDoc } from './codiesp-evidence.js';

/** Mention classes of the tagger's BIO head. */
export type MentionType = 'PROBLEM' | 'SYMPTOM' | 'PROCEDURE';

/**
 * Where the tagger's mention labels come from: `silver` — the pipeline's own mentions of codes whose
 * category the coders coded (the shipped model's recipe); `evidence` — the English words that translate
 * the coders' Spanish evidence of each gold code (`EvidencedDoc.spans`).
 */
export type MentionLabels = 'silver' | 'evidence';

/** A training note with labels for the tagger. */
export interface SilverDoc {
  readonly id: string;
  readonly text: string;
  /** Spans a coder coded (see {@link MentionLabels}); CPT trigger mentions read as done are PROCEDURE. */
  readonly mentions: readonly { start: number; end: number; type: MentionType }[];
  /** Every candidate mention of the pipeline with the context analyzer's assertion. */
  readonly assertions: readonly { start: number; end: number; assertion: Assertion }[];
  /** The gold codes each evidence span stands for (labels of the experimental code head). */
  readonly codes: readonly { start: number; end: number; codes: readonly string[] }[];
}

type Span = { readonly start: number; readonly end: number };

const byStart = (a: Span, b: Span): number => a.start - b.start || b.end - a.end;

const typeOf = (code: string): MentionType => (code.startsWith('R') ? 'SYMPTOM' : 'PROBLEM');

/**
 * Labels for one CodiEsp training note. Assertions always come from the pipeline's context analyzer on
 * its candidate mentions; mentions from the pipeline (`silver`) or from the coders' evidence
 * (`evidence`), see {@link MentionLabels}.
 * @param pipeline - the pipeline (dictionary, context and learned associations)
 * @param doc - a CodiEsp **train** note with its gold codes and evidence
 */
export function silverDoc(
  pipeline: Pipeline,
  doc: EvidencedDoc,
  labels: MentionLabels = 'silver',
): SilverDoc {
  const goldCategories = new Set(doc.gold.map((g) => g.slice(0, 3)));
  const mentions = new Map<string, { start: number; end: number; type: MentionType }>();
  const codes = new Map<string, { start: number; end: number; codes: Set<string> }>();
  for (const [code, spans] of [...doc.spans].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const { start, end } of spans) {
      const key = `${start}:${end}`;
      const entry = codes.get(key) ?? { start, end, codes: new Set<string>() };
      entry.codes.add(code);
      codes.set(key, entry);
      if (labels === 'evidence' && (!mentions.has(key) || !code.startsWith('R'))) {
        mentions.set(key, { start, end, type: typeOf(code) });
      }
    }
  }
  const assertions = new Map<string, { start: number; end: number; assertion: Assertion }>();
  for (const c of pipeline.mentions({ id: doc.id, text: doc.text, setting: 'inpatient' })) {
    for (const m of c.mentions) {
      if (m.end <= m.start || m.source === 'learned-doc') {
        continue;
      }
      const key = `${m.start}:${m.end}`;
      assertions.set(key, { start: m.start, end: m.end, assertion: m.assertion });
      const coded =
        c.system === 'ICD-10-CM'
          ? labels === 'silver' && goldCategories.has(c.code.slice(0, 3))
          : m.source === 'cpt-trigger' && m.assertion === 'present';
      if (coded && !mentions.has(key)) {
        const type = c.system === 'ICD-10-CM' ? typeOf(c.code) : 'PROCEDURE';
        mentions.set(key, { start: m.start, end: m.end, type });
      }
    }
  }
  return {
    id: doc.id,
    text: doc.text,
    mentions: [...mentions.values()].sort(byStart),
    assertions: [...assertions.values()].sort(byStart),
    codes: [...codes.values()]
      .map((e) => ({ start: e.start, end: e.end, codes: [...e.codes].sort() }))
      .sort(byStart),
  };
}
