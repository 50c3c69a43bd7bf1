import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotecoderError } from '../../../src/core/errors.js';
import { openOnnxSession } from '../../../src/pipeline/tagger/onnx-session.js';
import { loadTagger, TAGGER_FILES, type Tagger } from '../../../src/pipeline/tagger/tagger.js';
import { loadTaggerTokenizer } from '../../../src/pipeline/tagger/tagger-tokenizer.js';
import {
  createTaggedDetector,
  openTaggedDetector,
  probeTagger,
} from '../../../src/pipeline/tagged-detector.js';
import { fixturePipeline, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { LEXICON, ROOT, fixture, tempDir } from '../../helpers/fixtures.js';
import { loadCodeSet } from '../../../src/codes/code-set.js';
import { loadKnowledge } from '../../../src/pipeline/load-knowledge.js';
import { createPipeline } from '../../../src/pipeline/pipeline.js';

const TAGGER = join(ROOT, 'models', 'tagger');
const PYTHON = process.env.PYTHON ?? 'python3';

interface ParityCase {
  text: string;
  inputIds: number[];
  mentionLogits: number[][];
  assertionLogits: number[][];
}

/** Hand-made strings that exercise the normaliser and pre-tokenizer. */
const TRICKY = [
  'No evidence of pneumonia; mild cardiomegaly is present.',
  'PATIENT DENIES CHEST PAIN, SOB, OR DIAPHORESIS.',
  'Pt s/p CABG x3 (2019), h/o MI; r/o PE. BP 142/88 mmHg, HR 96 bpm, SpO2 94% on RA.',
  'Café-au-lait macules; naïve T-cells; Sjögren syndrome; Ménière disease.',
  'Tab\tseparated\r\nlines and  double  spaces… and “curly quotes” — dashes – too.',
  'Control\u0007chars\u0000and\u200bzero width, BOM\ufeff inside; 中文 text; emoji 😀 here.',
  'supercalifragilisticexpialidociousandthensomemorelettersuntilthewordislongerthanonehundredcharacterswhichbertrejectsasunknownok',
  'İstanbul ΣΊΣΥΦΟΣ ǅ ﬁ ligature and ß',
  'HbA1c 8.2%; eGFR 52 mL/min/1.73m²; CKD stage 3a; T2DM; HTN; HFrEF (EF 35%).',
  '',
];

function pythonEncode(texts: readonly string[]): { ids: number[]; offsets: [number, number][] }[] {
  const out = execFileSync(
    PYTHON,
    [join(ROOT, 'models', 'train', 'wordpiece.py'), join(TAGGER, 'tokenizer.json')],
    {
      input: texts.map((t) => JSON.stringify(t)).join('\n') + '\n',
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { ids: number[]; offsets: [number, number][] });
}

let tagger: Tagger;
let t: { dir: string; cleanup: () => void };
let fx: FixturePipeline;
beforeAll(async () => {
  tagger = await loadTagger(TAGGER);
  t = tempDir();
  fx = fixturePipeline(t.dir);
});
afterAll(async () => {
  await tagger.release();
  t.cleanup();
});

describe('the shipped tagger', () => {
  it('gives the training framework’s logits within 1e-4 (ONNX Runtime vs PyTorch)', async () => {
    const { cases } = JSON.parse(readFileSync(fixture('tagger', 'parity.json'), 'utf8')) as {
      cases: ParityCase[];
    };
    expect(cases).toHaveLength(3);
    const session = await openOnnxSession(join(TAGGER, 'model.onnx'));
    let worst = 0;
    for (const c of cases) {
      const n = c.inputIds.length;
      const out = await session.run(
        BigInt64Array.from(c.inputIds.map(BigInt)),
        new BigInt64Array(n).fill(1n),
        1,
        n,
      );
      const flat = (rows: number[][]): number[] => rows.flat();
      flat(c.mentionLogits).forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - (out.mention[i] ?? NaN)));
      });
      flat(c.assertionLogits).forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - (out.assertion[i] ?? NaN)));
      });
      expect(out.mention.length).toBe(n * 7);
    }
    await session.release();
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('tokenizes like the training code: @huggingface/transformers and Python give the same ids', async () => {
    const { cases } = JSON.parse(readFileSync(fixture('tagger', 'parity.json'), 'utf8')) as {
      cases: ParityCase[];
    };
    const tokenizer = await loadTaggerTokenizer(TAGGER);
    for (const c of cases) {
      expect([tokenizer.cls, ...tokenizer.encode(c.text).ids, tokenizer.sep]).toEqual(c.inputIds);
    }
    const texts = [...TRICKY];
    const data = process.env.NOTECODER_TEST_DATA;
    const train = data === undefined ? undefined : join(data, 'codiesp', 'train', 'text_files_en');
    if (train !== undefined) {
      // Every CodiEsp train note: the texts the tagger learned from.
      for (const f of readdirSync(train).sort()) {
        texts.push(readFileSync(join(train, f), 'utf8'));
      }
    } else {
      console.warn(
        'NOTECODER_TEST_DATA is not set: tokenization compared on hand-made strings only',
      );
    }
    const expected = pythonEncode(texts);
    let offsetsAgree = 0;
    let tokens = 0;
    texts.forEach((text, i) => {
      const got = tokenizer.encode(text);
      expect(got.ids, `text ${i}`).toEqual(expected[i]?.ids);
      // Python counts code points, JavaScript UTF-16 units.
      const unit: number[] = [];
      let u = 0;
      for (const ch of text) {
        unit.push(u);
        u += ch.length;
      }
      unit.push(u);
      expected[i]?.offsets.forEach(([s, e], k) => {
        tokens++;
        offsetsAgree += Number(got.starts[k] === unit[s] && got.ends[k] === unit[e]);
      });
    });
    // Both sides derive offsets differently (Python keeps a whole word's span where lower-casing or
    // dropped control characters change its length); on clinical text they agree.
    expect(offsetsAgree / tokens).toBeGreaterThan(train === undefined ? 0.9 : 0.995);
    expect(texts.length).toBeGreaterThan(train === undefined ? 9 : 500);
  });

  it('aligns every token to the characters it came from', async () => {
    const tokenizer = await loadTaggerTokenizer(TAGGER);
    const vocab = (
      JSON.parse(readFileSync(join(TAGGER, 'tokenizer.json'), 'utf8')) as {
        model: { vocab: Record<string, number> };
      }
    ).model.vocab;
    const pieces = new Map(Object.entries(vocab).map(([p, id]) => [id, p.replace(/^##/, '')]));
    for (const text of TRICKY) {
      const got = tokenizer.encode(text);
      got.ids.forEach((id, k) => {
        const start = got.starts[k] ?? -1;
        const end = got.ends[k] ?? -1;
        expect(start).toBeGreaterThanOrEqual(k === 0 ? 0 : (got.starts[k - 1] ?? 0));
        expect(end).toBeLessThanOrEqual(text.length);
        if (id !== vocab['[UNK]'] && end > start) {
          expect(text.slice(start, end).toLowerCase()).toBe(pieces.get(id));
        }
      });
    }
  });

  it('tags a note longer than one window, token by token, deterministically', async () => {
    const sentence =
      'The patient has type 2 diabetes mellitus with chronic kidney disease and denies chest pain. ';
    const text = sentence.repeat(40);
    const a = await tagger.tag(text);
    const b = await tagger.tag(text);
    expect(a.starts.length).toBeGreaterThan(126 * 3);
    expect(a.mention.length).toBe(a.starts.length);
    expect(a.assertion.length).toBe(a.starts.length * 6);
    expect([...a.mention].every((p) => p >= 0 && p <= 1)).toBe(true);
    for (let i = 0; i < a.starts.length; i++) {
      const sum = [...a.assertion.subarray(i * 6, i * 6 + 6)].reduce((x, y) => x + y, 0);
      expect(sum).toBeCloseTo(1, 4);
    }
    for (const s of a.spans) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(s.start, s.end).trim()).not.toBe('');
    }
    expect(b).toEqual(a);
    expect((await tagger.tag('   ')).starts.length).toBe(0);
  });
});

