import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult, Note, Setting, Suggestion } from '../../core/types.js';
import { detectSections } from '../../text/sections.js';
import { scoreBoosted } from '../scorer/score.js';
import type { SelectionModel } from './selection-model.js';
import {
  SELECTION_FEATURES,
  sectionClass,
  selectionFeatures,
  type SectionClass,
} from './selection-features.js';

/** Re-scores a billing result's ICD-10-CM suggestions as a US coder selects them. */
export type Selection = (
  result: DetectResult,
  note: Note,
  setting: Setting,
  operating: number,
) => DetectResult;

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

/**
 * Creates the selection stage: each ICD-10-CM suggestion gets the probability that a US coder reports
 * it, mapped so that the setting's own threshold lands on the operating threshold every caller uses
 * (`logit p' = logit p − logit t_setting + logit t_operating`: the ranking within a setting is the
 * model's, one cut-off serves both settings). CPT and HCPCS suggestions pass through.
 * @param model - the fitted selection model
 * @param codeSet - the loaded code set (titles)
 */
export function createSelection(model: SelectionModel, codeSet: CodeSet): Selection {
  if (model.features.join('|') !== SELECTION_FEATURES.join('|')) {
    throw new Error(
      'the selection model was fitted on other features: refit it with `notecoder train-selection`',
    );
  }
  return (result, note, setting, operating) => {
    const icd = result.suggestions.filter((s) => s.system === 'ICD-10-CM');
    if (icd.length === 0) {
      return result;
    }
    const sections = detectSections(note.text);
    const x = selectionFeatures(icd, { text: note.text, sections, setting, operating, codeSet });
    const shift = logit(operating) - logit(model.thresholds[setting]);
    const rescored = new Map<Suggestion, Suggestion>();
    icd.forEach((s, i) => {
      const p = scoreBoosted(x[i] ?? [], model.trees);
      const where = [...new Set(s.evidence.map((e) => sectionClass(e.section)))]
        .map((c) => SECTION_WORDS[c])
        .join('; ');
      rescored.set(s, {
        ...s,
        confidence: Math.round(sigmoid(logit(p) + shift) * 1000) / 1000,
        reasons: [...s.reasons, `selected as a US coder would: found in ${where}`],
      });
    });
    const suggestions = result.suggestions
      .map((s) => rescored.get(s) ?? s)
      .sort((a, b) => b.confidence - a.confidence);
    return {
      ...result,
      suggestions,
      versions: { ...result.versions, selection: model.version },
    };
  };
}
