import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalIcd } from '../codes/code-format.js';
import { createError } from '../core/errors.js';
import { splitSentences } from '../text/sentences.js';
import { alignSentences } from './align-sentences.js';
import { projectEvidence, textWords } from './project-evidence.js';
import { fitWordTranslation, type WordTranslation } from './word-translation.js';

/** A CodiEsp training document with, for each gold code, the English sentences that evidence it. */
export interface EvidencedDoc {
  readonly id: string;
  readonly text: string;
  readonly gold: readonly string[];
  /** Gold code → indexes of English sentences (as `splitSentences` splits the English text). */
  readonly evidence: ReadonlyMap<string, ReadonlySet<number>>;
  /**
   * Gold code → the English words that translate its Spanish evidence (character spans), where the
   * words could be carried over (see {@link projectEvidence}); a code without spans here has only
   * sentence-level evidence. Empty unless read with `evidenceWords`.
   */
  readonly spans: ReadonlyMap<string, readonly { start: number; end: number }[]>;
}

/**
 * Reads a CodiEsp split with its X file. The X file points into the *Spanish* original; the English
 * files are a sentence-by-sentence machine translation, so a Spanish offset is carried to the English
 * sentence of the same rank when both split into the same number of sentences, else to the English
 * sentence at the same relative position. Within the aligned sentences, the Spanish evidence words are
 * carried to English words through word-translation probabilities learned from the split's own
 * one-to-one sentence pairs (IBM Model 1) and cognate spellings — with `evidenceWords` only: the
 * tagger's labels need them, the association miner does not (fitting the table takes seconds).
 * @param dir - e.g. `codiesp/train` (never dev or test: they are the yardsticks)
 */
export function readCodiespEvidence(
  dir: string,
  options: { readonly evidenceWords?: boolean } = {},
): EvidencedDoc[] {
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
  const positions = new Map<string, { code: string; start: number; segments: number[][] }[]>();
  for (const line of readFileSync(xFile, 'utf8').split('\n')) {
    const [id, label, raw, , where] = line.trim().split('\t');
    const code = raw === undefined ? undefined : canonicalIcd(raw);
    const segments = (where ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/).map(Number))
      .filter((seg) => seg.length === 2 && seg.every(Number.isFinite));
    const start = Number((where ?? '').split(/[ ;]/)[0]);
    if (
      id !== undefined &&
      label === 'DIAGNOSTICO' &&
      code !== undefined &&
      Number.isFinite(start)
    ) {
      const list = positions.get(id) ?? [];
      list.push({ code, start, segments });
      positions.set(id, list);
    }
  }
  const read: ReadNote[] = [];
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
    read.push({ id, text, es, codes, enSentences, esSentences, alignment });
  }
  const table = options.evidenceWords === true ? sentencePairTable(read) : undefined;
  const docs: EvidencedDoc[] = [];
  for (const { id, text, es, codes, enSentences, esSentences, alignment } of read) {
    const evidence = new Map<string, Set<number>>();
    const spans = new Map<string, { start: number; end: number }[]>();
    for (const { code, start, segments } of positions.get(id) ?? []) {
      const esIndex = esSentences.findIndex((s) => start >= s.start && start < s.end);
      const targets = esIndex >= 0 ? (alignment[esIndex] ?? []) : [];
      const set = evidence.get(code) ?? new Set<number>();
      for (const t of targets) {
        set.add(t);
      }
      evidence.set(code, set);
      if (table === undefined) {
        continue;
      }
      const english = targets.flatMap((t) => {
        const sentence = enSentences[t];
        return sentence === undefined ? [] : textWords(text, sentence.start, sentence.end);
      });
      const spanish = segments.flatMap(([from = 0, to = 0]) => textWords(es, from, to));
      const span = projectEvidence(spanish, english, table);
      if (span !== undefined) {
        const list = spans.get(code) ?? [];
        if (!list.some((s) => s.start === span.start && s.end === span.end)) {
          list.push(span);
        }
        spans.set(code, list);
      }
    }
    docs.push({ id, text, gold: codes, evidence, spans });
  }
  return docs;
}

/** A note of the split as read: both texts, their sentences and the sentence alignment. */
interface ReadNote {
  readonly id: string;
  readonly text: string;
  readonly es: string;
  readonly codes: string[];
  readonly enSentences: ReturnType<typeof splitSentences>;
  readonly esSentences: ReturnType<typeof splitSentences>;
  readonly alignment: number[][];
}

/** Word translations learned from the one-to-one sentence pairs of the whole split. */
function sentencePairTable(read: readonly ReadNote[]): WordTranslation {
  const pairs: [string[], string[]][] = [];
  for (const { text, es, enSentences, esSentences, alignment } of read) {
    const targets = new Map<number, number>();
    alignment.forEach((list) => {
      for (const t of list) {
        targets.set(t, (targets.get(t) ?? 0) + 1);
      }
    });
    alignment.forEach((list, i) => {
      const t = list[0];
      const source = esSentences[i];
      const target = t === undefined ? undefined : enSentences[t];
      if (list.length === 1 && t !== undefined && targets.get(t) === 1 && source && target) {
        pairs.push([
          textWords(es, source.start, source.end).map((w) => w.word),
          textWords(text, target.start, target.end).map((w) => w.word),
        ]);
      }
    });
  }
  return fitWordTranslation(pairs);
}
