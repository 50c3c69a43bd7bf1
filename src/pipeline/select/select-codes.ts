import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Note, Setting, Suggestion, Suppressed } from '../../core/types.js';
import { detectSections, type SectionSpan } from '../../text/sections.js';
import type { ContextTrigger } from '../context/context-analyzer.js';
import { createContextAnalyzer } from '../context/context-analyzer.js';
import { specificOverNos } from '../rules/specific-over-nos.js';
import { prepareBoostedRows, scoreBoostedAll } from '../scorer/score-rows.js';
import { diagnosisStatements } from './diagnosis-statements.js';
import { sidedSuggestion } from './lateral-codes.js';
import type { SelectionModel } from './selection-model.js';
import {
  SELECTION_FEATURES,
  sectionClass,
  learnedOnly,
  selectionFeatures,
  type SectionClass,
  type SelectionContext,
} from './selection-features.js';

/** Re-scores a billing result's ICD-10-CM suggestions as a US coder selects them. */
export type Selection = (
  result: DetectResult,
  note: Note,
  setting: Setting,
  operating: number,
  /** The note's sections, when already found (the pipeline's sections stage). */
  sections?: readonly SectionSpan[],
) => DetectResult;

/**
 * Rules a coder may overrule on reading the note: the selection sees these candidates again (a
 * negated, uncertain or hypothetical one never comes back). The loser of an Excludes1 pair is among
 * them, unless only learned associations found it: the rules judged the pair on first-stage scores,
 * and the selection, which knows it lost (`source:excludes1`), weighs both again; of a pair it then
 * reports both of, the more probable stays (`selectedExcludes1`).
 */
const SOFT_REASONS = new Set([
  'integral-symptom',
  'less-specific',
  'personal-history',
  'excludes1-conflict',
]);
/** Drops a diagnosis statement does not undo: the code is part of a combination or excluded beside another. */
const REPLACED_REASONS = new Set(['combination-code']);

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Section classes in the words a coder reads. */
const SECTION_WORDS: Readonly<Record<SectionClass, string>> = {
  dx: 'a diagnosis statement (assessment, impression, postoperative or discharge diagnosis)',
  preop: 'the preoperative diagnosis',
  admission: 'the admission diagnosis',
  complaint: 'the reason for the visit',
  indication: 'the indication',
  hpi: 'the history of present illness',
  history: 'the past history',
  ros: 'the review of systems',
  exam: 'the examination',
  findings: 'findings or results',
  plan: 'the plan',
  course: 'the hospital course',
  'family-social': 'the family or social history',
  medications: 'the medication list',
  procedure: 'the procedure description',
  title: 'the title',
  other: 'another section',
  none: 'text outside any section',
};

/** Sections of a diagnostic report's interpretation. */
const REPORT_CLASSES: ReadonlySet<SectionClass> = new Set(['findings', 'dx']);

/**
 * Whether the note is the report of a diagnostic test — findings or an impression, and none of an
 * encounter's history, examination or assessment — as imaging and other diagnostic reports are.
 */
function diagnosticReport(sections: readonly SectionSpan[]): boolean {
  const names = new Set(sections.map((s) => s.name));
  return (
    (names.has('findings') || names.has('impression')) &&
    !['hpi', 'exam', 'ros', 'assessment', 'pmh', 'postoperative diagnosis'].some((n) =>
      names.has(n as SectionSpan['name']),
    )
  );
}

/** A candidate of the selection: a suggestion, a softly suppressed one, or a diagnosis statement. */
export interface SelectionCandidate {
  readonly suggestion: Suggestion;
  readonly suppressed?: Suppressed;
  readonly statement?: number;
}

/**
 * Where each candidate came from, as the selection features read it: softly suppressed (and whether
 * as the loser of an Excludes1 pair), a diagnosis statement with its search score.
 */
export function candidateSources(
  candidates: readonly SelectionCandidate[],
): NonNullable<SelectionContext['sources']> {
  return candidates.map((c) => ({
    suppressed: c.suppressed !== undefined,
    ...(c.suppressed?.reason === 'excludes1-conflict' ? { excluded: true } : {}),
    ...(c.statement === undefined ? {} : { statement: c.statement }),
  }));
}

/**
 * The candidates the selection weighs for a note: the first stage's ICD-10-CM suggestions, the ones
 * its rules dropped for a reason a coder may overrule, and the codes the note's diagnosis statements
 * read as (see {@link diagnosisStatements}) that nothing else proposed.
 */
