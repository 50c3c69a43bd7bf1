import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CodeSet } from '../codes/code-set.js';
import { readTsv, type TsvRow } from '../codes/read-tsv.js';
import { createError } from '../core/errors.js';
import { wordTokens } from '../core/term-key.js';
import type { ContextTrigger } from './context/context-analyzer.js';
import { phrasePattern, type ReportSignature } from './cpt/report-signatures.js';
import { parseBillingFacts, type BillingFacts } from './claim/billing-facts.js';
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

/** Reads one lexicon file's rows; `invalid(row, why)` is the error for a row with a bad value. */
interface LexiconFile {
  readonly rows: TsvRow[];
  invalid(row: TsvRow, message: string): Error;
}

/** A reader of the lexicon folder's TSV files. */
type ReadLexicon = (name: string, required: string[]) => LexiconFile;

function lexiconReader(lexiconDir: string): ReadLexicon {
  return (name, required) => {
    const file = join(lexiconDir, name);
    return {
      rows: readTsv(readFileSync(file, 'utf8'), file, 'LEXICON_INVALID', required),
      invalid: (row, message) => createError('LEXICON_INVALID', message, { file, line: row.line }),
    };
  };
}

function readTriggers(read: ReadLexicon): ContextTrigger[] {
  const triggers = read('context-triggers.tsv', ['phrase', 'category', 'direction']);
  return triggers.rows.map((row) => {
    const category = CATEGORY[row.cells.category ?? ''];
    const direction = row.cells.direction;
    if (
      category === undefined ||
      (direction !== 'pre' && direction !== 'post' && direction !== 'both')
    ) {
      throw triggers.invalid(row, 'unknown category or direction');
    }
    return { tokens: wordTokens(row.cells.phrase ?? ''), category, direction };
  });
}

function readAbbreviations(read: ReadLexicon): Abbreviation[] {
  return read('abbreviations.tsv', ['abbreviation', 'expansion']).rows.map((row) => ({
    abbreviation: (row.cells.abbreviation ?? '').toLowerCase().replace(/[^a-z0-9]/g, ''),
    expansion: [row.cells.expansion ?? ''],
    requires: list(row.cells.requires),
  }));
}

function readVariants(read: ReadLexicon): Map<string, string[]> {
  return new Map<string, string[]>(
    read('word-variants.tsv', ['word', 'variants']).rows.map((row) => [
      (row.cells.word ?? '').toLowerCase(),
      list(row.cells.variants),
    ]),
  );
}

function readCptRules(read: ReadLexicon): GuidelineData['cptRules'] {
  const rules = read('cpt-rules.tsv', ['rule', 'code', 'other']);
  return rules.rows.map((row) => {
    const rule = row.cells.rule;
    if (rule !== 'bundle' && rule !== 'upgrade' && rule !== 'admin' && rule !== 'with') {
      throw rules.invalid(row, `unknown rule "${rule ?? ''}"`);
    }
    return {
      rule,
      code: row.cells.code ?? '',
      other: list(row.cells.other),
      words: list(row.cells.words),
    };
  });
}

function readPostProcessing(read: ReadLexicon): GuidelineData['postProcessing'] {
  const table = read('cpt-post-processing.tsv', ['code', 'role']);
  const angiography = new Set<string>();
  const rendering = new Set<string>();
  for (const row of table.rows) {
    const role = row.cells.role;
    if (role !== 'angiography' && role !== 'rendering') {
      throw table.invalid(row, `unknown role "${role ?? ''}"`);
    }
    (role === 'angiography' ? angiography : rendering).add(row.cells.code ?? '');
  }
  return { angiography, rendering };
}

function readCptReports(read: ReadLexicon): ReportSignature[] {
  const table = read('cpt-reports.tsv', ['code', 'all']);
  return table.rows.map((row) => {
    const all = (row.cells.all ?? '').split(';').map(list);
    if (all.length === 0 || all.some((g) => g.length === 0)) {
      throw table.invalid(row, 'every group of "all" needs a phrase');
    }
    return {
      code: row.cells.code ?? '',
      all: all.map((g) => g.map(phrasePattern)),
      none: list(row.cells.none).map(phrasePattern),
      note: row.cells.note ?? '',
    };
  });
}

