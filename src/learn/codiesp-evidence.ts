import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalIcd } from '../codes/code-format.js';
import { createError } from '../core/errors.js';
import { splitSentences } from '../text/sentences.js';
import { alignSentences } from './align-sentences.js';

/** A CodiEsp training document with, for each gold code, the English sentences that evidence it. */
export interface EvidencedDoc {
  readonly id: string;
  readonly text: string;
  readonly gold: readonly string[];
  /** Gold code → indexes of English sentences (as `splitSentences` splits the English text). */
  readonly evidence: ReadonlyMap<string, ReadonlySet<number>>;
}

/**
 * Reads a CodiEsp split with its X file. The X file points into the *Spanish* original; the English
 * files are a sentence-by-sentence machine translation, so a Spanish offset is carried to the English
 * sentence of the same rank when both split into the same number of sentences, else to the English
 * sentence at the same relative position.
 * @param dir - e.g. `codiesp/train` (never dev or test: they are the yardsticks)
 */
export function readCodiespEvidence(dir: string): EvidencedDoc[] {
  const split = dir.replace(/\/+$/, '').split('/').pop() ?? '';
  const dFile = join(dir, `${split}D.tsv`);
  const xFile = join(dir, `${split}X.tsv`);
  if (!existsSync(dFile) || !existsSync(xFile)) {
    throw createError(
      'DATASET_INVALID',
      `expected ${split}D.tsv and ${split}X.tsv (a CodiEsp split)`,
      { file: dir },
    );
  }
  const gold = new Map<string, string[]>();
  for (const line of readFileSync(dFile, 'utf8').split('\n')) {
    const [id, raw] = line.trim().split('\t');
    const code = raw === undefined ? undefined : canonicalIcd(raw);
    if (id !== undefined && code !== undefined) {
      const list = gold.get(id) ?? [];
      if (!list.includes(code)) {
        list.push(code);
      }
      gold.set(id, list);
    }
  }
  const positions = new Map<string, { code: string; start: number }[]>();
  for (const line of readFileSync(xFile, 'utf8').split('\n')) {
    const [id, label, raw, , where] = line.trim().split('\t');
    const code = raw === undefined ? undefined : canonicalIcd(raw);
    const start = Number((where ?? '').split(/[ ;]/)[0]);
    if (
      id !== undefined &&
      label === 'DIAGNOSTICO' &&
      code !== undefined &&
      Number.isFinite(start)
    ) {
      const list = positions.get(id) ?? [];
      list.push({ code, start });
      positions.set(id, list);
    }
  }
  const docs: EvidencedDoc[] = [];
  for (const [id, codes] of gold) {
    const enFile = join(dir, 'text_files_en', `${id}.txt`);
    const esFile = join(dir, 'text_files_es', `${id}.txt`);
    if (!existsSync(enFile)) {
      continue;
    }
    const text = readFileSync(enFile, 'utf8');
    const es = existsSync(esFile) ? readFileSync(esFile, 'utf8') : '';
    const enSentences = splitSentences(text);
    const esSentences = splitSentences(es);
    const alignment = alignSentences(
      esSentences.map((s) => s.end - s.start),
      enSentences.map((s) => s.end - s.start),
    );
    const evidence = new Map<string, Set<number>>();
    for (const { code, start } of positions.get(id) ?? []) {
      const esIndex = esSentences.findIndex((s) => start >= s.start && start < s.end);
      const targets = esIndex >= 0 ? (alignment[esIndex] ?? []) : [];
      const set = evidence.get(code) ?? new Set<number>();
      for (const t of targets) {
        set.add(t);
      }
      evidence.set(code, set);
    }
    docs.push({ id, text, gold: codes, evidence });
  }
  return docs;
}