export function selectionCandidates(
  result: DetectResult,
  text: string,
  setting: Setting,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  analyze: ReturnType<typeof createContextAnalyzer>,
): SelectionCandidate[] {
  const out: SelectionCandidate[] = result.suggestions
    .filter((s) => s.system === 'ICD-10-CM')
    .map((suggestion) => ({ suggestion }));
  const byCode = new Map(out.map((c) => [c.suggestion.code, c]));
  for (const s of result.suppressed) {
    if (
      s.system === 'ICD-10-CM' &&
      SOFT_REASONS.has(s.reason) &&
      !byCode.has(s.code) &&
      // A co-occurrence guess that lost an Excludes1 pair to the note's own words stays lost.
      !(s.reason === 'excludes1-conflict' && learnedOnly(s))
    ) {
      const c = { suggestion: s, suppressed: s };
      out.push(c);
      byCode.set(s.code, c);
    }
  }
  const replaced = new Set(
    result.suppressed.filter((s) => REPLACED_REASONS.has(s.reason)).map((s) => s.code),
  );
  for (const st of diagnosisStatements(text, sections, codeSet, analyze)) {
    const known = byCode.get(st.code);
    if (known === undefined && replaced.has(st.code)) {
      continue;
    }
    if (known !== undefined) {
      const i = out.indexOf(known);
      const merged = { ...known, statement: Math.max(known.statement ?? 0, st.score) };
      out[i] = merged;
      byCode.set(st.code, merged);
      continue;
    }
    // Uncertain diagnoses are coded as established in inpatient notes only (guidelines II.H, IV.H).
    if (st.assertion !== 'present' && !(st.assertion === 'possible' && setting === 'inpatient')) {
      continue;
    }
    const c: SelectionCandidate = {
      suggestion: {
        code: st.code,
        system: 'ICD-10-CM',
        title: st.title,
        confidence: 0.02,
        evidence: [st.evidence],
        assertion: st.assertion,
        ...(st.evidence.section === undefined ? {} : { section: st.evidence.section }),
        reasons: [`diagnosis statement "${st.evidence.text}" read as "${st.matched}"`],
      },
      statement: st.score,
    };
    out.push(c);
    byCode.set(st.code, c);
  }
  return out;
}

/**
 * Creates the selection stage: each ICD-10-CM candidate gets the probability that a US coder reports
 * it, mapped so that the setting's own threshold lands on the operating threshold every caller uses
 * (`logit p' = logit p − logit t_setting + logit t_operating`: the ranking within a setting is the
 * model's, one cut-off serves both settings). A softly suppressed candidate the selection puts at or
 * above the threshold is suggested again, with the rule it overrules named. CPT and HCPCS pass through.
 * @param model - the fitted selection model
 * @param codeSet - the loaded code set
 * @param triggers - the context lexicon (the assertion of diagnosis statements)
 */
export function createSelection(
  model: SelectionModel,
  codeSet: CodeSet,
  triggers: readonly ContextTrigger[],
): Selection {
  if (model.features.join('|') !== SELECTION_FEATURES.join('|')) {
    throw new Error(
      'the selection model was fitted on other features: refit it with `notecoder train-selection`',
    );
  }
  const analyze = createContextAnalyzer(triggers);
  prepareBoostedRows(model.trees);
  return (result, note, setting, operating, known) => {
    const sections = known ?? detectSections(note.text);
    const { candidates, unsided } = sidedCandidates(
      selectionCandidates(result, note.text, setting, sections, codeSet, analyze),
      note.text,
      codeSet,
    );
    if (candidates.length === 0) {
      return result;
    }
    const x = selectionFeatures(
      candidates.map((c) => c.suggestion),
      {
        text: note.text,
        sections,
        setting,
        operating,
        codeSet,
        reliability: model.reliability,
        sources: candidateSources(candidates),
      },
    );
    const shift = logit(operating) - logit(model.thresholds[setting]);
    const report = diagnosticReport(sections);
    const kept: Suggestion[] = result.suggestions.filter((s) => s.system !== 'ICD-10-CM');
    const restored = new Set<Suppressed>();
    // Every candidate's trees together (the same probabilities as one by one, see scoreBoostedAll).
    const probabilities = scoreBoostedAll(
      candidates.map((_, i) => x[i] ?? []),
      model.trees,
    );
    candidates.forEach((c, i) => {
      const p = sigmoid(logit(probabilities[i] ?? 0) + shift);
      const rescored = rescore(c, p, report, operating);
      if (rescored !== undefined) {
        kept.push(rescored);
        if (c.suppressed !== undefined) {
          restored.add(c.suppressed);
        }
      }
    });
    const specific = specificOverNos(kept, operating, (code) =>
      oneCondition(codeSet.get(code.slice(0, 3), 'ICD-10-CM')?.title),
    );
    const lessSpecific: Suppressed[] = specific.replaced.map(({ suggestion, by }) => ({
      ...suggestion,
      reason: 'less-specific',
      reasons: [
        `${by.code} ${by.title} is more specific: its words hold these`,
        ...suggestion.reasons,
      ],
    }));
    return {
      ...result,
      suggestions: specific.kept.sort((a, b) => b.confidence - a.confidence),
      suppressed: [
        ...result.suppressed.filter((s) => !restored.has(s)),
        ...unsided,
        ...lessSpecific,
      ].sort((a, b) => b.confidence - a.confidence),
      versions: { ...result.versions, selection: model.version },
    };
  };
}