describe('loading the tagger', () => {
  const copy = (): string => {
    const dir = join(t.dir, `tagger-${Math.random().toString(36).slice(2)}`);
    execFileSync('cp', ['-r', TAGGER, dir]);
    return dir;
  };
  const codeOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'resolved';
    } catch (err) {
      return isNotecoderError(err) ? err.code : String(err);
    }
  };

  it('refuses a missing folder or file with TAGGER_MODEL_MISSING', async () => {
    expect(await codeOf(loadTagger(join(t.dir, 'nowhere')))).toBe('TAGGER_MODEL_MISSING');
    for (const file of TAGGER_FILES) {
      const dir = copy();
      execFileSync('rm', [join(dir, file)]);
      expect(await codeOf(loadTagger(dir)), file).toBe('TAGGER_MODEL_MISSING');
    }
  });

  it('refuses a truncated model (sha256 check), a garbage model and changed labels', async () => {
    const truncated = copy();
    const bytes = readFileSync(join(truncated, 'model.onnx'));
    writeFileSync(join(truncated, 'model.onnx'), bytes.subarray(0, bytes.length >> 1));
    expect(await codeOf(loadTagger(truncated))).toBe('TAGGER_MODEL_INVALID');

    // Garbage whose sha256 matches config.json: ONNX Runtime itself refuses it.
    const garbage = copy();
    const junk = Buffer.from('this is not an onnx model');
    writeFileSync(join(garbage, 'model.onnx'), junk);
    const config = JSON.parse(readFileSync(join(garbage, 'config.json'), 'utf8')) as object;
    writeFileSync(
      join(garbage, 'config.json'),
      JSON.stringify({ ...config, sha256: createHash('sha256').update(junk).digest('hex') }),
    );
    expect(await codeOf(loadTagger(garbage))).toBe('TAGGER_MODEL_INVALID');

    const labels = copy();
    writeFileSync(join(labels, 'labels.json'), JSON.stringify({ mention: ['O'], assertion: [] }));
    expect(await codeOf(loadTagger(labels))).toBe('TAGGER_MODEL_INVALID');

    const tokenizer = copy();
    writeFileSync(join(tokenizer, 'tokenizer.json'), '{"not": "a tokenizer"');
    expect(await codeOf(loadTagger(tokenizer))).toBe('TAGGER_MODEL_INVALID');
  });

  it('falls back loudly with allowTaggerFallback, marking results "unavailable"', async () => {
    const warnings: string[] = [];
    const setup = {
      dir: join(t.dir, 'nowhere'),
      enabled: true,
      allowFallback: true,
      onWarning: (m: string) => warnings.push(m),
    };
    const detector = await openTaggedDetector(fx.pipeline, setup);
    expect(detector.tagger).toBe('unavailable');
    expect(warnings[0]).toMatch(/TAGGER UNAVAILABLE \(TAGGER_MODEL_MISSING\)/);
    const result = await detector.detect({ id: 'n', text: 'Essential hypertension.' });
    expect(result.versions.tagger).toBe('unavailable');
    expect(result.warnings?.map((w) => w.code)).toEqual(['TAGGER_UNAVAILABLE']);
    expect(await probeTagger(setup, join(ROOT, 'dictionaries', 'learned', 'model.json'))).toBe(
      'unavailable',
    );
    expect(
      await codeOf(probeTagger({ ...setup, allowFallback: false }, join(t.dir, 'no-model.json'))),
    ).toBe('TAGGER_MODEL_MISSING');
  });

  it('refuses a tagger other than the one the learned scorer was fitted for', async () => {
    const pipeline = { ...fx.pipeline, tagged: { tagger: 'tagger-000000000000', threshold: 0.3 } };
    expect(await codeOf(openTaggedDetector(pipeline, { dir: TAGGER, enabled: true }))).toBe(
      'TAGGER_MODEL_INVALID',
    );
  });
});

