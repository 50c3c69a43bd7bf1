import type { CodeSet } from '../../codes/code-set.js';
import { tokenSpans } from '../../core/term-key.js';
import type {
  CodeSystem,
  DetectResult,
  Detector,
  Evidence,
  Note,
  Suggestion,
} from '../../core/types.js';
import { resultVersions } from '../result-versions.js';

interface Phrase {
  readonly tokens: readonly string[];
  readonly system: CodeSystem;
  readonly code: string;
}

/**
 * The baseline to beat: a code is proposed wherever one of its titles or inclusion terms appears in
 * the note word for word (case-insensitive, nonessential modifiers in parentheses dropped), with
 * confidence 1.0 and no context: "no evidence of pneumonia" yields J18.9's neighbours as readily as
 * "pneumonia". It exists so every later change is measured against something simple.
 * @param codeSet - the loaded code set
 */
export function createBaselineDetector(codeSet: CodeSet): Detector {
  // Phrases keyed by their first two tokens (one-word phrases by their only token): candidate lists
  // stay short, so a note costs one map lookup per token.
  const byHead = new Map<string, Phrase[]>();
  const titles = new Map<string, string>();
  for (const term of codeSet.terms()) {
    const tokens = tokenSpans(term.text.replace(/\([^()]*\)/g, ' ')).map((span) => span.token);
    if (tokens.length === 0) {
      continue;
    }
    if (term.kind === 'title') {
      titles.set(`${term.system}|${term.code}`, term.text);
    }
    const head = tokens.length === 1 ? (tokens[0] ?? '') : `${tokens[0] ?? ''} ${tokens[1] ?? ''}`;
    const list = byHead.get(head) ?? [];
    list.push({ tokens, system: term.system, code: term.code });
    byHead.set(head, list);
  }
  const name = 'baseline';
  return {
    name,
    detect(note: Note): DetectResult {
      const spans = tokenSpans(note.text);
      const found = new Map<string, { system: CodeSystem; code: string; evidence: Evidence[] }>();
      for (let i = 0; i < spans.length; i++) {
        const first = spans[i]?.token ?? '';
        const candidates = [
          ...(byHead.get(first) ?? []),
          ...(byHead.get(`${first} ${spans[i + 1]?.token ?? ''}`) ?? []),
        ];
        for (const phrase of candidates) {
          if (!phrase.tokens.every((token, k) => spans[i + k]?.token === token)) {
            continue;
          }
          const start = spans[i]?.start ?? 0;
          const end = spans[i + phrase.tokens.length - 1]?.end ?? start;
          const key = `${phrase.system}|${phrase.code}`;
          const hit = found.get(key) ?? { system: phrase.system, code: phrase.code, evidence: [] };
          if (!hit.evidence.some((e) => e.start === start && e.end === end)) {
            hit.evidence.push({ start, end, text: note.text.slice(start, end) });
          }
          found.set(key, hit);
        }
      }
      const suggestions: Suggestion[] = [...found.entries()].map(([key, hit]) => ({
        code: hit.code,
        system: hit.system,
        title: titles.get(key) ?? '',
        confidence: 1,
        evidence: hit.evidence,
        assertion: 'present',
        reasons: [
          'title or inclusion term found word for word (baseline: no context, no specificity)',
        ],
      }));
      return {
        noteId: note.id,
        suggestions,
        suppressed: [],
        ...resultVersions(codeSet.versions, name),
      };
    },
  };
}
