import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeSet } from '../../src/codes/build-code-set.js';
import { loadCodeSet } from '../../src/codes/code-set.js';
import type { Setting } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/pipeline.js';
import { LEXICON, ROOT, fixture, tempDir } from '../helpers/fixtures.js';
import { testData } from '../helpers/test-data.js';

/** A note written by the team for one failure class of issue 17, judged at the operating threshold. */
interface UsNote {
  id: string;
  /** The failure class the note stands for. */
  class: string;
  text: string;
  setting?: Setting;
  /** Suggested at or above the operating threshold. */
  expect: string[];
  /**
   * Suggested as present at any confidence: negation-scope notes judge the reading, not whether a coder
   * reports the finding (the selection stage decides that).
   */
  mentioned?: string[];
  /** Not suggested at or above the operating threshold. */
  absent?: string[];
}

const icd10cm = testData('icd10cm');
const hcpcs = testData('hcpcs');
const notes = readFileSync(fixture('regression', 'us-notes.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as UsNote);

describe.skipIf(icd10cm === undefined)('US-note regression: codes a US coder would bill', () => {
  const t = tempDir();
  let pipeline: Pipeline;
  beforeAll(() => {
    const out = join(t.dir, 'codeset.json');
    buildCodeSet({
      icd10cm: [icd10cm ?? ''],
      ...(hcpcs === undefined ? {} : { hcpcs: [hcpcs] }),
      out,
      lexiconDir: LEXICON,
    });
    pipeline = createPipeline(
      loadKnowledge(loadCodeSet(out), LEXICON, join(ROOT, 'dictionaries', 'learned', 'model.json')),
    );
  });
  afterAll(() => {
    t.cleanup();
  });

  it.each(notes.map((n) => [`${n.id} (${n.class})`, n] as const))('%s', (_, note) => {
    const result = pipeline.detect({
      id: note.id,
      text: note.text,
      ...(note.setting ? { setting: note.setting } : {}),
    });
    const shown = result.suggestions
      .filter((s) => s.confidence >= pipeline.threshold)
      .map((s) => s.code);
    for (const code of note.expect) {
      expect(shown, `${code} expected in ${shown.join(', ')}`).toContain(code);
    }
    for (const code of note.mentioned ?? []) {
      const found = result.suggestions.find((s) => s.code === code);
      expect(found?.assertion, `${code} read as present`).toBe('present');
    }
    for (const code of note.absent ?? []) {
      expect(shown, `${code} must not be suggested`).not.toContain(code);
    }
  });
});