describe('a learned model without a scorer for the tagger', () => {
  it('turns the tagger off with a warning (nothing would weigh its output)', async () => {
    const plain = createPipeline(loadKnowledge(loadCodeSet(fx.codeSetPath), LEXICON));
    const warnings: string[] = [];
    const detector = await openTaggedDetector(plain, {
      dir: TAGGER,
      enabled: true,
      onWarning: (m) => warnings.push(m),
    });
    expect(detector.tagger).toBe('off');
    expect(warnings[0]).toMatch(/no scorer fitted for the tagger/);
    expect(
      (await detector.detect({ id: 'n', text: 'Essential hypertension.' })).versions.tagger,
    ).toBe('off');
    expect(await probeTagger({ dir: TAGGER, enabled: true }, join(t.dir, 'no-model.json'))).toBe(
      'off',
    );
  });
});

describe('the pipeline with the tagger', () => {
  it('codes with the tagger on, or without it per call, and says which in versions', async () => {
    const detector = createTaggedDetector(fx.pipeline, tagger);
    const note = {
      id: 'n',
      text: 'Assessment: essential hypertension. No evidence of type 2 diabetes mellitus.',
      setting: 'outpatient' as const,
    };
    const on = await detector.detect(note);
    const off = await detector.detect(note, { tagger: false });
    expect(on.versions.tagger).toBe(tagger.version);
    expect(off.versions.tagger).toBe('off');
    for (const r of [on, off]) {
      expect(r.suggestions.some((s) => s.code === 'I10')).toBe(true);
      expect(r.suggestions.some((s) => s.code.startsWith('E11'))).toBe(false);
      expect(r.suppressed.find((s) => s.code.startsWith('E11'))?.reason).toBe('negated');
      for (const s of [...r.suggestions, ...r.suppressed]) {
        for (const e of s.evidence) {
          expect(note.text.slice(e.start, e.end)).toBe(e.text);
        }
      }
    }
    await expect(detector.detect({ id: 'e', text: '  ' })).rejects.toMatchObject({
      code: 'NOTE_EMPTY',
    });
  });
});