/** The guideline rules' tables, one file per rule family's data. */
function readGuidelines(read: ReadLexicon, lexiconDir: string): GuidelineData {
  return {
    history: read('history-codes.tsv', ['assertion', 'prefixes', 'target']).rows.map((row) => ({
      assertion: row.cells.assertion === 'family' ? 'family' : 'historical',
      prefixes: list(row.cells.prefixes),
      target: row.cells.target ?? '',
    })),
    chronic: read('chronic-conditions.tsv', ['prefix']).rows.map((row) => row.cells.prefix ?? ''),
    combinations: read('combination-codes.tsv', ['when', 'add', 'suppress']).rows.map((row) => ({
      when: (row.cells.when ?? '').split('+').map(list),
      add: row.cells.add ?? '',
      suppress: list(row.cells.suppress),
      note: row.cells.note ?? '',
      billingOnly: row.cells.rules === 'billing' || row.cells.rules === 'selected',
      afterSelection: row.cells.rules === 'selected',
    })),
    integral: read('integral-symptoms.tsv', ['symptom', 'diagnoses']).rows.map((row) => ({
      symptom: row.cells.symptom ?? '',
      diagnoses: list(row.cells.diagnoses),
    })),
    cptRules: readCptRules(read),
    postProcessing: readPostProcessing(read),
    reports: readCptReports(read),
    em: parseEmKnowledge(
      (name, required) => read(name, required).rows,
      (name) => join(lexiconDir, name),
    ),
  };
}

function readServices(read: ReadLexicon): Knowledge['services'] {
  const services = {
    words: new Set<string>(),
    results: new Set<string>(),
    before: new Set<string>(),
  };
  const table = read('service-words.tsv', ['word', 'role']);
  for (const row of table.rows) {
    const role = row.cells.role;
    if (role !== 'service' && role !== 'result' && role !== 'before') {
      throw table.invalid(row, `unknown role "${role ?? ''}"`);
    }
    const into =
      role === 'service' ? services.words : role === 'result' ? services.results : services.before;
    into.add((row.cells.word ?? '').toLowerCase());
  }
  return services;
}

function readBilling(read: ReadLexicon): BillingFacts {
  const table = read('cpt-billing.tsv', ['code', 'pctc', 'global', 'bilateral']);
  return parseBillingFacts(table.rows, (row, message) => table.invalid(row, message));
}

/** The learned model, checked for its shape; undefined when the file is absent. */
function readLearned(learnedFile: string | undefined): LearnedModel | undefined {
  if (learnedFile === undefined || !existsSync(learnedFile)) {
    return undefined;
  }
  let learned: LearnedModel;
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
  return learned;
}

/**
 * Loads the team lexicons and (when present) the learned model. This is the one pipeline module that
 * reads files; `createPipeline(knowledge).detect` never does.
 * @param codeSet - the loaded code set
 * @param lexiconDir - `dictionaries/lexicon`
 * @param learnedFile - `dictionaries/learned/model.json`; missing → dictionary and rules only
 * @param options - `selection: false` leaves the selection model beside it unread (fitting a new one)
 * @throws NotecoderError LEXICON_INVALID or MODEL_INVALID naming the file
 */
export function loadKnowledge(
  codeSet: CodeSet,
  lexiconDir: string,
  learnedFile?: string,
  options: { readonly selection?: boolean } = {},
): Knowledge {
  const read = lexiconReader(lexiconDir);
  const lexicons = {
    codeSet,
    triggers: readTriggers(read),
    abbreviations: readAbbreviations(read),
    variants: readVariants(read),
    guidelines: readGuidelines(read, lexiconDir),
    services: readServices(read),
    billing: readBilling(read),
  };
  const learned = readLearned(learnedFile);
  const selection =
    learnedFile === undefined || options.selection === false
      ? undefined
      : loadSelection(join(dirname(learnedFile), 'selection.json'));
  return {
    ...lexicons,
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
    typeof model.thresholds.inpatient !== 'number' ||
    typeof model.reliability !== 'object'
  ) {
    throw createError(
      'MODEL_INVALID',
      'not a notecoder selection model: refit it with `notecoder train-selection`',
      { file },
    );
  }
  return model as SelectionModel;
}
