import { describe, expect, it } from 'vitest';
import type { DetectResult } from '../../../src/core/types.js';
import { sharedRedactor } from '../../../src/redact/shared-redactor.js';
import { redactResult } from '../../../src/redact/redact-result.js';
import { redactedOffset, redactedView } from '../../../src/web/redacted-view.js';

describe('redactedView (the web page with "Redact PHI")', () => {
  const text = 'Mr. Lucan Deverill, DOB 1/2/1944, has essential hypertension and gout.';
  const ev = (s: string): { start: number; end: number; text: string } => {
    const start = text.indexOf(s);
    return { start, end: start + s.length, text: s };
  };
  const result: DetectResult = {
    noteId: 'n',
    suggestions: [
      {
        code: 'I10',
        system: 'ICD-10-CM',
        title: 'Essential (primary) hypertension',
        confidence: 0.9,
        assertion: 'present',
        evidence: [ev('essential hypertension')],
        reasons: [],
      },
      {
        code: 'X',
        system: 'ICD-10-CM',
        title: 'spanning a name',
        confidence: 0.5,
        assertion: 'present',
        evidence: [ev('Deverill, DOB')],
        reasons: [],
      },
    ],
    suppressed: [],
    versions: { codeSet: 'x', detector: 'y' },
  };

  it('moves every evidence span onto the redacted note, where its redacted text is', () => {
    const redacted = redactResult(result, text, sharedRedactor().redact(text));
    const view = redactedView({ id: 'n', text }, redacted);
    expect(view.note.text).toBe('Mr. [NAME], DOB [DATE], has essential hypertension and gout.');
    for (const s of view.result.suggestions) {
      for (const e of s.evidence) {
        expect(view.note.text.slice(e.start, e.end)).toBe(e.text);
      }
    }
    expect(view.result.suggestions[1]?.evidence[0]?.text).toBe('[NAME], DOB');
  });

  it('maps offsets before, inside and after a replaced span', () => {
    const r = sharedRedactor().redact(text);
    const name = r.spans[0];
    expect(name?.type).toBe('NAME');
    expect(redactedOffset(r, 2, 'start')).toBe(2);
    expect(redactedOffset(r, (name?.start ?? 0) + 2, 'start')).toBe(name?.start);
    expect(redactedOffset(r, (name?.start ?? 0) + 2, 'end')).toBe(
      (name?.start ?? 0) + '[NAME]'.length,
    );
    expect(redactedOffset(r, text.length, 'end')).toBe(r.text.length);
  });

  it('leaves results without redaction as they are', () => {
    const view = redactedView({ id: 'n', text }, result);
    expect(view.note.text).toBe(text);
    expect(view.result).toBe(result);
  });
});