describe('the tagger on hostile input', () => {
  it('never crashes, and every evidence span stays exact (property test)', async () => {
    const detector = createTaggedDetector(fx.pipeline, tagger);
    const parts = fc.constantFrom(
      'no',
      'type 2 diabetes mellitus',
      'essential hypertension',
      'fracture of the neck of the right femur',
      'mother with',
      '\n',
      '. ',
      'CT CHEST',
      'é',
      '\u0000',
      '\ud800',
      '😀',
      '中文',
      'HTN',
      'x'.repeat(150),
      ':',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(parts, { maxLength: 80 }).map((p) => p.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (note) => {
        try {
          const result = await detector.detect({ id: 'h', text: note });
          expect(result.versions.tagger).toBe(tagger.version);
          for (const sug of [...result.suggestions, ...result.suppressed]) {
            for (const e of sug.evidence) {
              expect(note.slice(e.start, e.end)).toBe(e.text);
            }
          }
        } catch (err) {
          expect(isNotecoderError(err) && err.code === 'NOTE_EMPTY').toBe(true);
        }
      }),
      { numRuns: 150, seed: 6 },
    );
  });

  it('tags a note at the 200,000-character limit (about 370 windows) in one piece', async () => {
    const text =
      'Patient with type 2 diabetes mellitus and essential hypertension; denies chest pain. '.repeat(
        2_350,
      );
    expect(text.length).toBeLessThanOrEqual(200_000);
    const tags = await tagger.tag(text);
    expect(tags.starts.length).toBeGreaterThan(126 * 250);
    // Every token was read by some window: its assertion probabilities sum to one.
    for (let i = 0; i < tags.starts.length; i += 997) {
      const sum = [...tags.assertion.subarray(i * 6, i * 6 + 6)].reduce((x, y) => x + y, 0);
      expect(sum).toBeCloseTo(1, 4);
    }
    expect(tags.ends.at(-1)).toBeLessThanOrEqual(text.length);
  });
});
