import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CodeSet } from '../codes/code-set.js';
import { readTsv } from '../codes/read-tsv.js';
import { createError } from '../core/errors.js';
import { wordTokens } from '../core/term-key.js';
import type { ContextTrigger } from './context/context-analyzer.js';
import { parseEmKnowledge } from './cpt/em/parse-em-knowledge.js';
import type { Abbreviation, GuidelineData, Knowledge } from './knowledge.js';
import type { LearnedModel } from './learned/learned-model.js';
import type { SelectionModel } from './select/selection-model.js';

const CATEGORY: Readonly<Record<string, ContextTrigger['category']>> = {
  negated: 'absent',
  possible: 'possible',
  historical: 'historical',
  family: 'family',
  hypothetical: 'hypothetical',
  planned: 'planned',
  pseudo: 'pseudo',
  terminate: 'terminate',
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * Loads the team lexicons and (when present) the learned model. This is the one pipeline module that
 * reads files; `createPipeline(knowledge).detect` never does.
 * @param codeSet - the loaded code set
 * @param lexiconDir - `dictionaries/lexicon`
 * @param learnedFile - `dictionaries/learned/model.json`; missing → dictionary and rules only
 * @throws NotecoderError LEXICON_INVALID or MODEL_INVALID naming the file
 */
export function loadKnowledge(
  codeSet: CodeSet,
  lexiconDir: string,
  learnedFile?: string,
): Knowledge {
  const read = (name: string, required: string[]): ReturnType<typeof readTsv> => {
    const file = join(lexiconDir, name);
    return readTsv(readFileSync(file, 'utf8'), file, 'LEXICON_INVALID', required);
  };
  const triggers: ContextTrigger[] = read('context-triggers.tsv', [
    'phrase',
    'category',
    'direction',
  ]).map((row) => {
    const category = CATEGORY[row.cells.category ?? ''];
    const direction = row.cells.direction;
    if (
      category === undefined ||
      (direction !== 'pre' && direction !== 'post' && direction !== 'both')
    ) {
      throw createError('LEXICON_INVALID', 'unknown category or direction', {
        file: join(lexiconDir, 'context-triggers.tsv'),
        line: row.line,
      });
    }
    return { tokens: wordTokens(row.cells.phrase ?? ''), category, direction };
  });
  const abbreviations: Abbreviation[] = read('abbreviations.tsv', [
    'abbreviation',
    'expansion',
  ]).map((row) => ({
    abbreviation: (row.cells.abbreviation ?? '').toLowerCase().replace(/[^a-z0-9]/g, ''),
    expansion: [row.cells.expansion ?? ''],
    requires: list(row.cells.requires),
  }));
  const variants = new Map<string, string[]>(
    read('word-variants.tsv', ['word', 'variants']).map((row) => [
      (row.cells.word ?? '').toLowerCase(),
      list(row.cells.variants),
    ]),
  );
  const guidelines: GuidelineData = {
    history: read('history-codes.tsv', ['assertion', 'prefixes', 'target']).map((row) => ({
      assertion: row.cells.assertion === 'family' ? 'family' : 'historical',
      prefixes: list(row.cells.prefixes),
      target: row.cells.target ?? '',
    })),
    chronic: read('chronic-conditions.tsv', ['prefix']).map((row) => row.cells.prefix ?? ''),
    combinations: read('combination-codes.tsv', ['when', 'add', 'suppress']).map((row) => ({
      when: (row.cells.when ?? '').split('+').map(list),
      add: row.cells.add ?? '',
      suppress: list(row.cells.suppress),
      note: row.cells.note ?? '',
    })),
    integral: read('integral-symptoms.tsv', ['symptom', 'diagnoses']).map((row) => ({
      symptom: row.cells.symptom ?? '',
      diagnoses: list(row.cells.diagnoses),
    })),
    cptRules: read('cpt-rules.tsv', ['rule', 'code', 'other']).map((row) => {
      const rule = row.cells.rule;
      if (rule !== 'bundle' && rule !== 'upgrade' && rule !== 'admin') {
        throw createError('LEXICON_INVALID', `unknown rule "${rule ?? ''}"`, {
          file: join(lexiconDir, 'cpt-rules.tsv'),
          line: row.line,
        });
      }
      return {
        rule,
        code: row.cells.code ?? '',
        other: list(row.cells.other),
        words: list(row.cells.words),
      };
    }),
    em: parseEmKnowledge(read, (name) => join(lexiconDir, name)),
  };
  const services = { words: new Set<string>(), results: new Set<string>() };
  for (const row of read('service-words.tsv', ['word', 'role'])) {
    const role = row.cells.role;
    if (role !== 'service' && role !== 'result') {
      throw createError('LEXICON_INVALID', `unknown role "${role ?? ''}"`, {
        file: join(lexiconDir, 'service-words.tsv'),
        line: row.line,
      });
    }
    (role === 'service' ? services.words : services.results).add(
      (row.cells.word ?? '').toLowerCase(),
    );
  }
  let learned: LearnedModel | undefined;
  if (learnedFile !== undefined && existsSync(learnedFile)) {
    try {
      learned = JSON.parse(readFileSync(learnedFile, 'utf8')) as LearnedModel;
    } catch (err) {
      throw createError(
        'MODEL_INVALID',
        'not valid JSON: refit it with `notecoder train`',
        { file: learnedFile },
        err,
      );
    }
    const shape = learned as Partial<LearnedModel>;
    if (
      typeof shape.version !== 'string' ||
      typeof shape.associations !== 'object' ||
      typeof shape.scorer !== 'object'
    ) {
      throw createError(
        'MODEL_INVALID',
        'not a notecoder learned model: refit it with `notecoder train`',
        { file: learnedFile },
      );
    }
  }
  const selection =
    learnedFile === undefined
      ? undefined
      : loadSelection(join(dirname(learnedFile), 'selection.json'));
  return {
    codeSet,
    triggers,
    abbreviations,
    variants,
    guidelines,
    services,
    ...(learned ? { learned } : {}),
    ...(selection ? { selection } : {}),
  };
}

/** The selection model beside the learned model, when one was fitted (`notecoder train-selection`). */
function loadSelection(file: string): SelectionModel | undefined {
  if (!existsSync(file)) {
    return undefined;
  }
  let model: Partial<SelectionModel>;
  try {
    model = JSON.parse(readFileSync(file, 'utf8')) as Partial<SelectionModel>;
  } catch (err) {
    throw createError(
      'MODEL_INVALID',
      'not valid JSON: refit it with `notecoder train-selection`',
      { file },
      err,
    );
  }
  if (
    typeof model.version !== 'string' ||
    !Array.isArray(model.features) ||
    typeof model.trees !== 'object' ||
    typeof model.thresholds?.outpatient !== 'number' ||
    typeof model.thresholds.inpatient !== 'number'
  ) {
    throw createError(
      'MODEL_INVALID',
      'not a notecoder selection model: refit it with `notecoder train-selection`',
      { file },
    );
  }
  return model as SelectionModel;
}
