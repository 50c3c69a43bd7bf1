import type { Candidate } from '../candidate.js';
import type { Associations } from '../learned/learned-model.js';
import { readSpan, type TagResult } from '../tagger/tag-result.js';

/** Names of the scorer's features, in vector order. */
export const FEATURES = [
  'dict',
  'dictIndex',
  'dictTitle',
  'dictSynonym',
  'dictCount',
  'dictLength',
  'subsumed',
  'learnedMax',
  'learnedOr',
  'learnedSupport',
  'learnedCount',
  'prior',
  'guessed',
  'symptom',
  'onlyLearned',
  'mentions',
  'docMax',
  'docOr',
  'sibling',
  'codeReliability',
  'categoryReliability',
] as const;

/** Smoothed share of right candidates, as log-odds (0 when nothing is known). */
export function reliabilityFeature(
  right: number,
  proposed: number,
  base = 0.15,
  strength = 5,
): number {
  const p = (right + base * strength) / (proposed + strength);
  return Math.log(p / (1 - p)) - Math.log(base / (1 - base));
}

const SOURCE_WEIGHT: Readonly<Record<string, number>> = {
  index: 1,
  synonym: 1,
  title: 0.9,
  inclusion: 0.9,
  neoplasm: 0.85,
};

const categoryCache = new WeakMap<object, Map<string, [number, number]>>();

function codeReliability(associations: Associations | undefined, code: string): number {
  const value = associations?.reliability?.[code];
  return value === undefined ? 0 : reliabilityFeature(value[0], value[1]);
}

function categoryReliability(associations: Associations | undefined, code: string): number {
  const table = associations?.reliability;
  if (table === undefined) {
    return 0;
  }
  let byCategory = categoryCache.get(table);
  if (byCategory === undefined) {
    byCategory = new Map();
    for (const [key, [right, proposed]] of Object.entries(table)) {
      const category = key.slice(0, 3);
      const sum = byCategory.get(category) ?? [0, 0];
      byCategory.set(category, [sum[0] + right, sum[1] + proposed]);
    }
    categoryCache.set(table, byCategory);
  }
  const value = byCategory.get(code.slice(0, 3));
  return value === undefined ? 0 : reliabilityFeature(value[0], value[1]);
}

/** A code's features that depend on the associations only: its prior and its two reliabilities. */
type CodeFeatures = readonly [prior: number, code: number, category: number];
const codeFeatureCache = new WeakMap<Associations, Map<string, CodeFeatures>>();
/** Codes remembered per set of associations (the code set bounds them; this bounds made-up codes). */
const CODE_FEATURES_LIMIT = 200_000;
const NO_ASSOCIATIONS: CodeFeatures = [0, 0, 0];

/** {@link CodeFeatures} of a code, worked out once per set of associations and code. */
function codeFeatures(associations: Associations | undefined, code: string): CodeFeatures {
  if (associations === undefined) {
    return NO_ASSOCIATIONS;
  }
  let byCode = codeFeatureCache.get(associations);
  if (byCode === undefined) {
    byCode = new Map();
    codeFeatureCache.set(associations, byCode);
  }
  let made = byCode.get(code);
  if (made === undefined) {
    const docs = associations.codeDocs[code] ?? 0;
    const total = associations.documents;
    made = [
      total === 0 ? 0 : Math.log((docs + 1) / (total + 2)) / 3 + 1,
      codeReliability(associations, code),
      categoryReliability(associations, code),
    ];
    if (byCode.size < CODE_FEATURES_LIMIT) {
      byCode.set(code, made);
    }
  }
  return made;
}

/**
 * The feature vector of an ICD-10-CM candidate: dictionary match quality and source, learned
 * association strength, the code's training prior, specificity guesses. One pass over the mentions
 * (the same values, in the same order of evaluation, as filtering them to the dictionary's first).
 * @param associations - for the code prior; absent → prior 0
 */
export function candidateFeatures(c: Candidate, associations: Associations | undefined): number[] {
  let best = 0;
  let count = 0;
  let index = 0;
  let title = 0;
  let inclusion = 0;
  let synonym = 0;
  let longest = 0;
  let allSubsumed = true;
  const firsts: number[] = [];
  for (const m of c.mentions) {
    if (!firsts.includes(m.first)) {
      firsts.push(m.first);
    }
    const weight = SOURCE_WEIGHT[m.source];
    if (weight === undefined) {
      continue;
    }
    count++;
    best = Math.max(best, m.quality * weight);
    longest = Math.max(longest, m.length);
    allSubsumed &&= m.subsumed === true;
    if (m.source === 'index') {
      index = 1;
    } else if (m.source === 'title') {
      title = 1;
    } else if (m.source === 'inclusion') {
      inclusion = 1;
    } else if (m.source === 'synonym') {
      synonym = 1;
    }
  }
  const [prior, codeReliable, categoryReliable] = codeFeatures(associations, c.code);
  return [
    best,
    index,
    Math.max(title, inclusion),
    synonym,
    Math.log1p(count),
    longest / 4,
    count > 0 && allSubsumed ? 1 : 0,
    c.learnedMax,
    c.learnedOr,
    Math.log1p(c.learnedSupport) / 3,
    Math.log1p(c.learnedCount),
    prior,
    c.guessed ? 1 : 0,
    c.code.startsWith('R') ? 1 : 0,
    count === 0 ? 1 : 0,
    Math.log1p(firsts.length),
    c.docMax,
    c.docOr,
    // "sibling" (a training-frequent code of the same category, proposed beside a found code): no
    // longer proposed, always 0; kept so fitted models keep their feature order.
    0,
    codeReliable,
    categoryReliable,
  ];
}

/** Features the ONNX tagger adds when it is on (after {@link FEATURES} for training rows; after the plain log-odds in the stacked scorer). */
export const TAGGER_FEATURES = [
  'taggerMention',
  'taggerMeanMention',
  'taggerPresent',
  'taggerAbsent',
  'taggerPossible',
  'taggerOnly',
] as const;

/**
 * The tagger's reading of a candidate's evidence: how likely a coder codes the words (best and mean
 * over its mentions) and the assertion probabilities at the best mention.
 * @param tags - the tagger's output for the note
 */
export function taggerFeatures(c: Candidate, tags: TagResult): number[] {
  let best = -1;
  let sum = 0;
  let n = 0;
  let assertion: readonly number[] = [1, 0, 0];
  const seen = new Set<number>();
  for (const m of c.mentions) {
    const key = m.evidence.start * 65_536 + (m.evidence.end - m.evidence.start);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const reading = readSpan(tags, m.evidence.start, m.evidence.end);
    if (reading === undefined) {
      continue;
    }
    sum += reading.mention;
    n++;
    if (reading.mention > best) {
      best = reading.mention;
      assertion = reading.assertion;
    }
  }
  return [
    Math.max(0, best),
    n === 0 ? 0 : sum / n,
    assertion[0] ?? 0,
    assertion[1] ?? 0,
    assertion[2] ?? 0,
    c.mentions.length > 0 && c.mentions.every((m) => m.source === 'tagger') ? 1 : 0,
  ];
}
