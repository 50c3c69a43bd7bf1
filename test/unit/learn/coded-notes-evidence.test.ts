import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codedNotesEvidence } from '../../../src/learn/coded-notes-evidence.js';
import { splitSentences } from '../../../src/text/sentences.js';
import { tempDir } from '../../helpers/fixtures.js';

// Invented notes in the team's coded-note format (eval/datasets/mtsamples-team/train-codes.jsonl).
const t = tempDir();
afterAll(() => {
  t.cleanup();
});

function write(name: string, rows: readonly unknown[]): string {
  const file = join(t.dir, name);
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return file;
}

const TEXT =
  'CHIEF COMPLAINT: Cough.\nHPI: Three days of productive cough and fever to 101.\nASSESSMENT: Community acquired\npneumonia of the right lower lobe. Asthma, mild intermittent.';

describe('codedNotesEvidence', () => {
  it('takes the required ICD-10-CM codes as gold and finds each evidence quote’s sentences', () => {
    const file = write('coded.jsonl', [
      {
        id: 'n1',
        codes: [
          // Quoted across the line break, in another case: still found.
          { system: 'ICD-10-CM', code: 'J18.9', evidence: 'community acquired pneumonia' },
          { system: 'ICD-10-CM', code: 'j45.20', optional: false, evidence: 'Asthma, mild' },
          { system: 'ICD-10-CM', code: 'R05.9', optional: true, evidence: 'productive cough' },
          { system: 'CPT', code: '99213', evidence: 'HPI' },
          { system: 'ICD-10-CM', code: 'R50.9', evidence: 'a quote the note does not hold' },
        ],
      },
    ]);
    const [doc, ...rest] = codedNotesEvidence(file, new Map([['n1', TEXT]]));
    expect(rest).toHaveLength(0);
    expect(doc?.gold).toEqual(['J18.9', 'J45.20', 'R50.9']);
    const sentences = splitSentences(TEXT);
    const sentenceOf = (words: string): number =>
      sentences.findIndex((s) => TEXT.slice(s.start, s.end).includes(words));
    expect([...(doc?.evidence.get('J18.9') ?? [])]).toContain(sentenceOf('pneumonia'));
    expect([...(doc?.evidence.get('J45.20') ?? [])]).toEqual([sentenceOf('Asthma')]);
    // Optional codes are neither positives nor negatives; an unfound quote gives no sentence.
    expect(doc?.evidence.has('R05.9')).toBe(false);
    expect(doc?.evidence.has('R50.9')).toBe(false);
  });

  it('reads the text from the row when it carries one, and skips notes without a required code', () => {
    const file = write('inline.jsonl', [
      { id: 'a', text: 'ASSESSMENT: Gout flare of the left great toe.', codes: [] },
      {
        id: 'b',
        text: 'IMPRESSION: Migraine without aura.',
        codes: [{ system: 'ICD-10-CM', code: 'G43.009', evidence: 'Migraine without aura' }],
      },
    ]);
    expect(codedNotesEvidence(file).map((d) => d.id)).toEqual(['b']);
  });

  it('names the file and line of a malformed row, a duplicate id or a note without text', () => {
    const bad = join(t.dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": "x", "text": "ok", "codes": []}\n{not json\n');
    expect(() => codedNotesEvidence(bad)).toThrow(/bad\.jsonl:2: not valid JSON/);
    const dup = write('dup.jsonl', [
      { id: 'x', text: 'a', codes: [] },
      { id: 'x', text: 'b', codes: [] },
    ]);
    expect(() => codedNotesEvidence(dup)).toThrow(/duplicate id "x"/);
    const textless = write('textless.jsonl', [{ id: 'y', codes: [] }]);
    expect(() => codedNotesEvidence(textless)).toThrow(/no text for note "y"/);
    expect(() => codedNotesEvidence(join(t.dir, 'missing.jsonl'))).toThrow(/no such file/);
  });
});