/**
 * The candidates with the side the note names (guideline I.B.13, see {@link sidedSuggestion}): a
 * candidate whose code leaves the side unspecified is weighed as its right, left or bilateral sibling,
 * so the selection scores the code a coder would report ("osteoarthritis of the knees" is M17.0, which
 * coders report, not M17.9, which they rarely do). A sibling already among the candidates stays as it
 * is. The unspecified codes a suggestion had are listed as suppressed (`less-specific`).
 */
export function sidedCandidates(
  candidates: readonly SelectionCandidate[],
  text: string,
  codeSet: CodeSet,
): { candidates: SelectionCandidate[]; unsided: Suppressed[] } {
  const procedure = {};
  const codes = new Set(candidates.map((c) => c.suggestion.code));
  const unsided: Suppressed[] = [];
  const out = candidates.map((c) => {
    const sided = sidedSuggestion(c.suggestion, text, codeSet, procedure);
    if (sided === undefined || codes.has(sided.code)) {
      return c;
    }
    codes.add(sided.code);
    if (c.suppressed === undefined && c.statement === undefined) {
      unsided.push({
        ...c.suggestion,
        reason: 'less-specific',
        reasons: [...c.suggestion.reasons, `the note names the side: ${sided.code}`],
      });
    }
    return { ...c, suggestion: sided };
  });
  return { candidates: out, unsided };
}

/**
 * A candidate as the selection suggests it, with probability `p` and why; undefined for a softly
 * suppressed candidate that stays below the operating threshold (it stays suppressed).
 */
function rescore(
  c: SelectionCandidate,
  p: number,
  report: boolean,
  operating: number,
): Suggestion | undefined {
  const s = c.suggestion;
  // The interpretation of a diagnostic test: its confirmed findings are coded (guideline IV.K),
  // whether the impression repeats them or not.
  const finding =
    report &&
    c.suppressed === undefined &&
    s.evidence.some((e) => REPORT_CLASSES.has(sectionClass(e.section)));
  const confidence = Math.round((finding ? Math.max(p, s.confidence) : p) * 1000) / 1000;
  if (c.suppressed !== undefined && confidence < operating) {
    return undefined;
  }
  // The section classes of the evidence, each once, in their order.
  const classes: SectionClass[] = [];
  for (const e of s.evidence) {
    const cls = sectionClass(e.section);
    if (!classes.includes(cls)) {
      classes.push(cls);
    }
  }
  const where = classes.map((cls) => SECTION_WORDS[cls]).join('; ');
  const reasons = s.reasons.slice();
  reasons.push(`selected as a US coder would: found in ${where}`);
  if (c.suppressed !== undefined) {
    reasons.push(`kept although ${c.suppressed.reason}: the note supports it`);
  }
  // One literal per shape (no spread of small objects), keys in this order.
  const { code, system, title, evidence, assertion, section, modifiers } = s;
  if (section === undefined) {
    return modifiers === undefined
      ? { code, system, title, evidence, assertion, confidence, reasons }
      : { code, system, title, evidence, assertion, modifiers, confidence, reasons };
  }
  return modifiers === undefined
    ? { code, system, title, evidence, assertion, section, confidence, reasons }
    : { code, system, title, evidence, assertion, section, modifiers, confidence, reasons };
}

/**
 * A category title that names one condition ("Chronic kidney disease (CKD)"), not two joined ("Atrial
 * fibrillation and flutter": its flutter code is no kind of its fibrillation).
 */
function oneCondition(title: string | undefined): string | undefined {
  return title === undefined || /\band\b/i.test(title) ? undefined : title;
}
