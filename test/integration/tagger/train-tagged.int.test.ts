import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCodiespEvidence, type EvidencedDoc } from '../../../src/learn/codiesp-evidence.js';
import { trainModel } from '../../../src/learn/train-model.js';
import type { Knowledge } from '../../../src/pipeline/knowledge.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { TAGGER_FEATURES } from '../../../src/pipeline/scorer/features.js';
import type { TagResult } from '../../../src/pipeline/tagger/tag-result.js';
import { loadTagger } from '../../../src/pipeline/tagger/tagger.js';
import { buildFixtureCodeSet } from '../../helpers/fixture-code-set.js';
import { LEXICON, ROOT, tempDir } from '../../helpers/fixtures.js';

/** Hand-made training notes in the CodiEsp layout (the English text doubles as the "Spanish" one). */
const NOTES: readonly (readonly [string, readonly string[]])[] = [
  ['A 60-year-old man with type 2 diabetes mellitus and hypertension.', ['e11.9', 'i10']],
  ['She has hypertension. No diabetes.', ['i10']],
  ['Type 2 diabetes mellitus with hyperglycemia. Blood pressure normal.', ['e11.65']],
  ['Chronic kidney disease stage 3 and hypertension were known.', ['n18.30', 'i10']],
  ['Fracture of the neck of the right femur after a fall.', ['s72.001a']],
  [
    'Known hypertension, treated. Type 2 diabetes mellitus without complications.',
    ['i10', 'e11.9'],
  ],
  ['Lung cancer with metastasis to the other lung.', ['c34.90']],
  ['Hypertension and chronic kidney disease, stage 3.', ['i10', 'n18.30']],
];

function writeSplit(dir: string): string {
  const split = join(dir, 'train');
  mkdirSync(join(split, 'text_files_en'), { recursive: true });
  mkdirSync(join(split, 'text_files_es'), { recursive: true });
  const d: string[] = [];
  const x: string[] = [];
  NOTES.forEach(([text, codes], i) => {
    const id = `note-${i}`;
    writeFileSync(join(split, 'text_files_en', `${id}.txt`), text);
    writeFileSync(join(split, 'text_files_es', `${id}.txt`), text);
    for (const code of codes) {
      d.push(`${id}\t${code}`);
      x.push(`${id}\tDIAGNOSTICO\t${code}\t${text.slice(0, 10)}\t0 10`);
    }
  });
  writeFileSync(join(split, 'trainD.tsv'), `${d.join('\n')}\n`);
  writeFileSync(join(split, 'trainX.tsv'), `${x.join('\n')}\n`);
  return split;
}

let t: { dir: string; cleanup: () => void };
let docs: EvidencedDoc[];
let knowledge: Knowledge;
let tags: Map<string, TagResult>;
let version: string;
beforeAll(async () => {
  t = tempDir();
  const { codeSet } = buildFixtureCodeSet(t.dir);
  knowledge = loadKnowledge(codeSet, LEXICON);
  docs = readCodiespEvidence(writeSplit(t.dir));
  const tagger = await loadTagger(join(ROOT, 'models', 'tagger'));
  version = tagger.version;
  tags = new Map();
  for (const doc of docs) {
    tags.set(doc.id, await tagger.tag(doc.text));
  }
  await tagger.release();
});
afterAll(() => {
  t.cleanup();
});

describe('trainModel with keep (notecoder train --tagger-only)', () => {
  it('refits only the tagger’s stacked scorer and keeps the rest of the model as it was', () => {
    const plain = trainModel(docs, knowledge, { folds: 2 });
    expect(plain.tagged).toBeUndefined();
    const refit = trainModel(docs, knowledge, {
      folds: 2,
      keep: plain,
      tagger: { version, tags },
    });
    expect(refit.scorer).toEqual(plain.scorer);
    expect(refit.boosted).toEqual(plain.boosted);
    expect(refit.threshold).toBe(plain.threshold);
    expect(refit.associations).toEqual(plain.associations);
    expect(refit.version).toBe(plain.version);
    expect(refit.tagged?.tagger).toBe(version);
    expect(refit.tagged?.scorer.features).toEqual(['plainLogit', ...TAGGER_FEATURES]);
    expect(refit.tagged?.threshold).toBeGreaterThan(0);
    expect(refit.provenance.taggedTrainF1AtThreshold).toBeTypeOf('number');
    // The same stacked scorer as a full refit's, since both stack on the same plain scorer.
    const full = trainModel(docs, knowledge, { folds: 2, tagger: { version, tags } });
    expect(refit.tagged?.scorer).toEqual(full.tagged?.scorer);
  });

  it('refuses to refit the tagger’s scorer without the tagger’s output', () => {
    const plain = trainModel(docs, knowledge, { folds: 2 });
    expect(() => trainModel(docs, knowledge, { folds: 2, keep: plain })).toThrow(/tagger/);
  });
});
